import type { Transaction } from 'kysely';
import type { NotificationEvent } from '../../../shared/domain/notification-events';
import type { Database } from '../../db/schema';

/** The channels whose enabled rules match an event: its kind, its severity and its team. */
async function channelsFor(trx: Transaction<Database>, event: NotificationEvent): Promise<number[]> {
  const rules = await trx
    .selectFrom('notificationRules')
    .select(['events', 'teamIds', 'channelIds', 'maxSeverity'])
    .where('isEnabled', '=', 1)
    .execute();
  const channelIds = new Set<number>();
  for (const rule of rules) {
    const events = JSON.parse(rule.events) as string[];
    const teamIds = JSON.parse(rule.teamIds) as number[];
    if (!events.includes(event.kind)) continue;
    if (event.severity > rule.maxSeverity) continue;
    if (teamIds.length > 0 && (event.teamId === null || !teamIds.includes(event.teamId))) continue;
    for (const id of JSON.parse(rule.channelIds) as number[]) channelIds.add(id);
  }
  if (channelIds.size === 0) return [];
  const enabled = await trx
    .selectFrom('notificationChannels')
    .select('id')
    .where('id', 'in', [...channelIds])
    .where('isEnabled', '=', 1)
    .execute();
  return enabled.map((row) => row.id);
}

/**
 * Queues an event for every channel whose rules match it, inside the caller's transaction, so the
 * notification exists exactly when the fact it announces does. The same event key queued again
 * (a replay after a crash) adds nothing. Delivery happens later, outside any transaction.
 * Returns how many outbox rows were added.
 */
export async function queueNotification(
  trx: Transaction<Database>,
  event: NotificationEvent,
  now: number,
): Promise<number> {
  const channelIds = await channelsFor(trx, event);
  if (channelIds.length === 0) return 0;
  const rows = await trx
    .insertInto('notificationOutbox')
    .values(
      channelIds.map((channelId) => ({
        channelId,
        eventKind: event.kind,
        idempotencyKey: event.key.slice(0, 200),
        payload: JSON.stringify(event),
        status: 'pending',
        nextAttemptAt: now,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        createdAt: now,
        deliveredAt: null,
      })),
    )
    .onConflict((oc) => oc.columns(['channelId', 'idempotencyKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}
