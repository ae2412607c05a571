import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DeliveryStatus } from '../../../shared/contracts/notifications';
import type { Db, Dialect } from '../../db/connect';
import type {
  Database,
  NotificationAttemptsTable,
  NotificationChannelsTable,
  NotificationOutboxTable,
  NotificationRulesTable,
} from '../../db/schema';

export type ChannelRow = Selectable<NotificationChannelsTable>;
export type RuleRow = Selectable<NotificationRulesTable>;
export type OutboxRow = Selectable<NotificationOutboxTable>;
export type AttemptRow = Selectable<NotificationAttemptsTable>;

interface Paging {
  limit: number;
  offset: number;
}

/** The tables of named settings: channels and rules share their id, name and paging columns. */
type NamedTable = 'notificationChannels' | 'notificationRules';
type NamedRow<T extends NamedTable> = Selectable<Database[T]>;

// Kysely cannot follow a generic table name through its column types, so each helper below asks
// for the union and narrows the answer back to the one table it was given.

/** One page of a named table by name, with the total. */
async function listNamedRows<T extends NamedTable>(
  db: Db,
  table: T,
  paging: Paging,
): Promise<{ rows: NamedRow<T>[]; total: number }> {
  const from = db.selectFrom(table as NamedTable);
  const [rows, count] = await Promise.all([
    from.selectAll().orderBy('name').orderBy('id').limit(paging.limit).offset(paging.offset).execute(),
    from.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as NamedRow<T>[], total: Number(count.total) };
}

function listAllNamedRows<T extends NamedTable>(db: Db, table: T): Promise<NamedRow<T>[]> {
  return db
    .selectFrom(table as NamedTable)
    .selectAll()
    .orderBy('id')
    .execute() as Promise<NamedRow<T>[]>;
}

function findNamedRow<T extends NamedTable>(db: Db, table: T, id: number): Promise<NamedRow<T> | undefined> {
  return db
    .selectFrom(table as NamedTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst() as Promise<NamedRow<T> | undefined>;
}

function findIdByName(db: Db, table: NamedTable, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst();
}

async function insertNamedRow<T extends NamedTable>(
  db: Db,
  table: T,
  values: Omit<Insertable<Database[T]>, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto(table as NamedTable)
    .values(values as Insertable<Database[NamedTable]>)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function updateNamedRow<T extends NamedTable>(
  db: Db,
  table: T,
  id: number,
  values: Updateable<Database[T]>,
): Promise<void> {
  await db
    .updateTable(table as NamedTable)
    .set(values as Updateable<Database[NamedTable]>)
    .where('id', '=', id)
    .execute();
}

async function deleteNamedRow(db: Db, table: NamedTable, id: number): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

/** One page of channels by name, with the total. */
export const listChannelRows = (db: Db, paging: Paging) => listNamedRows(db, 'notificationChannels', paging);
/** Every channel (the degraded alert keeps them in memory; the configuration section exports them). */
export const listAllChannelRows = (db: Db) => listAllNamedRows(db, 'notificationChannels');
export const findChannelRow = (db: Db, id: number) => findNamedRow(db, 'notificationChannels', id);
export const findChannelIdByName = (db: Db, name: string) => findIdByName(db, 'notificationChannels', name);
export const insertChannelRow = (db: Db, values: Omit<Insertable<NotificationChannelsTable>, 'id'>) =>
  insertNamedRow(db, 'notificationChannels', values);
export const updateChannelRow = (db: Db, id: number, values: Updateable<NotificationChannelsTable>) =>
  updateNamedRow(db, 'notificationChannels', id, values);
export const deleteChannelRow = (db: Db, id: number) => deleteNamedRow(db, 'notificationChannels', id);

/** One page of rules by name, with the total. */
export const listRuleRows = (db: Db, paging: Paging) => listNamedRows(db, 'notificationRules', paging);
export const listAllRuleRows = (db: Db) => listAllNamedRows(db, 'notificationRules');
export const findRuleRow = (db: Db, id: number) => findNamedRow(db, 'notificationRules', id);
export const findRuleIdByName = (db: Db, name: string) => findIdByName(db, 'notificationRules', name);
export const insertRuleRow = (db: Db, values: Omit<Insertable<NotificationRulesTable>, 'id'>) =>
  insertNamedRow(db, 'notificationRules', values);
export const updateRuleRow = (db: Db, id: number, values: Updateable<NotificationRulesTable>) =>
  updateNamedRow(db, 'notificationRules', id, values);
export const deleteRuleRow = (db: Db, id: number) => deleteNamedRow(db, 'notificationRules', id);

/** The ids among `ids` that name a channel. */
export async function existingChannelIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('notificationChannels').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** The ids among `ids` that name a team. */
export async function existingTeamIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** A due outbox row handed to one worker under a lease. */
export type ClaimedDelivery = Pick<
  OutboxRow,
  'id' | 'channelId' | 'eventKind' | 'idempotencyKey' | 'payload' | 'attempts' | 'createdAt'
>;

export interface ClaimOptions {
  owner: string;
  now: number;
  leaseMs: number;
  /** how many candidates to look at */
  limit: number;
  /** channels whose lanes are full: their rows wait */
  skipChannelIds: number[];
  /** chooses, among due candidates, the ones this worker has room for */
  pick(candidates: ClaimedDelivery[]): ClaimedDelivery[];
}

/**
 * Claims due, unleased (or lease-expired) pending rows of enabled channels for `owner`. On
 * PostgreSQL the candidates are locked with SKIP LOCKED, so two servers never claim one row; the
 * conditional update also guards SQLite files shared by two processes. A lease left by a killed
 * process expires and the row is claimed again: delivery is at least once.
 */
export async function claimDueDeliveries(
  db: Db,
  dialect: Dialect,
  options: ClaimOptions,
): Promise<ClaimedDelivery[]> {
  const { owner, now, leaseMs } = options;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('notificationOutbox as o')
      .innerJoin('notificationChannels as c', 'c.id', 'o.channelId')
      .select([
        'o.id',
        'o.channelId',
        'o.eventKind',
        'o.idempotencyKey',
        'o.payload',
        'o.attempts',
        'o.createdAt',
      ])
      .where('o.status', '=', 'pending')
      .where('o.nextAttemptAt', '<=', now)
      .where((eb) => eb.or([eb('o.leaseUntil', 'is', null), eb('o.leaseUntil', '<', now)]))
      .where('c.isEnabled', '=', 1)
      .orderBy('o.nextAttemptAt')
      .orderBy('o.id')
      .limit(options.limit);
    if (options.skipChannelIds.length > 0)
      query = query.where('o.channelId', 'not in', options.skipChannelIds);
    if (dialect === 'postgres') query = query.forUpdate('o').skipLocked();
    const candidates = await query.execute();
    const chosen = options.pick(candidates);
    if (chosen.length === 0) return [];
    const claimed = await trx
      .updateTable('notificationOutbox')
      .set({ leaseOwner: owner, leaseUntil: now + leaseMs })
      .where(
        'id',
        'in',
        chosen.map((row) => row.id),
      )
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
      .returning('id')
      .execute();
    const ids = new Set(claimed.map((row) => row.id));
    return chosen.filter((row) => ids.has(row.id));
  });
}

/** What one attempt changed: the log line, and where the row goes next. */
export interface AttemptRecord {
  outboxId: number;
  owner: string;
  at: number;
  isSuccess: boolean;
  statusCode: number | null;
  message: string;
  durationMs: number;
  next:
    | { status: 'delivered' }
    | { status: 'pending'; nextAttemptAt: number }
    | { status: 'dead' }
    | { status: 'failed' };
}

/**
 * Logs an attempt and moves the row on, releasing the lease. The row changes only while this worker
 * still holds it: a worker whose lease ran out (and whose row another took) only logs its attempt.
 */
export async function recordAttempt(db: Db, record: AttemptRecord): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertAttemptRow(trx, record);
    const { next } = record;
    await trx
      .updateTable('notificationOutbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: next.status,
        nextAttemptAt: next.status === 'pending' ? next.nextAttemptAt : record.at,
        lastError: record.isSuccess ? null : record.message.slice(0, 2000),
        deliveredAt: next.status === 'delivered' ? record.at : null,
        leaseOwner: null,
        leaseUntil: null,
      }))
      .where('id', '=', record.outboxId)
      .where('leaseOwner', '=', record.owner)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** Adds one line to the delivery log. */
export async function insertAttemptRow(
  db: Db,
  record: Pick<AttemptRecord, 'outboxId' | 'at' | 'isSuccess' | 'statusCode' | 'message' | 'durationMs'>,
): Promise<void> {
  await db
    .insertInto('notificationAttempts')
    .values({
      outboxId: record.outboxId,
      at: record.at,
      isSuccess: record.isSuccess ? 1 : 0,
      statusCode: record.statusCode,
      message: record.message.slice(0, 2000),
      durationMs: Math.max(0, Math.round(record.durationMs)),
    })
    .execute();
}

/** Adds an outbox row as it is (a "send test" records its one try this way), returning its id. */
export async function insertOutboxRow(
  db: Db,
  values: Omit<Insertable<NotificationOutboxTable>, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto('notificationOutbox')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type DeliveryRow = OutboxRow & { channelName: string };

/** One page of the delivery log, newest first, with the total. */
export async function listDeliveryRows(
  db: Db,
  filter: { status?: DeliveryStatus | undefined; channelId?: number | undefined },
  paging: Paging,
): Promise<{ rows: DeliveryRow[]; total: number }> {
  let base = db
    .selectFrom('notificationOutbox as o')
    .innerJoin('notificationChannels as c', 'c.id', 'o.channelId');
  if (filter.status !== undefined) base = base.where('o.status', '=', filter.status);
  if (filter.channelId !== undefined) base = base.where('o.channelId', '=', filter.channelId);
  const [rows, count] = await Promise.all([
    base
      .selectAll('o')
      .select('c.name as channelName')
      .orderBy('o.createdAt', 'desc')
      .orderBy('o.id', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findDeliveryRow(db: Db, id: number): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('notificationOutbox as o')
    .innerJoin('notificationChannels as c', 'c.id', 'o.channelId')
    .selectAll('o')
    .select('c.name as channelName')
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** The attempts of the given rows, newest first, at most `perRow` each. */
export async function listAttemptRows(
  db: Db,
  outboxIds: number[],
  perRow: number,
): Promise<Map<number, AttemptRow[]>> {
  const byRow = new Map<number, AttemptRow[]>();
  if (outboxIds.length === 0) return byRow;
  const rows = await db
    .selectFrom('notificationAttempts')
    .selectAll()
    .where('outboxId', 'in', outboxIds)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const list = byRow.get(row.outboxId) ?? [];
    if (list.length < perRow) list.push(row);
    byRow.set(row.outboxId, list);
  }
  return byRow;
}

/** Puts a dead row back in the queue for a full set of tries; false when it is not dead. */
export async function requeueDeadDelivery(db: Db, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('notificationOutbox')
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
