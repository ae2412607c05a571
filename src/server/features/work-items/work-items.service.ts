import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  type Board,
  BoardQuery,
  MoveWorkItem,
  NewWorkItem,
  type NewWorkItemInput,
  UpdateWorkItem,
  type WorkItemBrief,
  type WorkItemDetail,
  WorkItemListQuery,
  type WorkItemPage,
  type WorkItemSummary,
  type WorkItemType,
} from '../../../shared/contracts/work-items';
import type { StateCategory } from '../../../shared/contracts/workflows';
import { deadlineStatusOf } from '../../../shared/domain/calendar-dates';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { findStateRow, listStateRows } from '../workflows/workflows.repository';
import { ensureWorkflow, initialStateOf } from '../workflows/workflows.service';
import { assertCanChangeWork, assertCanReadWork, canChangeWork, type WorkActor } from './work.policy';
import {
  deleteWorkItemRow,
  type FilterContext,
  findWorkItemRow,
  insertWorkItemRow,
  listAncestorIds,
  listChildRows,
  listDependencyRows,
  listLabels,
  listLinkRows,
  listStateItemRows,
  listWorkItemRows,
  replaceLabels,
  updateWorkItemRow,
  type WorkItemChange,
  type WorkItemRow,
} from './work-items.repository';
import { deadlineContext } from './work-settings';

type Deadlines = { today: string; dueSoonDays: number };

/** The API shape of an item in a list or on the board. */
export function toWorkItemSummary(row: WorkItemRow, labels: string[], deadlines: Deadlines): WorkItemSummary {
  return {
    id: row.id,
    teamId: row.teamId,
    teamName: row.teamName,
    stateId: row.stateId,
    stateName: row.stateName,
    category: row.category as StateCategory,
    type: row.type as WorkItemType,
    title: row.title,
    priority: row.priority,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    reporterId: row.reporterId,
    parentId: row.parentId,
    startDate: row.startDate,
    dueDate: row.dueDate,
    deadline: deadlineStatusOf(row.dueDate, row.category === 'done', deadlines.today, deadlines.dueSoonDays),
    estimateMinutes: row.estimateMinutes,
    spentMinutes: row.spentMinutes,
    labels,
    recurrenceId: row.recurrenceId,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function summariesOf(db: Db, rows: WorkItemRow[], deadlines: Deadlines): Promise<WorkItemSummary[]> {
  const labels = await listLabels(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toWorkItemSummary(row, labels.get(row.id) ?? [], deadlines));
}

function briefOf(row: WorkItemRow): WorkItemBrief {
  return {
    id: row.id,
    title: row.title,
    category: row.category as StateCategory,
    stateName: row.stateName,
    dueDate: row.dueDate,
  };
}

async function filterContextOf(ctx: AppContext, actor: WorkActor): Promise<FilterContext> {
  return { ...(await deadlineContext(ctx)), userId: actor.userId };
}

/** One page of work items matching the query, with the total over all pages. */
export async function listWorkItems(
  ctx: AppContext,
  actor: WorkActor,
  query: z.input<typeof WorkItemListQuery> = {},
): Promise<WorkItemPage> {
  assertCanReadWork(actor);
  const { page, pageSize, sort, direction, ...filter } = parseInput(WorkItemListQuery, query, 'querystring');
  const context = await filterContextOf(ctx, actor);
  const { rows, total } = await listWorkItemRows(
    ctx.db,
    filter,
    context,
    { sort, direction },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { rows: await summariesOf(ctx.db, rows, context), total, page, pageSize };
}

/** A team's board: each state of its workflow with its most urgent items (up to `perState`). */
export async function getBoard(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  query: z.input<typeof BoardQuery> = {},
): Promise<Board> {
  assertCanReadWork(actor);
  const { perState, ...filter } = parseInput(BoardQuery, query, 'querystring');
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team');
  const states = await listStateRows(ctx.db, teamId);
  const workflow =
    states.length > 0
      ? states
      : await ctx.db.transaction().execute((trx) => ensureWorkflow(trx, teamId, ctx.now()));
  const context = await filterContextOf(ctx, actor);
  const columns = [];
  for (const state of workflow) {
    const { rows, total } = await listStateItemRows(ctx.db, state.id, filter, context, perState);
    columns.push({
      stateId: state.id,
      name: state.name,
      category: state.category as StateCategory,
      wipLimit: state.wipLimit,
      itemCount: total,
      items: await summariesOf(ctx.db, rows, context),
    });
  }
  return { teamId, columns, canChange: canChangeWork(actor, teamId) };
}

async function findWorkItemIn(db: Db, id: number): Promise<WorkItemRow> {
  const row = await findWorkItemRow(db, id);
  if (!row) throw notFound('workItem');
  return row;
}

/** A work item with its children (and their roll-up), dependencies and links. */
export async function getWorkItem(ctx: AppContext, actor: WorkActor, id: number): Promise<WorkItemDetail> {
  assertCanReadWork(actor);
  const row = await findWorkItemIn(ctx.db, id);
  const deadlines = await deadlineContext(ctx);
  const [labels, children, blockedBy, blocks, links, parent, reporter] = await Promise.all([
    listLabels(ctx.db, [id]),
    listChildRows(ctx.db, id),
    listDependencyRows(ctx.db, id, 'blockedBy'),
    listDependencyRows(ctx.db, id, 'blocks'),
    listLinkRows(ctx.db, id),
    row.parentId === null ? undefined : findWorkItemRow(ctx.db, row.parentId),
    row.reporterId === null
      ? undefined
      : ctx.db.selectFrom('users').select('name').where('id', '=', row.reporterId).executeTakeFirst(),
  ]);
  const childSummaries = await summariesOf(ctx.db, children, deadlines);
  const dueDates = children.map((child) => child.dueDate).filter((date): date is string => date !== null);
  return {
    ...toWorkItemSummary(row, labels.get(id) ?? [], deadlines),
    description: row.description,
    reporterName: reporter?.name ?? null,
    parent: parent ? briefOf(parent) : null,
    children: childSummaries,
    rollup: {
      total: children.length,
      done: children.filter((child) => child.category === 'done').length,
      estimateMinutes: children.reduce((sum, child) => sum + (child.estimateMinutes ?? 0), 0),
      spentMinutes: children.reduce((sum, child) => sum + child.spentMinutes, 0),
      overdue: childSummaries.filter((child) => child.deadline === 'overdue').length,
      latestDueDate: dueDates.length === 0 ? null : (dueDates.sort().at(-1) ?? null),
    },
    blockedBy: blockedBy.map(briefOf),
    blocks: blocks.map(briefOf),
    links: links.map((link) => ({
      targetType: link.targetType as 'item' | 'incident',
      targetId: link.targetId,
      name: link.itemName ?? link.incidentTitle ?? '',
    })),
    canChange: canChangeWork(actor, row.teamId),
  };
}

async function assertUserExists(db: Db, userId: number | null, path: string): Promise<void> {
  if (userId === null) return;
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user)
    throw appError('validation_failed', phrase('work.noSuchUser'), [
      { path, message: phrase('issue.noSuchUser') },
    ]);
}

/** A parent must exist and must not be the item itself or one of its descendants. */
async function assertParentFits(db: Db, itemId: number | null, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const parent = await findWorkItemRow(db, parentId);
  if (!parent) {
    throw appError('validation_failed', phrase('work.noSuchParent'), [
      { path: 'body.parentId', message: phrase('issue.noSuchWorkItem') },
    ]);
  }
  if (itemId === null) return;
  const chain = [parentId, ...(await listAncestorIds(db, parentId))];
  if (chain.includes(itemId)) {
    throw appError('conflict', phrase('work.parentLoop', { parentId, itemId }), [
      { path: 'body.parentId', message: phrase('work.issueParentLoop') },
    ]);
  }
}

/** Dates must read forwards: a start after the due date is refused. */
function assertDatesInOrder(startDate: string | null, dueDate: string | null): void {
  if (startDate !== null && dueDate !== null && startDate > dueDate) {
    throw appError('validation_failed', phrase('work.startAfterDue'), [
      { path: 'body.startDate', message: phrase('work.issueStartBeforeDue') },
    ]);
  }
}

/** Moments a state change records: first start, completion (cleared when leaving done). */
export function momentsOnEntering(
  category: string,
  before: { startedAt: number | null; completedAt: number | null },
  now: number,
): Pick<WorkItemChange, 'startedAt' | 'completedAt'> {
  const isStarted = category === 'in_progress' || category === 'done';
  return {
    startedAt: before.startedAt ?? (isStarted ? now : null),
    completedAt: category === 'done' ? (before.completedAt ?? now) : null,
  };
}

/** Refuses a move into a state that holds as many items as its WIP limit allows. */
async function assertRoomIn(trx: Db, state: { id: number; name: string; wipLimit: number | null }) {
  if (state.wipLimit === null) return;
  const row = await trx
    .selectFrom('workItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stateId', '=', state.id)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= state.wipLimit) {
    throw appError('conflict', phrase('work.wipLimit', { state: state.name, limit: state.wipLimit }), [
      { path: 'body.stateId', message: phrase('work.issueWipLimit', { limit: state.wipLimit }) },
    ]);
  }
}

/** Extra fields of an item that Regia makes (recurrences; requests later). */
export interface ItemOrigin {
  recurrenceId?: number;
  occurrenceAt?: number;
}

/**
 * Creates a work item inside the caller's transaction (for other features: recurrences, requests):
 * checks the actor, the state, WIP limit, parent and people, writes labels and the audit record.
 */
export async function createWorkItemIn(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: WorkActor,
  input: NewWorkItemInput,
  origin: ItemOrigin = {},
): Promise<number> {
  const item = parseInput(NewWorkItem, input, 'body');
  assertCanChangeWork(actor, item.teamId);
  const team = await trx.selectFrom('teams').select('id').where('id', '=', item.teamId).executeTakeFirst();
  if (!team)
    throw appError('validation_failed', phrase('work.noSuchTeam'), [
      { path: 'body.teamId', message: phrase('issue.noSuchTeam') },
    ]);
  const now = ctx.now();
  const state =
    item.stateId === undefined
      ? await initialStateOf(trx, item.teamId, now)
      : await findStateRow(trx, item.stateId, { dialect: ctx.dialect });
  if (!state || state.teamId !== item.teamId) {
    throw appError('validation_failed', phrase('work.chooseTeamState'), [
      { path: 'body.stateId', message: phrase('work.issueNotTeamState') },
    ]);
  }
  await assertRoomIn(trx, state);
  await assertUserExists(trx, item.assigneeId, 'body.assigneeId');
  await assertParentFits(trx, null, item.parentId);
  assertDatesInOrder(item.startDate, item.dueDate);
  const id = await insertWorkItemRow(trx, {
    teamId: item.teamId,
    stateId: state.id,
    category: state.category,
    type: item.type,
    title: item.title,
    description: item.description,
    priority: item.priority,
    assigneeId: item.assigneeId,
    reporterId: actor.userId,
    parentId: item.parentId,
    startDate: item.startDate,
    dueDate: item.dueDate,
    estimateMinutes: item.estimateMinutes,
    spentMinutes: item.spentMinutes,
    ...momentsOnEntering(state.category, { startedAt: null, completedAt: null }, now),
    stateChangedAt: now,
    recurrenceId: origin.recurrenceId ?? null,
    occurrenceAt: origin.occurrenceAt ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await replaceLabels(trx, id, item.labels);
  await recordChange(ctx, trx, actor, {
    action: 'workItem.create',
    entityType: 'workItem',
    entityId: id,
    after: { ...item, id, stateId: state.id, ...origin },
  });
  return id;
}

/** Creates a work item; without a state it starts in its team's first state. */
export async function createWorkItem(
  ctx: AppContext,
  actor: WorkActor,
  input: NewWorkItemInput,
): Promise<WorkItemDetail> {
  const id = await ctx.db.transaction().execute((trx) => createWorkItemIn(ctx, trx, actor, input));
  const row = await findWorkItemIn(ctx.db, id);
  ctx.events.emit('work.changed', { workItemId: id, teamId: row.teamId });
  return getWorkItem(ctx, actor, id);
}

/**
 * Runs one change to an item in a transaction: loads it (404), checks the actor may change its
 * team's items, lets `change` write, audits, then announces after the commit.
 */
export async function changeWorkItem(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  action: string,
  change: (trx: Transaction<Database>, before: WorkItemRow) => Promise<unknown>,
): Promise<WorkItemDetail> {
  let teamId = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findWorkItemIn(trx, id);
    teamId = before.teamId;
    assertCanChangeWork(actor, before.teamId);
    const after = await change(trx, before);
    await recordChange(ctx, trx, actor, { action, entityType: 'workItem', entityId: id, before, after });
  });
  ctx.events.emit('work.changed', { workItemId: id, teamId });
  return getWorkItem(ctx, actor, id);
}

/** Changes an item's own fields; labels are replaced as a whole. */
export function updateWorkItem(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  input: z.input<typeof UpdateWorkItem>,
): Promise<WorkItemDetail> {
  const { labels, ...change } = parseInput(UpdateWorkItem, input, 'body');
  return changeWorkItem(ctx, actor, id, 'workItem.update', async (trx, before) => {
    if (change.assigneeId !== undefined) await assertUserExists(trx, change.assigneeId, 'body.assigneeId');
    if (change.parentId !== undefined) await assertParentFits(trx, id, change.parentId);
    assertDatesInOrder(
      change.startDate !== undefined ? change.startDate : before.startDate,
      change.dueDate !== undefined ? change.dueDate : before.dueDate,
    );
    await updateWorkItemRow(trx, id, { ...change, updatedAt: ctx.now() });
    if (labels) await replaceLabels(trx, id, labels);
    return { ...change, ...(labels ? { labels } : {}) };
  });
}

/** Moves an item to another state of its team's workflow, within that state's WIP limit. */
export function moveWorkItem(
  ctx: AppContext,
  actor: WorkActor,
  id: number,
  input: MoveWorkItem,
): Promise<WorkItemDetail> {
  const { stateId } = parseInput(MoveWorkItem, input, 'body');
  return changeWorkItem(ctx, actor, id, 'workItem.move', async (trx, before) => {
    if (before.stateId === stateId) return { stateId };
    const state = await findStateRow(trx, stateId, { dialect: ctx.dialect });
    if (!state || state.teamId !== before.teamId) {
      throw appError('validation_failed', phrase('work.chooseItemTeamState'), [
        { path: 'body.stateId', message: phrase('work.issueNotTeamState') },
      ]);
    }
    await assertRoomIn(trx, state);
    const now = ctx.now();
    await updateWorkItemRow(trx, id, {
      stateId,
      category: state.category,
      ...momentsOnEntering(state.category, before, now),
      stateChangedAt: now,
      updatedAt: now,
    });
    return { stateId, stateName: state.name, category: state.category };
  });
}

/** Deletes an item; its children stay, without a parent; its dependencies and links go. */
export async function deleteWorkItem(ctx: AppContext, actor: WorkActor, id: number): Promise<void> {
  let teamId = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findWorkItemIn(trx, id);
    teamId = before.teamId;
    assertCanChangeWork(actor, before.teamId);
    await deleteWorkItemRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'workItem.delete',
      entityType: 'workItem',
      entityId: id,
      before,
    });
  });
  ctx.events.emit('work.changed', { workItemId: id, teamId });
}
