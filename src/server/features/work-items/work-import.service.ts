import type { Transaction } from 'kysely';
import { importMaxCsvLength, importMaxRows } from '../../../shared/contracts/inventory';
import { type WorkImportReport, WorkImportRequest } from '../../../shared/contracts/work-import';
import { NewWorkItem, type WorkItemType } from '../../../shared/contracts/work-items';
import { type CsvSeparator, parseCsv } from '../../../shared/domain/csv';
import type { CsvCellIssue } from '../../../shared/domain/inventory-csv';
import { hasPermission } from '../../../shared/domain/roles';
import {
  readWorkItemCsvHeader,
  readWorkItemCsvRow,
  type WorkItemCsvColumn,
  type WorkItemCsvValues,
} from '../../../shared/domain/work-items-csv';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { defaultStates, ensureWorkflow } from '../workflows/workflows.service';
import { assertCanReadWork, canChangeWork, type WorkActor } from './work.policy';
import { checkRowKeys, type ReadRow } from './work-import-keys';
import { listAncestorIds, listLabels, replaceLabels, updateWorkItemRow } from './work-items.repository';
import { createWorkItemIn, momentsOnEntering } from './work-items.service';

type RowReport = WorkImportReport['rows'][number];

/** The fields of an item an import sets, as stored. */
interface ItemContent {
  teamId: number;
  stateId: number;
  title: string;
  description: string;
  type: WorkItemType;
  priority: number;
  assigneeId: number | null;
  parentId: number | null;
  startDate: string | null;
  dueDate: string | null;
  estimateMinutes: number | null;
  spentMinutes: number;
  labels: string[];
}

interface StoredItem extends ItemContent {
  id: number;
  startedAt: number | null;
  completedAt: number | null;
}

interface StateInfo {
  id: number;
  teamId: number;
  name: string;
  category: string;
  wipLimit: number | null;
}

/** A parent named by the `key` of a new row of the file: its id is known once that row is written. */
interface ParentByKey {
  parentKey: string | null;
}

type PlannedRow =
  | ({ action: 'create'; line: number; item: ItemContent; key: string | null } & ParentByKey)
  | ({
      action: 'update';
      line: number;
      item: ItemContent;
      before: StoredItem;
      state: StateInfo;
    } & ParentByKey)
  | { action: 'unchanged'; line: number };
type WrittenRow = Extract<PlannedRow, { action: 'create' | 'update' }>;

/** What the plan reads from the database once: names to resolve and the items the file names. */
interface Lookups {
  teams: { id: number; name: string }[];
  statesByTeam: Map<number, StateInfo[]>;
  users: { id: number; name: string; email: string }[];
  items: Map<number, StoredItem>;
  /** items in each WIP-limited state, counted as the plan places rows */
  wipCounts: Map<number, number>;
}

// Where a NewWorkItem field's problem shows in the file: the column a person wrote.
const columnOfField: Record<string, WorkItemCsvColumn> = { teamId: 'team', assigneeId: 'assignee' };

/**
 * Imports work items from CSV text, columns as the work export writes them (see work-items-csv).
 * A row with an `id` updates that item (only the file's columns change, an identical row is
 * unchanged); a row without one creates an item. Team, state and assignee are read by name (the
 * assignee also by e-mail). A parent is an existing item (`parentId`) or a new row of the same file
 * (`parentKey`, naming that row's `key`); rows are written parents first, whatever their order in
 * the file. Nothing is written while any row has an error; with `dryRun` false a valid file is
 * written in one transaction with an audit record per item. Members import only into their own
 * teams.
 */
export async function importWorkItemsCsv(
  ctx: AppContext,
  actor: WorkActor,
  input: { csv: string; dryRun?: boolean },
): Promise<WorkImportReport> {
  assertCanReadWork(actor);
  if ('role' in actor && !hasPermission(actor.role, 'work.write')) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
  // Checked before zod and the parser see the text: a huge body costs nothing more than this.
  if (input.csv.length > importMaxCsvLength) {
    throw appError('payload_too_large', phrase('import.fileTooLarge'));
  }
  const request = parseInput(WorkImportRequest, input, 'body');
  const parsed = parseCsv(request.csv);
  if (!parsed.isParsed) {
    return fileError(parsed.separator, parsed.line, [{ column: '(file)', message: parsed.message }]);
  }
  const [headerRecord, ...records] = parsed.records;
  if (!headerRecord)
    return fileError(parsed.separator, 1, [{ column: '(file)', message: 'the file is empty' }]);
  if (records.length > importMaxRows) {
    const message = phrase('import.tooManyRows', { rows: records.length, max: importMaxRows });
    throw appError('payload_too_large', message, [{ path: 'body.csv', message }]);
  }
  const header = readWorkItemCsvHeader(headerRecord.fields);
  if (!header.isValid) return fileError(parsed.separator, headerRecord.line, header.issues);
  const rows = records.map((record) => ({
    line: record.line,
    ...readWorkItemCsvRow(header.columns, record.fields),
  }));

  if (request.dryRun) return (await planRows(ctx.db, actor, rows, parsed.separator)).report;
  const changedTeams = new Set<number>();
  // The ids of the new rows with a key, as they are written: their children's parent.
  const idOfKey = new Map<string, number>();
  const report = await ctx.db.transaction().execute(async (trx) => {
    await ensureWorkflowsOfNamedTeams(trx, rows, ctx.now());
    // Planned again inside the writing transaction, so that the rows checked are the rows written.
    const plan = await planRows(trx, actor, rows, parsed.separator);
    if (!plan.report.isValid) return plan.report;
    for (const row of parentsFirst(plan.rows)) {
      await applyRow(ctx, trx, actor, row, idOfKey);
      changedTeams.add(row.item.teamId);
    }
    return { ...plan.report, isApplied: true };
  });
  for (const teamId of changedTeams) ctx.events.emit('work.changed', { workItemId: null, teamId });
  return report;
}

function fileError(separator: CsvSeparator, line: number, errors: CsvCellIssue[]): WorkImportReport {
  return {
    isValid: false,
    isApplied: false,
    separator,
    counts: { create: 0, update: 0, unchanged: 0, error: 1 },
    rows: [{ line, action: 'error', name: '', errors }],
  };
}

/** Gives the teams the file names their default workflow, so that their states have ids to write. */
async function ensureWorkflowsOfNamedTeams(trx: Db, rows: ReadRow[], now: number): Promise<void> {
  const teams = await trx.selectFrom('teams').select(['id', 'name']).execute();
  const named = new Set(rows.map((row) => row.values.team ?? ''));
  for (const name of named) {
    const team = findByName(teams, name);
    if (team) await ensureWorkflow(trx, team.id, now);
  }
}

async function loadLookups(db: Db, rows: ReadRow[]): Promise<Lookups> {
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('id').execute();
  const stateRows = await db
    .selectFrom('workflowStates')
    .select(['id', 'teamId', 'name', 'category', 'wipLimit'])
    .orderBy('teamId')
    .orderBy('position')
    .execute();
  const statesByTeam = new Map<number, StateInfo[]>();
  for (const state of stateRows)
    statesByTeam.set(state.teamId, [...(statesByTeam.get(state.teamId) ?? []), state]);
  // A team made before workflows existed has none yet: its default is what the import will create.
  for (const team of teams) {
    if (!statesByTeam.has(team.id)) {
      statesByTeam.set(
        team.id,
        defaultStates.map((state, index) => ({ ...state, id: -(team.id * 100 + index), teamId: team.id })),
      );
    }
  }
  const users = await db.selectFrom('users').select(['id', 'name', 'email']).orderBy('id').execute();
  const ids = [
    ...new Set(
      rows.flatMap((row) => [row.values.id, row.values.parentId]).filter((id) => typeof id === 'number'),
    ),
  ];
  const items = new Map<number, StoredItem>();
  // In chunks, so that a big file stays under the drivers' limits on bound parameters.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const found = await db
      .selectFrom('workItems')
      .select([
        'id',
        'teamId',
        'stateId',
        'title',
        'description',
        'type',
        'priority',
        'assigneeId',
        'parentId',
        'startDate',
        'dueDate',
        'estimateMinutes',
        'spentMinutes',
        'startedAt',
        'completedAt',
      ])
      .where('id', 'in', chunk)
      .execute();
    const labels = await listLabels(db, chunk);
    for (const item of found) {
      items.set(item.id, { ...item, type: item.type as WorkItemType, labels: labels.get(item.id) ?? [] });
    }
  }
  const limited = stateRows.filter((state) => state.wipLimit !== null).map((state) => state.id);
  const wipCounts = new Map<number, number>();
  if (limited.length > 0) {
    const counts = await db
      .selectFrom('workItems')
      .select(['stateId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('stateId', 'in', limited)
      .groupBy('stateId')
      .execute();
    for (const count of counts) wipCounts.set(count.stateId, Number(count.n));
  }
  return { teams, statesByTeam, users, items, wipCounts };
}

/** A team or state by exact name, or by name in any letter case when that is unambiguous. */
function findByName<T extends { name: string }>(candidates: readonly T[], name: string): T | undefined {
  const exact = candidates.filter((candidate) => candidate.name === name);
  if (exact.length === 1) return exact[0];
  const folded = candidates.filter((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/** Checks every row against the database without writing: what each would do, or why it cannot. */
async function planRows(
  db: Db,
  actor: WorkActor,
  rows: ReadRow[],
  separator: CsvSeparator,
): Promise<{ report: WorkImportReport; rows: PlannedRow[] }> {
  const lookups = await loadLookups(db, rows);
  const keyErrors = await checkRowKeys(db, lookups.items, rows);
  const firstLineOfId = new Map<number, number>();
  const reports: RowReport[] = [];
  const planned: PlannedRow[] = [];
  for (const [index, { line, values, issues }] of rows.entries()) {
    const errors = [...issues, ...(keyErrors.get(index) ?? [])];
    const id = values.id ?? null;
    if (id !== null) {
      const earlier = firstLineOfId.get(id);
      if (earlier !== undefined)
        errors.push({ column: 'id', message: `#${id} is also on line ${earlier}: one row per item` });
      else firstLineOfId.set(id, line);
    }
    const row = await planRow(db, actor, lookups, line, values, errors);
    if (row && errors.length === 0) {
      planned.push(row);
      reports.push({ line, action: row.action, name: values.title ?? '', errors: [] });
    } else reports.push({ line, action: 'error', name: values.title ?? '', errors });
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of reports) counts[row.action] += 1;
  return {
    report: { isValid: counts.error === 0, isApplied: false, separator, counts, rows: reports },
    rows: planned,
  };
}

/** One row's plan; undefined, with its errors added, when the row cannot be written. */
async function planRow(
  db: Db,
  actor: WorkActor,
  lookups: Lookups,
  line: number,
  values: WorkItemCsvValues,
  errors: CsvCellIssue[],
): Promise<PlannedRow | undefined> {
  const hasError = (column: string) => errors.some((error) => error.column === column);
  const id = values.id ?? null;
  const before = id === null ? undefined : lookups.items.get(id);
  if (id !== null && !before && !hasError('id')) {
    errors.push({ column: 'id', message: `there is no work item #${id}; leave id empty to create one` });
  }
  const team = values.team ? findByName(lookups.teams, values.team) : undefined;
  if (values.team && !team) errors.push({ column: 'team', message: `no team is named "${values.team}"` });
  if (!team || (id !== null && !before)) return undefined;
  if (before && before.teamId !== team.id) {
    errors.push({
      column: 'team',
      message: 'an import does not move an item to another team: change it on its page',
    });
    return undefined;
  }
  if (!canChangeWork(actor, team.id)) {
    errors.push({ column: 'team', message: 'you may only import work items of your own teams' });
    return undefined;
  }
  const states = lookups.statesByTeam.get(team.id) ?? [];
  const state = resolveState(states, values.state, before, errors);
  const assigneeId = resolveAssignee(lookups.users, values.assignee, before, errors);
  const parentKey = values.parentKey ?? null;
  const candidate = {
    teamId: team.id,
    title: values.title ?? before?.title,
    description: values.description ?? before?.description ?? '',
    type: values.type ?? before?.type ?? 'task',
    priority: values.priority ?? before?.priority ?? 3,
    assigneeId: assigneeId ?? null,
    // A parent by key has no id until its row is written; checkRowKeys has checked it.
    parentId:
      parentKey !== null
        ? null
        : values.parentId !== undefined
          ? values.parentId
          : (before?.parentId ?? null),
    startDate: values.startDate !== undefined ? values.startDate : (before?.startDate ?? null),
    dueDate: values.dueDate !== undefined ? values.dueDate : (before?.dueDate ?? null),
    estimateMinutes:
      values.estimateMinutes !== undefined ? values.estimateMinutes : (before?.estimateMinutes ?? null),
    spentMinutes: values.spentMinutes ?? before?.spentMinutes ?? 0,
    labels: values.labels ?? before?.labels ?? [],
  };
  const parsed = NewWorkItem.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = columnOfField[field] ?? (field || '(row)');
      if (!hasError(column)) errors.push({ column, message: issue.message });
    }
  }
  if (
    candidate.startDate &&
    candidate.dueDate &&
    candidate.startDate > candidate.dueDate &&
    !hasError('startDate')
  ) {
    errors.push({ column: 'startDate', message: 'must be on or before the due date' });
  }
  if (parentKey === null) await checkParent(db, lookups, id, candidate.parentId, errors);
  if (!state || assigneeId === undefined || !parsed.success || errors.length > 0) return undefined;
  const item: ItemContent = {
    ...candidate,
    ...parsed.data,
    stateId: state.id,
    labels: [...new Set(parsed.data.labels)].sort(),
  };
  if (before && parentKey === null && isSameContent(before, item)) return { action: 'unchanged', line };
  if (!before || before.stateId !== state.id) {
    if (!takeWipPlace(lookups, state, before?.stateId, errors)) return undefined;
  }
  return before
    ? { action: 'update', line, item, before, state, parentKey }
    : { action: 'create', line, item, key: values.key ?? null, parentKey };
}

/** The row's state: by name in the team's workflow; empty keeps an item's state, or the first one. */
function resolveState(
  states: StateInfo[],
  name: string | null | undefined,
  before: StoredItem | undefined,
  errors: CsvCellIssue[],
): StateInfo | undefined {
  if (!name) {
    if (before) return states.find((state) => state.id === before.stateId);
    return states.find((state) => state.category !== 'triage') ?? states[0];
  }
  const state = findByName(states, name);
  if (!state) {
    const names = states.map((candidate) => candidate.name).join(', ');
    errors.push({ column: 'state', message: `the team's workflow has no state "${name}"; use ${names}` });
  }
  return state;
}

/** The assignee's id by e-mail or name; null for nobody; undefined (with an error) when unknown. */
function resolveAssignee(
  users: Lookups['users'],
  text: string | null | undefined,
  before: StoredItem | undefined,
  errors: CsvCellIssue[],
): number | null | undefined {
  if (text === undefined) return before?.assigneeId ?? null;
  if (text === null) return null;
  const byEmail = users.find((user) => user.email.toLowerCase() === text.toLowerCase());
  if (byEmail) return byEmail.id;
  const byName = users.filter((user) => user.name === text);
  if (byName.length === 1) return byName[0]?.id;
  const message =
    byName.length > 1
      ? `${byName.length} people are named "${text}": write their e-mail instead`
      : `no one is named "${text}" or has that e-mail`;
  errors.push({ column: 'assignee', message });
  return undefined;
}

/** A parent must exist, and an item may not end up inside itself. */
async function checkParent(
  db: Db,
  lookups: Lookups,
  id: number | null,
  parentId: number | null,
  errors: CsvCellIssue[],
): Promise<void> {
  if (parentId === null || errors.some((error) => error.column === 'parentId')) return;
  if (!lookups.items.has(parentId)) {
    errors.push({ column: 'parentId', message: `there is no work item #${parentId}` });
    return;
  }
  if (id !== null && lookups.items.get(id)?.parentId !== parentId) {
    const chain = [parentId, ...(await listAncestorIds(db, parentId))];
    if (chain.includes(id))
      errors.push({ column: 'parentId', message: `#${parentId} is inside #${id}: a loop of parents` });
  }
}

/** Counts a row into its state's WIP limit; false (with an error) when the state is full. */
function takeWipPlace(
  lookups: Lookups,
  state: StateInfo,
  fromStateId: number | undefined,
  errors: CsvCellIssue[],
): boolean {
  if (state.wipLimit !== null) {
    const count = lookups.wipCounts.get(state.id) ?? 0;
    if (count >= state.wipLimit) {
      errors.push({
        column: 'state',
        message: `"${state.name}" would go over its work-in-progress limit of ${state.wipLimit}`,
      });
      return false;
    }
    lookups.wipCounts.set(state.id, count + 1);
  }
  if (fromStateId !== undefined && lookups.wipCounts.has(fromStateId)) {
    lookups.wipCounts.set(fromStateId, (lookups.wipCounts.get(fromStateId) ?? 1) - 1);
  }
  return true;
}

const comparedFields = [
  'stateId',
  'title',
  'description',
  'type',
  'priority',
  'assigneeId',
  'parentId',
  'startDate',
  'dueDate',
  'estimateMinutes',
  'spentMinutes',
] as const;

function isSameContent(before: StoredItem, item: ItemContent): boolean {
  return (
    comparedFields.every((field) => before[field] === item[field]) &&
    before.labels.join('\n') === item.labels.join('\n')
  );
}

/**
 * The rows to write, in file order except that a row whose parent is a new row by key waits until
 * that row is written. Unknown keys and loops are row errors before this runs, so none is left over.
 */
function parentsFirst(rows: readonly PlannedRow[]): WrittenRow[] {
  const ordered: WrittenRow[] = [];
  const writtenKeys = new Set<string>();
  const waitingFor = new Map<string, WrittenRow[]>();
  const place = (first: WrittenRow) => {
    const ready = [first];
    for (let row = ready.pop(); row; row = ready.pop()) {
      ordered.push(row);
      const key = row.action === 'create' ? row.key : null;
      if (key === null) continue;
      writtenKeys.add(key);
      ready.push(...(waitingFor.get(key) ?? []).reverse());
      waitingFor.delete(key);
    }
  };
  for (const row of rows) {
    if (row.action === 'unchanged') continue;
    if (row.parentKey !== null && !writtenKeys.has(row.parentKey)) {
      waitingFor.set(row.parentKey, [...(waitingFor.get(row.parentKey) ?? []), row]);
    } else place(row);
  }
  if (waitingFor.size > 0) throw new Error('import plan: rows wait for a parent key that is never written');
  return ordered;
}

/** Writes one planned row in the import's transaction, with its audit record. */
async function applyRow(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: WorkActor,
  row: WrittenRow,
  idOfKey: Map<string, number>,
): Promise<void> {
  const parentId = row.parentKey === null ? row.item.parentId : idOfKey.get(row.parentKey);
  if (parentId === undefined) throw new Error(`import: the row keyed "${row.parentKey}" is not written yet`);
  if (row.action === 'create') {
    const id = await createWorkItemIn(ctx, trx, actor, { ...row.item, parentId });
    if (row.key !== null) idOfKey.set(row.key, id);
    return;
  }
  const { labels, teamId: _teamId, ...content } = row.item;
  const fields = { ...content, parentId };
  const now = ctx.now();
  const isMoved = row.before.stateId !== row.state.id;
  await updateWorkItemRow(trx, row.before.id, {
    ...fields,
    ...(isMoved
      ? {
          category: row.state.category,
          ...momentsOnEntering(row.state.category, row.before, now),
          stateChangedAt: now,
        }
      : {}),
    updatedAt: now,
  });
  await replaceLabels(trx, row.before.id, labels);
  await recordChange(ctx, trx, actor, {
    action: 'workItem.update',
    entityType: 'workItem',
    entityId: row.before.id,
    before: row.before,
    after: { ...row.item, parentId, id: row.before.id, origin: 'import' },
  });
}
