import type { Transaction } from 'kysely';
import {
  type ImportReport,
  ImportRequest,
  type Item,
  importMaxCsvLength,
  importMaxRows,
  NewItem,
} from '../../../shared/contracts/inventory';
import { type CsvRecord, type CsvSeparator, parseCsv } from '../../../shared/domain/csv';
import {
  type CsvCellIssue,
  formatAttributeValue,
  type ItemCsvHeaderColumn,
  type ItemCsvValues,
  readAttributeText,
  readItemCsvHeader,
  readItemCsvRow,
} from '../../../shared/domain/inventory-csv';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { type Change, recordChanges } from '../audit/audit.service';
import { assertCanWriteInventory, canChangeItem, type InventoryActor } from './inventory.policy';
import {
  deleteTagsOfItems,
  findItemRowsByNames,
  insertItemRows,
  insertItemTags,
  isUniqueViolation,
  listTeamNames,
  updateItemRow,
} from './inventory.repository';
import { contentOf, isSameContent, toItem, toItems, toItemValues, uniqueTags } from './inventory.service';

type RowReport = ImportReport['rows'][number];

/** A row that passed every check, with what writing it means. */
type PlannedRow =
  | { action: 'create'; line: number; item: NewItem }
  | { action: 'update'; line: number; item: NewItem; before: Item }
  | { action: 'unchanged'; line: number };

// Where a NewItem field's problem shows in the file: the column a person wrote.
const columnOfField: Record<string, string> = {
  ownerTeamId: 'ownerTeam',
  purchaseCostCents: 'purchaseCost',
  annualCostCents: 'annualCost',
};

/**
 * Imports items from CSV text (see the shared inventory-csv rules for the columns). A row whose name
 * exists is an update of that item (only the file's columns change), an identical one is unchanged.
 * The report lists every row; nothing is written while any row is invalid, and with `dryRun` false a
 * valid file is written in one transaction with an audit record per item. The importer's own rights
 * apply row by row.
 */
export async function importItemsCsv(
  ctx: AppContext,
  actor: InventoryActor,
  input: { csv: string; dryRun?: boolean },
): Promise<ImportReport> {
  assertCanWriteInventory(actor);
  if (input.csv.length > importMaxCsvLength) {
    throw appError('payload_too_large', phrase('import.fileTooLarge'));
  }
  const request = parseInput(ImportRequest, input, 'body');
  const parsed = parseCsv(request.csv);
  if (!parsed.isParsed) {
    return fileError(parsed.separator, parsed.line, [{ column: '(file)', message: parsed.message }]);
  }
  const [headerRecord, ...records] = parsed.records;
  if (!headerRecord) {
    return fileError(parsed.separator, 1, [{ column: '(file)', message: 'the file is empty' }]);
  }
  if (records.length > importMaxRows) {
    const message = phrase('import.tooManyRows', { rows: records.length, max: importMaxRows });
    throw appError('payload_too_large', message, [{ path: 'body.csv', message }]);
  }
  const header = readItemCsvHeader(headerRecord.fields);
  if (!header.isValid) return fileError(parsed.separator, headerRecord.line, header.issues);

  const plan = (db: Db) => planRows(db, actor, header.columns, records, parsed.separator);
  if (request.dryRun) return (await plan(ctx.db)).report;
  try {
    // Checked inside the writing transaction, so that the rows checked are the rows written.
    return await ctx.db.transaction().execute(async (trx) => {
      const { report, rows } = await plan(trx);
      if (!report.isValid) return report;
      await applyPlan(ctx, trx, actor, rows);
      return { ...report, isApplied: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw appError('conflict', phrase('import.itemNamesRaced'));
    }
    throw error;
  }
}

function fileError(separator: CsvSeparator, line: number, errors: CsvCellIssue[]): ImportReport {
  return {
    isValid: false,
    isApplied: false,
    separator,
    counts: { create: 0, update: 0, unchanged: 0, error: 1 },
    rows: [{ line, action: 'error', name: '', errors }],
  };
}

/** Checks every row against the database without writing: what each would do, or why it cannot. */
async function planRows(
  db: Db,
  actor: InventoryActor,
  columns: ItemCsvHeaderColumn[],
  records: CsvRecord[],
  separator: CsvSeparator,
): Promise<{ report: ImportReport; rows: PlannedRow[] }> {
  const readRows = records.map((record) => ({
    line: record.line,
    ...readItemCsvRow(columns, record.fields),
  }));
  const names = readRows.map((row) => row.values.name ?? '').filter((name) => name !== '');
  const existing = new Map(
    (await toItems(db, await findItemRowsByNames(db, names))).map((item) => [item.name, item]),
  );
  const teams = await listTeamNames(db);
  const firstLineOfName = new Map<string, number>();
  const reports: RowReport[] = [];
  const rows: PlannedRow[] = [];

  for (const { line, values, issues } of readRows) {
    const name = values.name ?? '';
    const errors = [...issues];
    const earlierLine = firstLineOfName.get(name);
    if (name !== '' && earlierLine !== undefined) {
      errors.push({ column: 'name', message: `the same name is on line ${earlierLine}: one row per item` });
    } else if (name !== '') firstLineOfName.set(name, line);

    const before = existing.get(name);
    const candidate = buildCandidate(values, before, teams, errors);
    const result = NewItem.safeParse(candidate);
    if (!result.success) {
      const alreadyReported = new Set(errors.map((error) => error.column));
      for (const issue of result.error.issues) {
        const column = columnOfIssue(issue.path);
        const isMissing = issue.path.length === 1 && candidate[String(issue.path[0])] === undefined;
        if (!alreadyReported.has(column))
          errors.push({ column, message: isMissing ? 'required' : issue.message });
      }
    }
    if (errors.length === 0 && result.success) {
      const item = { ...result.data, tags: uniqueTags(result.data.tags) };
      const planned = planRow(actor, line, item, before, errors);
      if (planned) {
        rows.push(planned);
        reports.push({ line, action: planned.action, name, errors: [] });
        continue;
      }
    }
    reports.push({ line, action: 'error', name, errors });
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of reports) counts[row.action] += 1;
  const report = { isValid: counts.error === 0, isApplied: false, separator, counts, rows: reports };
  return { report, rows };
}

/** The item a row describes: the existing item with the file's columns laid over it, or a new one. */
function buildCandidate(
  values: ItemCsvValues,
  before: Item | undefined,
  teams: { id: number; name: string }[],
  errors: CsvCellIssue[],
): Record<string, unknown> {
  const { ownerTeam, attributeTexts, ...fields } = values;
  const candidate: Record<string, unknown> = before ? { ...contentOf(before) } : {};
  // A cell that could not be read leaves the field as it was, so its error is reported once. An empty
  // cell of a field that cannot be empty (kind, criticality, currency) keeps the value of an update.
  const unreadable = new Set(errors.map((error) => error.column));
  for (const [field, value] of Object.entries(fields)) {
    const column = columnOfField[field] ?? field;
    if (unreadable.has(column) || (value === undefined && before)) continue;
    candidate[field] = value;
  }
  if (ownerTeam !== undefined) {
    const team = ownerTeam === null ? null : findTeam(teams, ownerTeam);
    if (team === undefined) errors.push({ column: 'ownerTeam', message: `no team is named "${ownerTeam}"` });
    else candidate.ownerTeamId = team?.id ?? null;
  }
  if (attributeTexts) {
    const attributes: Record<string, unknown> = { ...before?.attributes };
    for (const [key, text] of Object.entries(attributeTexts)) {
      const current = before?.attributes[key];
      // The text an export wrote for a stored value reads back as that very value (a string "42" stays a string).
      if (current !== undefined && formatAttributeValue(current) === text) continue;
      const value = readAttributeText(text);
      if (value === undefined) delete attributes[key];
      else attributes[key] = value;
    }
    candidate.attributes = attributes;
  }
  return candidate;
}

/** A team by exact name, or by name in any letter case when that is unambiguous. */
function findTeam(teams: { id: number; name: string }[], name: string) {
  const exact = teams.find((team) => team.name === name);
  if (exact) return exact;
  const folded = teams.filter((team) => team.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

function columnOfIssue(path: readonly PropertyKey[]): string {
  const [field, key] = path;
  if (field === 'attributes') return typeof key === 'string' ? `attr.${key}` : 'attr.*';
  if (typeof field !== 'string') return '(row)';
  return columnOfField[field] ?? field;
}

/** What a valid row does, once the actor's rights are checked; undefined (with errors added) when refused. */
function planRow(
  actor: InventoryActor,
  line: number,
  item: NewItem,
  before: Item | undefined,
  errors: CsvCellIssue[],
): PlannedRow | undefined {
  if (!before) {
    if (canChangeItem(actor, item.ownerTeamId)) return { action: 'create', line, item };
    errors.push({ column: 'ownerTeam', message: 'you may only create items for one of your own teams' });
    return undefined;
  }
  if (isSameContent(contentOf(before), item)) return { action: 'unchanged', line };
  if (!canChangeItem(actor, before.ownerTeamId)) {
    errors.push({ column: 'name', message: 'this item belongs to another team: you may not change it' });
    return undefined;
  }
  if (!canChangeItem(actor, item.ownerTeamId)) {
    errors.push({ column: 'ownerTeam', message: 'you may only give items to one of your own teams' });
    return undefined;
  }
  return { action: 'update', line, item, before };
}

/**
 * Writes the planned changes in the caller's transaction, each item with its audit record. New
 * items and their tags go in with multi-row inserts; the audit chain takes one record at a time.
 */
async function applyPlan(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: InventoryActor,
  rows: PlannedRow[],
): Promise<void> {
  const teams = new Map((await listTeamNames(trx)).map((team) => [team.id, team.name]));
  const teamName = (id: number | null) => (id === null ? null : (teams.get(id) ?? null));
  const creates = rows.flatMap((row) => (row.action === 'create' ? [row] : []));
  const updates = rows.flatMap((row) => (row.action === 'update' ? [row] : []));
  const now = ctx.now();
  const inserted = await insertItemRows(
    trx,
    creates.map((row) => toItemValues(row.item)),
    now,
  );
  const insertedByName = new Map(inserted.map((stored) => [stored.name, stored]));
  const retagged = updates.filter((row) => !sameTags(row.before.tags, row.item.tags));
  await deleteTagsOfItems(
    trx,
    retagged.map((row) => row.before.id),
  );
  const newTags = [
    ...creates.map((row) => ({ id: insertedByName.get(row.item.name)?.id, tags: row.item.tags })),
    ...retagged.map((row) => ({ id: row.before.id, tags: row.item.tags })),
  ].flatMap(({ id, tags }) => (id === undefined ? [] : tags.map((tag) => ({ itemId: id, tag }))));
  await insertItemTags(trx, newTags);

  const changes: Change[] = [];
  for (const row of [...creates, ...updates].sort((a, b) => a.line - b.line)) {
    const stored =
      row.action === 'create'
        ? insertedByName.get(row.item.name)
        : await updateItemRow(trx, row.before.id, toItemValues(row.item), now);
    if (!stored) throw new Error(`imported item "${row.item.name}" was not stored`);
    const after = toItem(
      { ...stored, ownerTeamName: teamName(stored.ownerTeamId) },
      [...row.item.tags].sort(),
    );
    changes.push({
      action: row.action === 'create' ? 'item.create' : 'item.update',
      entityType: 'item',
      entityId: stored.id,
      before: row.action === 'update' ? row.before : undefined,
      after,
    });
  }
  await recordChanges(ctx, trx, actor, changes);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
