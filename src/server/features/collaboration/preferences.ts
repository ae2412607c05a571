import type { Transaction } from 'kysely';
import {
  type KindPreference,
  NotificationPreferences,
  type PersonalNotificationKind,
  personalNotificationKinds,
} from '../../../shared/contracts/collaboration';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';

/** What a kind does until the person says otherwise: always in the centre; email for what is aimed at them. */
const emailByDefault = new Set<PersonalNotificationKind>(['mention', 'assignment', 'overdue']);

/** The default preference of a kind. */
export function defaultPreferenceOf(kind: PersonalNotificationKind): KindPreference {
  return { kind, isInApp: true, isEmail: emailByDefault.has(kind) };
}

/** Each user's preference for one kind, defaults filled in. */
export async function listPreferencesFor(
  db: Db,
  userIds: readonly number[],
  kind: PersonalNotificationKind,
): Promise<Map<number, KindPreference>> {
  const stored =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('notificationPreferences')
          .selectAll()
          .where('kind', '=', kind)
          .where('userId', 'in', [...userIds])
          .execute();
  const preferences = new Map<number, KindPreference>();
  for (const userId of userIds) preferences.set(userId, defaultPreferenceOf(kind));
  for (const row of stored) {
    preferences.set(row.userId, { kind, isInApp: row.isInApp === 1, isEmail: row.isEmail === 1 });
  }
  return preferences;
}

/** A person's preferences: every kind (defaults filled in) and the digest. */
export async function getPreferences(db: Db, userId: number): Promise<NotificationPreferences> {
  const [rows, digest] = await Promise.all([
    db.selectFrom('notificationPreferences').selectAll().where('userId', '=', userId).execute(),
    db.selectFrom('digestSubscriptions').select('userId').where('userId', '=', userId).executeTakeFirst(),
  ]);
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return {
    kinds: personalNotificationKinds.map((kind) => {
      const row = byKind.get(kind);
      return row
        ? { kind, isInApp: row.isInApp === 1, isEmail: row.isEmail === 1 }
        : defaultPreferenceOf(kind);
    }),
    isDigestEnabled: digest !== undefined,
  };
}

async function writePreferences(
  trx: Transaction<Database>,
  userId: number,
  input: NotificationPreferences,
  now: number,
): Promise<void> {
  for (const preference of input.kinds) {
    const values = { isInApp: preference.isInApp ? 1 : 0, isEmail: preference.isEmail ? 1 : 0 };
    await trx
      .insertInto('notificationPreferences')
      .values({ userId, kind: preference.kind, ...values })
      .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet(values))
      .execute();
  }
  if (input.isDigestEnabled) {
    await trx
      .insertInto('digestSubscriptions')
      .values({ userId, createdAt: now })
      .onConflict((oc) => oc.column('userId').doNothing())
      .execute();
  } else {
    await trx.deleteFrom('digestSubscriptions').where('userId', '=', userId).execute();
  }
}

/**
 * Changes the caller's own preferences; kinds left out keep theirs. Personal choices, so not in the
 * audit log (they change nothing anyone else sees).
 */
export async function updatePreferences(
  ctx: Pick<AppContext, 'db' | 'now'>,
  userId: number,
  input: NotificationPreferences,
): Promise<NotificationPreferences> {
  const preferences = NotificationPreferences.parse(input);
  await ctx.db.transaction().execute((trx) => writePreferences(trx, userId, preferences, ctx.now()));
  return getPreferences(ctx.db, userId);
}
