import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Dialect } from '../src/server/db/connect';
import type { Database } from '../src/server/db/schema';

/**
 * The bare queries behind each work view: the same rows, read the plainest way, without Regia's
 * validation, services, mapping or serialisation. Each returns a short description of what it read
 * ("50/7000": rows shown / total) that the benchmark compares with Regia's answer.
 */

export function itemRows(db: Db) {
  return db
    .selectFrom('workItems')
    .innerJoin('teams', 'teams.id', 'workItems.teamId')
    .innerJoin('workflowStates', 'workflowStates.id', 'workItems.stateId')
    .leftJoin('users', 'users.id', 'workItems.assigneeId')
    .selectAll('workItems')
    .select(['teams.name as teamName', 'workflowStates.name as stateName', 'users.name as assigneeName']);
}

export type ItemFilter = ExpressionBuilder<Database, 'workItems'>;
type ItemWhere = (eb: ItemFilter) => Expression<SqlBool>;

async function labelsOf(db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .selectFrom('workItemLabels')
    .select(['workItemId', 'label'])
    .where('workItemId', 'in', ids)
    .execute();
  return rows.length;
}

const dueDateNullsLast = sql`case when ${sql.ref('workItems.dueDate')} is null then 1 else 0 end`;

/** A page of the list: rows in order, the total and the page's labels. */
export async function listPage(
  db: Db,
  where: ItemWhere,
  sort: 'dueDate' | 'priority',
  page: { limit: number; offset: number },
): Promise<string> {
  let query = itemRows(db).where(where);
  if (sort === 'dueDate') query = query.orderBy(dueDateNullsLast);
  const [rows, count] = await Promise.all([
    query
      .orderBy(`workItems.${sort}`)
      .orderBy('workItems.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('workItems')
      .where(where)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  await labelsOf(
    db,
    rows.map((row) => row.id),
  );
  return `${rows.length}/${Number(count.n)}`;
}

/** The board: per state of the team's workflow, its most urgent items and its count. */
export async function board(db: Db, teamId: number, perState: number): Promise<string> {
  const states = await db
    .selectFrom('workflowStates')
    .select('id')
    .where('teamId', '=', teamId)
    .orderBy('position')
    .execute();
  const ids: number[] = [];
  const parts: string[] = [];
  for (const state of states) {
    const rows = await itemRows(db)
      .where('workItems.stateId', '=', state.id)
      .orderBy('workItems.priority')
      .orderBy(dueDateNullsLast)
      .orderBy('workItems.dueDate')
      .orderBy('workItems.id')
      .limit(perState)
      .execute();
    const count = await db
      .selectFrom('workItems')
      .where('stateId', '=', state.id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    ids.push(...rows.map((row) => row.id));
    parts.push(`${rows.length}/${Number(count.n)}`);
  }
  await labelsOf(db, ids);
  return parts.join(' ');
}

/** The items whose bars cross [from, to] (as the timeline and calendar ask), and the team's edges. */
export async function timeline(
  db: Db,
  teamId: number,
  from: string,
  to: string,
  windowEnd: number,
): Promise<string> {
  const rows = await itemRows(db)
    .where('workItems.teamId', '=', teamId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('workItems.dueDate', '>=', from),
          eb.or([
            eb('workItems.startDate', '<=', to),
            eb.and([eb('workItems.startDate', 'is', null), eb('workItems.createdAt', '<', windowEnd)]),
          ]),
        ]),
        eb.and([
          eb('workItems.dueDate', 'is', null),
          eb('workItems.startDate', '>=', from),
          eb('workItems.startDate', '<=', to),
        ]),
      ]),
    )
    .orderBy('workItems.dueDate')
    .orderBy('workItems.id')
    .limit(1001)
    .execute();
  const shown = rows.slice(0, 1000);
  await labelsOf(
    db,
    shown.map((row) => row.id),
  );
  await db
    .selectFrom('workItemDependencies as d')
    .innerJoin('workItems as blocked', 'blocked.id', 'd.blockedId')
    .select(['d.blockerId', 'd.blockedId'])
    .where('blocked.teamId', '=', teamId)
    .execute();
  return `${shown.length}`;
}

/** The rows the work figures count. */
export async function figureRows(db: Db, teamId: number, from: number, to: number): Promise<string> {
  const rows = await db
    .selectFrom('workItems')
    .select(['type', 'createdAt', 'startedAt', 'completedAt', 'dueDate'])
    .where('teamId', '=', teamId)
    .where('createdAt', '<', to)
    .where((eb) => eb.or([eb('completedAt', 'is', null), eb('completedAt', '>=', from)]))
    .execute();
  return `${rows.length}`;
}

/** The requests of the period with their work item's completion, and the first comments on their threads. */
export async function requestRows(db: Db, teamId: number, from: number, to: number): Promise<string> {
  const rows = await db
    .selectFrom('requests')
    .leftJoin('workItems', 'workItems.id', 'requests.workItemId')
    .selectAll('requests')
    .select('workItems.completedAt')
    .where('requests.teamId', '=', teamId)
    .where('requests.submittedAt', '>=', from)
    .where('requests.submittedAt', '<', to)
    .orderBy('requests.id')
    .execute();
  await db
    .selectFrom('comments')
    .innerJoin('requests', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([
            eb('comments.entityType', '=', 'request'),
            eb('comments.entityId', '=', eb.ref('requests.id')),
          ]),
          eb.and([
            eb('comments.entityType', '=', 'workItem'),
            eb('comments.entityId', '=', eb.ref('requests.workItemId')),
          ]),
        ]),
      ),
    )
    .select(['requests.id', (eb) => eb.fn.min('comments.createdAt').as('firstAt')])
    .where('requests.teamId', '=', teamId)
    .where('requests.submittedAt', '>=', from)
    .where('requests.submittedAt', '<', to)
    .whereRef('comments.authorId', '<>', 'requests.requesterId')
    .groupBy('requests.id')
    .execute();
  return `${rows.length}`;
}

/** Every item of the team in the list's order, and their labels: what the export writes. */
export async function exportRows(db: Db, teamId: number): Promise<string> {
  const rows = await itemRows(db)
    .where('workItems.teamId', '=', teamId)
    .orderBy(dueDateNullsLast)
    .orderBy('workItems.dueDate')
    .orderBy('workItems.id')
    .execute();
  await db
    .selectFrom('workItemLabels')
    .innerJoin('workItems', 'workItems.id', 'workItemLabels.workItemId')
    .select(['workItemLabels.workItemId', 'workItemLabels.label'])
    .where('workItems.teamId', '=', teamId)
    .execute();
  return `${rows.length}`;
}

/**
 * The newest audit entries about the team's work items and requests, and how many there are. The
 * ids are read first and sent as one array parameter: `entity_id in (select cast(id ...))` made
 * PostgreSQL plan a per-row subplan at 50,000 items (36 s), so the baseline does what the feed does.
 */
export async function teamActivity(
  db: Db,
  dialect: Dialect,
  teamId: number,
  pageSize: number,
): Promise<string> {
  const [items, requests] = await Promise.all([
    db.selectFrom('workItems').select('id').where('teamId', '=', teamId).execute(),
    db.selectFrom('requests').select('id').where('teamId', '=', teamId).execute(),
  ]);
  const oneOf = (rows: { id: number }[]) => {
    const ids = rows.map((row) => String(row.id));
    return dialect === 'postgres'
      ? sql<SqlBool>`entity_id in (select unnest(cast(${ids} as varchar[])))`
      : sql<SqlBool>`entity_id in (select value from json_each(${JSON.stringify(ids)}))`;
  };
  const owned = (eb: ExpressionBuilder<Database, 'auditLog'>) =>
    eb.or([
      eb.and([eb('auditLog.entityType', '=', 'workItem'), oneOf(items)]),
      eb.and([eb('auditLog.entityType', '=', 'request'), oneOf(requests)]),
    ]);
  const [rows, count] = await Promise.all([
    db.selectFrom('auditLog').selectAll().where(owned).orderBy('id', 'desc').limit(pageSize).execute(),
    db
      .selectFrom('auditLog')
      .where(owned)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return `${rows.length}/${Number(count.n)}`;
}
