import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DeliveryStatus } from '../../../shared/contracts/notifications';
import type { Db, Dialect } from '../../db/connect';
import type {
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

/** One page of channels by name, with the total. */
export async function listChannelRows(
  db: Db,
  paging: Paging,
): Promise<{ rows: ChannelRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('notificationChannels')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    db
      .selectFrom('notificationChannels')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Every channel (the degraded alert keeps them in memory; the configuration section exports them). */
export function listAllChannelRows(db: Db): Promise<ChannelRow[]> {
  return db.selectFrom('notificationChannels').selectAll().orderBy('id').execute();
}

export function findChannelRow(db: Db, id: number): Promise<ChannelRow | undefined> {
  return db.selectFrom('notificationChannels').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findChannelIdByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('notificationChannels').select('id').where('name', '=', name).executeTakeFirst();
}

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

export async function insertChannelRow(
  db: Db,
  values: Omit<Insertable<NotificationChannelsTable>, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto('notificationChannels')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChannelRow(
  db: Db,
  id: number,
  values: Updateable<NotificationChannelsTable>,
): Promise<void> {
  await db.updateTable('notificationChannels').set(values).where('id', '=', id).execute();
}

export async function deleteChannelRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('notificationChannels').where('id', '=', id).execute();
}

/** One page of rules by name, with the total. */
export async function listRuleRows(db: Db, paging: Paging): Promise<{ rows: RuleRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('notificationRules')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    db
      .selectFrom('notificationRules')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function listAllRuleRows(db: Db): Promise<RuleRow[]> {
  return db.selectFrom('notificationRules').selectAll().orderBy('id').execute();
}

export function findRuleRow(db: Db, id: number): Promise<RuleRow | undefined> {
  return db.selectFrom('notificationRules').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRuleIdByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('notificationRules').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertRuleRow(
  db: Db,
  values: Omit<Insertable<NotificationRulesTable>, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto('notificationRules')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRuleRow(
  db: Db,
  id: number,
  values: Updateable<NotificationRulesTable>,
): Promise<void> {
  await db.updateTable('notificationRules').set(values).where('id', '=', id).execute();
}

export async function deleteRuleRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('notificationRules').where('id', '=', id).execute();
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
