import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { WorkItemFilter, WorkItemListQuery } from '../../../shared/contracts/work-items';
import { addDays } from '../../../shared/domain/calendar-dates';
import type { Db } from '../../db/connect';
import type { Database, WorkItemsTable } from '../../db/schema';
import { containsText, numberTyped } from '../../db/text-search';

/** A work item row with the names it points to, as every read returns it. */
export interface WorkItemRow {
  id: number;
  teamId: number;
  teamName: string;
  stateId: number;
  stateName: string;
  category: string;
  type: string;
  title: string;
  description: string;
  priority: number;
  assigneeId: number | null;
  assigneeName: string | null;
  reporterId: number | null;
  parentId: number | null;
  startDate: string | null;
  dueDate: string | null;
  estimateMinutes: number | null;
  spentMinutes: number;
  startedAt: number | null;
  completedAt: number | null;
  stateChangedAt: number;
  recurrenceId: number | null;
  occurrenceAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type WorkItemValues = Omit<Insertable<WorkItemsTable>, 'id'>;
export type WorkItemChange = Partial<WorkItemValues>;

/** The select every read of work items starts from, with the names it points to. */
export function selectWorkItems(db: Db) {
  return db
    .selectFrom('workItems')
    .innerJoin('teams', 'teams.id', 'workItems.teamId')
    .innerJoin('workflowStates', 'workflowStates.id', 'workItems.stateId')
    .leftJoin('users as assignee', 'assignee.id', 'workItems.assigneeId')
    .select([
      'workItems.id',
      'workItems.teamId',
      'teams.name as teamName',
      'workItems.stateId',
      'workflowStates.name as stateName',
      'workItems.category',
      'workItems.type',
      'workItems.title',
      'workItems.description',
      'workItems.priority',
      'workItems.assigneeId',
      'assignee.name as assigneeName',
      'workItems.reporterId',
      'workItems.parentId',
      'workItems.startDate',
      'workItems.dueDate',
      'workItems.estimateMinutes',
      'workItems.spentMinutes',
      'workItems.startedAt',
      'workItems.completedAt',
      'workItems.stateChangedAt',
      'workItems.recurrenceId',
      'workItems.occurrenceAt',
      'workItems.createdAt',
      'workItems.updatedAt',
    ]);
}

export function findWorkItemRow(db: Db, id: number): Promise<WorkItemRow | undefined> {
  return selectWorkItems(db).where('workItems.id', '=', id).executeTakeFirst();
}

export async function insertWorkItemRow(db: Db, values: WorkItemValues): Promise<number> {
  const row = await db.insertInto('workItems').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts the item of a recurrence's occurrence unless it exists: null when another run made it. */
export async function insertOccurrenceRow(db: Db, values: WorkItemValues): Promise<number | null> {
  const row = await db
    .insertInto('workItems')
    .values(values)
    .onConflict((oc) => oc.columns(['recurrenceId', 'occurrenceAt']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateWorkItemRow(db: Db, id: number, change: WorkItemChange): Promise<void> {
  await db.updateTable('workItems').set(change).where('id', '=', id).execute();
}

export async function deleteWorkItemRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('workItems').where('id', '=', id).execute();
}

// Ids per query when reading labels: an export's 50,000 ids in one IN list would pass SQLite's
// limit of 32,766 bound parameters (and PostgreSQL's 65,535 not far above).
const labelIdsPerQuery = 5000;

/** The labels of each of the given items, sorted. */
export async function listLabels(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const labels = new Map<number, string[]>();
  for (let start = 0; start < ids.length; start += labelIdsPerQuery) {
    const rows = await db
      .selectFrom('workItemLabels')
      .select(['workItemId', 'label'])
      .where('workItemId', 'in', ids.slice(start, start + labelIdsPerQuery))
      .orderBy('label')
      .execute();
    for (const row of rows) {
      const list = labels.get(row.workItemId);
      if (list) list.push(row.label);
      else labels.set(row.workItemId, [row.label]);
    }
  }
  return labels;
}

export async function replaceLabels(db: Db, id: number, labels: readonly string[]): Promise<void> {
  await db.deleteFrom('workItemLabels').where('workItemId', '=', id).execute();
  const unique = [...new Set(labels)];
  if (unique.length > 0) {
    await db
      .insertInto('workItemLabels')
      .values(unique.map((label) => ({ workItemId: id, label })))
      .execute();
  }
}

/** What a filter needs besides the query: who asks, today's date and the due-soon window. */
export interface FilterContext {
  userId: number | null;
  today: string;
  dueSoonDays: number;
}

function filterConditions(
  eb: ExpressionBuilder<Database, 'workItems'>,
  filter: WorkItemFilter,
  context: FilterContext,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.teamId !== undefined) conditions.push(eb('workItems.teamId', '=', filter.teamId));
  if (filter.stateId !== undefined) conditions.push(eb('workItems.stateId', '=', filter.stateId));
  if (filter.category !== undefined) conditions.push(eb('workItems.category', '=', filter.category));
  if (filter.isOpen === true) conditions.push(eb('workItems.category', '<>', 'done'));
  if (filter.isOpen === false) conditions.push(eb('workItems.category', '=', 'done'));
  if (filter.assigneeId !== undefined) conditions.push(eb('workItems.assigneeId', '=', filter.assigneeId));
  if (filter.isMine) conditions.push(eb('workItems.assigneeId', '=', context.userId ?? -1));
  if (filter.type !== undefined) conditions.push(eb('workItems.type', '=', filter.type));
  if (filter.priority !== undefined) conditions.push(eb('workItems.priority', '=', filter.priority));
  if (filter.parentId !== undefined) conditions.push(eb('workItems.parentId', '=', filter.parentId));
  if (filter.label !== undefined) {
    const label = filter.label;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('workItemLabels')
          .select('workItemLabels.workItemId')
          .whereRef('workItemLabels.workItemId', '=', 'workItems.id')
          .where('workItemLabels.label', '=', label),
      ),
    );
  }
  if (filter.deadline !== undefined) {
    conditions.push(eb('workItems.category', '<>', 'done'));
    if (filter.deadline === 'overdue') conditions.push(eb('workItems.dueDate', '<', context.today));
    else {
      conditions.push(eb('workItems.dueDate', '>=', context.today));
      conditions.push(eb('workItems.dueDate', '<=', addDays(context.today, context.dueSoonDays)));
    }
  }
  if (filter.q) {
    const number = numberTyped(filter.q);
    conditions.push(
      eb.or([
        ...containsText(
          (['workItems.title', 'workItems.description'] as const).map((column) => eb.ref(column)),
          filter.q,
        ),
        ...(number === undefined ? [] : [eb('workItems.id', '=', number)]),
      ]),
    );
  }
  return eb.and(conditions);
}

type Order = Pick<WorkItemListQuery, 'sort' | 'direction'>;

/** A page of items matching a filter, and the total over all pages. */
export async function listWorkItemRows(
  db: Db,
  filter: WorkItemFilter,
  context: FilterContext,
  order: Order,
  page: { limit: number; offset: number },
): Promise<{ rows: WorkItemRow[]; total: number }> {
  const rowsQuery = orderedQuery(db, filter, context, order).limit(page.limit).offset(page.offset);
  const countQuery = db
    .selectFrom('workItems')
    .where((eb) => filterConditions(eb, filter, context))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([rowsQuery.execute(), countQuery.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

/** Every item matching a filter, in order, up to `limit` (exports). */
export function listAllWorkItemRows(
  db: Db,
  filter: WorkItemFilter,
  context: FilterContext,
  order: Order,
  limit: number,
): Promise<WorkItemRow[]> {
  return orderedQuery(db, filter, context, order).limit(limit).execute();
}

function orderedQuery(db: Db, filter: WorkItemFilter, context: FilterContext, order: Order) {
  let query = selectWorkItems(db).where((eb) => filterConditions(eb, filter, context));
  // Items without a due date come last in both dialects (they sort nulls differently).
  if (order.sort === 'dueDate') {
    query = query.orderBy(sql`case when ${sql.ref('workItems.dueDate')} is null then 1 else 0 end`);
  }
  return query.orderBy(`workItems.${order.sort}`, order.direction).orderBy('workItems.id', order.direction);
}

/** Up to `limit` items of one state, most urgent first, and how many it holds. */
export async function listStateItemRows(
  db: Db,
  stateId: number,
  filter: Pick<WorkItemFilter, 'assigneeId' | 'q'>,
  context: FilterContext,
  limit: number,
): Promise<{ rows: WorkItemRow[]; total: number }> {
  const full = { ...filter, stateId };
  const rows = await selectWorkItems(db)
    .where((eb) => filterConditions(eb, full, context))
    .orderBy('workItems.priority')
    .orderBy(sql`case when ${sql.ref('workItems.dueDate')} is null then 1 else 0 end`)
    .orderBy('workItems.dueDate')
    .orderBy('workItems.id')
    .limit(limit)
    .execute();
  const count = await db
    .selectFrom('workItems')
    .where((eb) => filterConditions(eb, full, context))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function listChildRows(db: Db, parentId: number): Promise<WorkItemRow[]> {
  return selectWorkItems(db)
    .where('workItems.parentId', '=', parentId)
    .orderBy('workItems.id')
    .limit(500)
    .execute();
}

/** The items blocking `id` (blockedBy) or blocked by it (blocks). */
export function listDependencyRows(db: Db, id: number, side: 'blockedBy' | 'blocks') {
  const [mine, theirs] =
    side === 'blockedBy' ? (['blockedId', 'blockerId'] as const) : (['blockerId', 'blockedId'] as const);
  return selectWorkItems(db)
    .innerJoin('workItemDependencies as d', `d.${theirs}`, 'workItems.id')
    .where(`d.${mine}`, '=', id)
    .orderBy('workItems.id')
    .execute();
}

/** Every dependency edge reachable downstream of `from` (the items it blocks, transitively). */
export async function listBlockedEdgesFrom(db: Db, from: number): Promise<Map<number, number[]>> {
  const edges = new Map<number, number[]>();
  let frontier = [from];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('workItemDependencies')
      .select(['blockerId', 'blockedId'])
      .where('blockerId', 'in', frontier)
      .execute();
    frontier = [];
    for (const row of rows) {
      edges.set(row.blockerId, [...(edges.get(row.blockerId) ?? []), row.blockedId]);
      if (!seen.has(row.blockedId)) {
        seen.add(row.blockedId);
        frontier.push(row.blockedId);
      }
    }
  }
  return edges;
}

export async function insertDependency(db: Db, blockerId: number, blockedId: number, now: number) {
  await db
    .insertInto('workItemDependencies')
    .values({ blockerId, blockedId, createdAt: now })
    .onConflict((oc) => oc.columns(['blockerId', 'blockedId']).doNothing())
    .execute();
}

export async function deleteDependency(db: Db, blockerId: number, blockedId: number): Promise<number> {
  const result = await db
    .deleteFrom('workItemDependencies')
    .where('blockerId', '=', blockerId)
    .where('blockedId', '=', blockedId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The item's links, with the name of what they point to. */
export async function listLinkRows(db: Db, id: number) {
  return db
    .selectFrom('workItemLinks')
    .leftJoin('items', (join) =>
      join.onRef('items.id', '=', 'workItemLinks.targetId').on('workItemLinks.targetType', '=', 'item'),
    )
    .leftJoin('incidents', (join) =>
      join
        .onRef('incidents.id', '=', 'workItemLinks.targetId')
        .on('workItemLinks.targetType', '=', 'incident'),
    )
    .select([
      'workItemLinks.targetType',
      'workItemLinks.targetId',
      'items.name as itemName',
      'incidents.title as incidentTitle',
    ])
    .where('workItemLinks.workItemId', '=', id)
    .orderBy('workItemLinks.targetType')
    .orderBy('workItemLinks.targetId')
    .execute();
}

/** The parent chain of an item, nearest first (bounded: a chain is never that deep). */
export async function listAncestorIds(db: Db, id: number): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = id;
  while (current !== null && chain.length < 100) {
    const row: { parentId: number | null } | undefined = await db
      .selectFrom('workItems')
      .select('parentId')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parentId ?? null;
    if (current !== null) chain.push(current);
  }
  return chain;
}

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
