import type { CommentEntityType } from '../../../shared/contracts/collaboration';
import type { AppContext } from '../../context';
import { getCollaborationSettings } from './collaboration-settings';
import { queuePersonalEmails } from './personal-email';
import { digestSubjects, entityLabels, fillWords, languageOf } from './personal-messages';

const dayMs = 86_400_000;

/** The calendar day ("2026-11-25") and hour of an instant in a timezone. */
export function localDayAndHour(at: number, timezone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/**
 * Sends each person who asked for it one email summarising their unread notifications of the last
 * day, once the organisation's clock passes the digest hour. The (person, day) row is written in
 * the same transaction as the email's outbox row, so a restart, a second run or a second server
 * never sends it twice; a day without unread notifications is recorded and sends nothing.
 * Returns how many digests were queued.
 */
export async function sendDailyDigests(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const { digestHour } = await getCollaborationSettings(ctx.db);
  const { day, hour } = localDayAndHour(now, ctx.config.timezone);
  if (hour < digestHour) return 0;
  const due = await ctx.db
    .selectFrom('digestSubscriptions')
    .innerJoin('users', 'users.id', 'digestSubscriptions.userId')
    .leftJoin('digestDeliveries', (join) =>
      join
        .onRef('digestDeliveries.userId', '=', 'digestSubscriptions.userId')
        .on('digestDeliveries.day', '=', day),
    )
    .select(['users.id', 'users.email', 'users.locale'])
    .where('users.isDisabled', '=', 0)
    .where('digestDeliveries.userId', 'is', null)
    .execute();
  let queued = 0;
  for (const person of due) {
    queued += await ctx.db.transaction().execute(async (trx) => {
      const notifications = await trx
        .selectFrom('personalNotifications')
        .select(['title', 'body', 'entityType', 'createdAt'])
        .where('userId', '=', person.id)
        .where('readAt', 'is', null)
        .where('createdAt', '>', now - dayMs)
        .orderBy('id', 'desc')
        .limit(50)
        .execute();
      const claimed = await trx
        .insertInto('digestDeliveries')
        .values({ userId: person.id, day, notificationCount: notifications.length, queuedAt: now })
        .onConflict((oc) => oc.columns(['userId', 'day']).doNothing())
        .returning('userId')
        .execute();
      // Another run got there first, or there is nothing to tell.
      if (claimed.length === 0 || notifications.length === 0) return 0;
      const language = languageOf(person.locale);
      return queuePersonalEmails(
        trx,
        [
          {
            kind: 'personal.digest',
            key: `digest:${person.id}:${day}`,
            at: now,
            to: person.email,
            language,
            title: fillWords(digestSubjects[language], { count: String(notifications.length) }),
            link: '/inbox',
            facts: {},
            lines: notifications.map((n) => ({
              label: `${entityLabels[language][n.entityType as CommentEntityType] ?? n.entityType}: ${n.title}`,
              value: n.body,
            })),
          },
        ],
        now,
      );
    });
  }
  if (queued > 0) ctx.events.emit('notifications.changed', { at: now });
  return queued;
}
