import type { Transaction } from 'kysely';
import type { CommentEntityType, WatchReason, WatchState } from '../../../shared/contracts/collaboration';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';

/**
 * Makes a person watch an entity, inside the caller's transaction; watching already keeps the first
 * reason. The work items feature calls it for assignees and reporters.
 */
export async function watch(
  trx: Transaction<Database>,
  userId: number,
  entityType: CommentEntityType,
  entityId: number,
  reason: WatchReason = 'explicit',
  now = Date.now(),
): Promise<void> {
  await trx
    .insertInto('watchers')
    .values({ userId, entityType, entityId, reason, createdAt: now })
    .onConflict((oc) => oc.columns(['userId', 'entityType', 'entityId']).doNothing())
    .execute();
}

/** Stops a person watching an entity. */
export async function unwatch(
  db: Db,
  userId: number,
  entityType: CommentEntityType,
  entityId: number,
): Promise<void> {
  await db
    .deleteFrom('watchers')
    .where('userId', '=', userId)
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .execute();
}

/** The ids of the people who watch an entity. */
export async function listWatcherIds(
  db: Db,
  entityType: CommentEntityType,
  entityId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('watchers')
    .select('userId')
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .orderBy('userId')
    .execute();
  return rows.map((row) => row.userId);
}

/** Whether a person watches an entity, and how many do. */
export async function getWatchState(
  db: Db,
  userId: number,
  entityType: CommentEntityType,
  entityId: number,
): Promise<WatchState> {
  const rows = await db
    .selectFrom('watchers')
    .select(['userId', 'reason'])
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .execute();
  const own = rows.find((row) => row.userId === userId);
  return {
    isWatching: own !== undefined,
    reason: (own?.reason as WatchReason | undefined) ?? null,
    watcherCount: rows.length,
  };
}
