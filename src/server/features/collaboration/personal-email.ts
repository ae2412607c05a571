import type { Transaction } from 'kysely';
import type { PersonalEmailEvent, PersonalEventKind } from '../../../shared/domain/notification-events';
import type { Database } from '../../db/schema';
import { getCollaborationSettings } from './collaboration-settings';

/** One email to one person, already written in their language. */
export interface PersonalEmail {
  kind: PersonalEventKind;
  /** unique per fact and person: the same key queued again adds nothing */
  key: string;
  at: number;
  to: string;
  language: 'en' | 'it';
  title: string;
  /** a path in the web client, made absolute by the sender */
  link: string | null;
  facts: Record<string, string | number | null>;
  lines: { label: string; value: string }[];
}

/** The email channel personal email leaves through, when an admin named one and it is enabled. */
export async function findPersonalEmailChannel(trx: Transaction<Database>): Promise<number | null> {
  const { emailChannelId } = await getCollaborationSettings(trx);
  if (emailChannelId === null) return null;
  const channel = await trx
    .selectFrom('notificationChannels')
    .select('id')
    .where('id', '=', emailChannelId)
    .where('kind', '=', 'email')
    .where('isEnabled', '=', 1)
    .executeTakeFirst();
  return channel?.id ?? null;
}

/**
 * Queues personal emails on the notification outbox, inside the caller's transaction, so they leave
 * (and survive restarts) exactly when the fact they tell of is stored. Returns how many were queued:
 * none when no personal email channel is set.
 */
export async function queuePersonalEmails(
  trx: Transaction<Database>,
  emails: readonly PersonalEmail[],
  now: number,
): Promise<number> {
  if (emails.length === 0) return 0;
  const channelId = await findPersonalEmailChannel(trx);
  if (channelId === null) return 0;
  const rows = await trx
    .insertInto('notificationOutbox')
    .values(
      emails.map((email) => {
        const event: PersonalEmailEvent = {
          kind: email.kind,
          key: email.key,
          at: email.at,
          severity: 4,
          teamId: null,
          subject: { type: 'system', id: null, name: email.title },
          link: email.link,
          facts: email.facts,
          recipients: [email.to],
          language: email.language,
          lines: email.lines,
        };
        return {
          channelId,
          eventKind: email.kind,
          idempotencyKey: email.key.slice(0, 200),
          payload: JSON.stringify(event),
          status: 'pending',
          nextAttemptAt: now,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          createdAt: now,
          deliveredAt: null,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['channelId', 'idempotencyKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}
