import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { procedureTestSortFields } from '../../../shared/contracts/procedures';
import type { Db, Dialect } from '../../db/connect';
import type {
  Database,
  ProcedureAttachmentsTable,
  ProcedureEventsTable,
  ProcedureRunsTable,
  ProcedureTestsTable,
} from '../../db/schema';

/** A procedure test row with the names it points to and a summary of its last run. */
export interface ProcedureTestWithNamesRow {
  id: number;
  name: string;
  kind: string;
  description: string;
  itemId: number | null;
  itemName: string | null;
  ownerTeamId: number | null;
  ownerTeamName: string | null;
  schedule: string;
  graceDays: number;
  checklist: string;
  state: string;
  stateChangedAt: number;
  stateMessage: string;
  dueAt: number | null;
  graceEndsAt: number | null;
  isMissed: number;
  lastRunId: number | null;
  lastOutcome: string | null;
  lastEffectiveDate: string | null;
  lastRecordedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ProcedureTestValues = Omit<Insertable<ProcedureTestsTable>, 'id'>;
export type ProcedureTestChange = Partial<ProcedureTestValues>;
export type ProcedureRunRow = Selectable<ProcedureRunsTable>;
export type ProcedureAttachmentRow = Selectable<ProcedureAttachmentsTable>;
export type ProcedureEventRow = Selectable<ProcedureEventsTable>;

/** The list filters; each is optional and they combine with AND. */
export interface ProcedureTestFilter {
  ownerTeamId?: number | undefined;
  itemId?: number | undefined;
  kind?: string | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
}

export interface ProcedureTestOrder {
  sort: (typeof procedureTestSortFields)[number];
  direction: 'asc' | 'desc';
}

function selectTestsWithNames(db: Db) {
  return db
    .selectFrom('procedureTests')
    .leftJoin('teams', 'teams.id', 'procedureTests.ownerTeamId')
    .leftJoin('items', 'items.id', 'procedureTests.itemId')
    .leftJoin('procedureRuns', 'procedureRuns.id', 'procedureTests.lastRunId')
    .selectAll('procedureTests')
    .select([
      'teams.name as ownerTeamName',
      'items.name as itemName',
      'procedureRuns.outcome as lastOutcome',
      'procedureRuns.effectiveDate as lastEffectiveDate',
      'procedureRuns.recordedAt as lastRecordedAt',
    ]);
}

function filterConditions(
  eb: ExpressionBuilder<Database, 'procedureTests'>,
  filter: ProcedureTestFilter,
  now: number,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.ownerTeamId !== undefined) {
    conditions.push(eb('procedureTests.ownerTeamId', '=', filter.ownerTeamId));
  }
  if (filter.itemId !== undefined) conditions.push(eb('procedureTests.itemId', '=', filter.itemId));
  if (filter.kind !== undefined) conditions.push(eb('procedureTests.kind', '=', filter.kind));
  if (filter.state !== undefined) conditions.push(eb('procedureTests.state', '=', filter.state));
  if (filter.overdue === true) conditions.push(eb('procedureTests.dueAt', '<', now));
  if (filter.overdue === false) {
    conditions.push(eb.or([eb('procedureTests.dueAt', 'is', null), eb('procedureTests.dueAt', '>=', now)]));
  }
  return eb.and(conditions);
}

/** Tests matching a filter in the requested order, one page of them, and the total. */
export async function listProcedureTestRows(
  db: Db,
  filter: ProcedureTestFilter,
  order: ProcedureTestOrder,
  page: { limit: number; offset: number },
  now: number,
): Promise<{ rows: ProcedureTestWithNamesRow[]; total: number }> {
  let query = selectTestsWithNames(db).where((eb) => filterConditions(eb, filter, now));
  if (order.sort === 'dueAt') {
    // Tests that are never due again sort last in both directions and on both dialects.
    query = query
      .orderBy((eb) => eb.case().when('procedureTests.dueAt', 'is', null).then(1).else(0).end())
      .orderBy('procedureTests.dueAt', order.direction);
  } else if (order.sort === 'updatedAt') {
    query = query.orderBy('procedureTests.updatedAt', order.direction);
  }
  query = query
    .orderBy(sql`lower(${sql.ref('procedureTests.name')})`, order.direction)
    .orderBy('procedureTests.id', order.direction)
    .limit(page.limit)
    .offset(page.offset);
  const countQuery = db
    .selectFrom('procedureTests')
    .where((eb) => filterConditions(eb, filter, now))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([query.execute(), countQuery.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

export function findProcedureTestRow(db: Db, id: number): Promise<ProcedureTestWithNamesRow | undefined> {
  return selectTestsWithNames(db).where('procedureTests.id', '=', id).executeTakeFirst();
}

/** The test with exactly this name (names are unique). */
export function findProcedureTestIdByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('procedureTests').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertProcedureTestRow(db: Db, values: ProcedureTestValues): Promise<number> {
  const row = await db.insertInto('procedureTests').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Locks a test's row until the transaction ends (PostgreSQL), so that outcomes and the missed-date
 * job on several servers apply one after the other; SQLite runs one write transaction at a time.
 */
export async function lockProcedureTestRow(db: Db, dialect: Dialect, id: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('procedureTests').select('id').where('id', '=', id).forUpdate().execute();
}

export async function updateProcedureTestRow(db: Db, id: number, change: ProcedureTestChange): Promise<void> {
  await db.updateTable('procedureTests').set(change).where('id', '=', id).execute();
}

export async function deleteProcedureTestRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('procedureTests').where('id', '=', id).execute();
}

/** The runs of a test, newest effective date first (ties: the later recorded first). */
export function listRunRows(db: Db, procedureTestId: number): Promise<ProcedureRunRow[]> {
  return db
    .selectFrom('procedureRuns')
    .selectAll()
    .where('procedureTestId', '=', procedureTestId)
    .orderBy('effectiveDate', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The run that sets the test's state: the latest effective date, the last recorded among equals. */
export function findLatestRunRow(db: Db, procedureTestId: number): Promise<ProcedureRunRow | undefined> {
  return db
    .selectFrom('procedureRuns')
    .selectAll()
    .where('procedureTestId', '=', procedureTestId)
    .orderBy('effectiveDate', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A run of this test, or undefined (a run id of another test is not found either). */
export function findRunRow(db: Db, procedureTestId: number, runId: number) {
  return db
    .selectFrom('procedureRuns')
    .selectAll()
    .where('id', '=', runId)
    .where('procedureTestId', '=', procedureTestId)
    .executeTakeFirst();
}

export function insertRunRow(
  db: Db,
  values: Omit<Insertable<ProcedureRunsTable>, 'id'>,
): Promise<ProcedureRunRow> {
  return db.insertInto('procedureRuns').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The attachments of some runs, oldest first. */
export async function listAttachmentRows(
  db: Db,
  runIds: readonly number[],
): Promise<ProcedureAttachmentRow[]> {
  if (runIds.length === 0) return [];
  return db
    .selectFrom('procedureAttachments')
    .selectAll()
    .where('runId', 'in', [...runIds])
    .orderBy('id')
    .execute();
}

/** An attachment of this run of this test, or undefined. */
export function findAttachmentRow(db: Db, procedureTestId: number, runId: number, attachmentId: number) {
  return db
    .selectFrom('procedureAttachments')
    .innerJoin('procedureRuns', 'procedureRuns.id', 'procedureAttachments.runId')
    .selectAll('procedureAttachments')
    .where('procedureAttachments.id', '=', attachmentId)
    .where('procedureAttachments.runId', '=', runId)
    .where('procedureRuns.procedureTestId', '=', procedureTestId)
    .executeTakeFirst();
}

export function insertAttachmentRow(
  db: Db,
  values: Omit<Insertable<ProcedureAttachmentsTable>, 'id'>,
): Promise<ProcedureAttachmentRow> {
  return db.insertInto('procedureAttachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The stored file names of every attachment of a test, to remove the files with it. */
export async function listStoredNamesOfTest(db: Db, procedureTestId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('procedureAttachments')
    .innerJoin('procedureRuns', 'procedureRuns.id', 'procedureAttachments.runId')
    .select('procedureAttachments.storedName')
    .where('procedureRuns.procedureTestId', '=', procedureTestId)
    .execute();
  return rows.map((row) => row.storedName);
}

export async function insertEventRow(
  db: Db,
  values: Omit<Insertable<ProcedureEventsTable>, 'id'>,
): Promise<number> {
  const row = await db.insertInto('procedureEvents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** State changes from `since` on (inclusive), oldest first. */
export function listEventRows(
  db: Db,
  filter: { since: number; procedureTestId?: number | undefined; limit: number },
): Promise<ProcedureEventRow[]> {
  let query = db.selectFrom('procedureEvents').selectAll().where('at', '>=', filter.since);
  if (filter.procedureTestId !== undefined) {
    query = query.where('procedureTestId', '=', filter.procedureTestId);
  }
  return query.orderBy('at').orderBy('id').limit(filter.limit).execute();
}

/** Tests whose grace has ended by `now` and whose miss has not been recorded yet. */
export function listMissCandidateRows(db: Db, now: number) {
  return db
    .selectFrom('procedureTests')
    .select(['id', 'name', 'state', 'dueAt'])
    .where('graceEndsAt', '<=', now)
    .where('isMissed', '=', 0)
    .orderBy('graceEndsAt')
    .execute();
}

/**
 * Marks a test's current due date as missed, only if nobody did in the meantime (another replica,
 * an outcome recorded since): true when this call did.
 */
export async function markMissedRow(
  db: Db,
  id: number,
  dueAt: number,
  change: { state: string; stateChangedAt: number; stateMessage: string },
): Promise<boolean> {
  const rows = await db
    .updateTable('procedureTests')
    .set({ ...change, isMissed: 1 })
    .where('id', '=', id)
    .where('isMissed', '=', 0)
    .where('dueAt', '=', dueAt)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** Whether an item exists, for validating a test's item. */
export async function hasItem(db: Db, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('items').select('id').where('id', '=', id).executeTakeFirst());
}

/** Whether a team exists, for validating a test's owner. */
export async function hasTeam(db: Db, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst());
}
