import type { Transaction } from 'kysely';
import type {
  CommentEntityType,
  PersonalNotification,
  PersonalNotificationKind,
  PersonalNotificationPage,
  PersonalNotificationQuery,
} from '../../../shared/contracts/collaboration';
import { emitAfterCommit } from '../../after-commit';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { handleOf } from './mentions';
import { type PersonalEmail, queuePersonalEmails } from './personal-email';
import { fillWords, languageOf, nobody, notificationSubjects } from './personal-messages';
import { listPreferencesFor } from './preferences';

/** A fact to tell some people about, in their notification centre and, if they chose it, by email. */
export interface PersonalNotice {
  userIds: readonly number[];
  kind: PersonalNotificationKind;
  entityType: CommentEntityType;
  entityId: number;
  /** the entity's title, e.g. the incident's */
  title: string;
  /** a plain-text snippet: the comment, the new state */
  body: string;
  /** who caused it; never notified of their own act. Null for Regia itself (deadline jobs). */
  actorId: number | null;
  /** when it happened (epoch ms); defaults to the wall clock, callers with a clock pass theirs */
  at?: number;
  /** the entity's page in the web client; defaults to the usual path of its type */
  link?: string;
}

const defaultPaths: Record<CommentEntityType, string> = {
  workItem: '/work-items',
  incident: '/incidents',
  item: '/inventory',
  request: '/requests',
};

/** The usual web-client page of an entity. */
export function defaultLinkOf(entityType: CommentEntityType, entityId: number): string {
  return `${defaultPaths[entityType]}/${entityId}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Notifies people inside the caller's transaction: a row in each one's notification centre (unless
 * they turned the kind off there) and an email on the outbox (if they chose email for the kind and
 * an admin set a personal email channel). The actor and disabled accounts are left out; the live
 * bells of the notified hear of it once the transaction commits, so the caller must open it with
 * `runTransaction`. Returns who got what.
 */
export async function notifyUsers(
  trx: Transaction<Database>,
  notice: PersonalNotice,
): Promise<{ inAppUserIds: number[]; emailUserIds: number[] }> {
  const at = notice.at ?? Date.now();
  const wanted = [...new Set(notice.userIds)].filter((id) => id !== notice.actorId);
  if (wanted.length === 0) return { inAppUserIds: [], emailUserIds: [] };
  const people = await trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('id', 'in', wanted)
    .where('isDisabled', '=', 0)
    .execute();
  const preferences = await listPreferencesFor(
    trx,
    people.map((person) => person.id),
    notice.kind,
  );
  const actor =
    notice.actorId === null
      ? undefined
      : await trx.selectFrom('users').select('name').where('id', '=', notice.actorId).executeTakeFirst();
  const title = clip(notice.title, 300);
  const body = clip(notice.body, 1000);
  const link = notice.link ?? defaultLinkOf(notice.entityType, notice.entityId);
  const inApp = people.filter((person) => preferences.get(person.id)?.isInApp);
  if (inApp.length > 0) {
    await trx
      .insertInto('personalNotifications')
      .values(
        inApp.map((person) => ({
          userId: person.id,
          kind: notice.kind,
          entityType: notice.entityType,
          entityId: notice.entityId,
          title,
          body,
          link,
          actorId: notice.actorId,
          createdAt: at,
          readAt: null,
        })),
      )
      .execute();
    emitAfterCommit(trx, 'personal.notified', { userIds: inApp.map((person) => person.id) });
  }
  const byEmail = people.filter((person) => preferences.get(person.id)?.isEmail);
  const emails: PersonalEmail[] = byEmail.map((person) => {
    const language = languageOf(person.locale);
    return {
      kind: 'personal.notification',
      key: `personal:${person.id}:${notice.kind}:${notice.entityType}:${notice.entityId}:${at}`,
      at,
      to: person.email,
      language,
      title: fillWords(notificationSubjects[language][notice.kind], {
        actor: actor?.name ?? nobody[language],
        title,
      }),
      link,
      facts: { message: clip(body, 500) },
      lines: [],
    };
  });
  await queuePersonalEmails(trx, emails, at);
  return { inAppUserIds: inApp.map((p) => p.id), emailUserIds: byEmail.map((p) => p.id) };
}

/** A page of the person's notifications, newest first; only unread ones on request. */
export async function listPersonalNotifications(
  db: Db,
  userId: number,
  query: PersonalNotificationQuery,
): Promise<PersonalNotificationPage> {
  let base = db.selectFrom('personalNotifications').where('personalNotifications.userId', '=', userId);
  if (query.isUnread) base = base.where('personalNotifications.readAt', 'is', null);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'personalNotifications.actorId')
      .selectAll('personalNotifications')
      .select(['users.name as actorName', 'users.email as actorEmail'])
      .orderBy('personalNotifications.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map(
      (row): PersonalNotification => ({
        id: row.id,
        kind: row.kind as PersonalNotificationKind,
        entityType: row.entityType as CommentEntityType,
        entityId: row.entityId,
        title: row.title,
        body: row.body,
        actor:
          row.actorId !== null && row.actorName !== null && row.actorEmail !== null
            ? { id: row.actorId, name: row.actorName, handle: handleOf(row.actorEmail) }
            : null,
        link: row.link,
        createdAt: row.createdAt,
        readAt: row.readAt,
      }),
    ),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** How many of the person's notifications are unread. */
export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('personalNotifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the person's own notifications read; another person's is "not found". */
export async function markRead(db: Db, userId: number, id: number, now: number): Promise<number> {
  const row = await db
    .selectFrom('personalNotifications')
    .select(['id', 'readAt'])
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!row) throw appError('not_found', phrase('notFound.byId.notification', { id }));
  if (row.readAt !== null) return 0;
  const result = await db
    .updateTable('personalNotifications')
    .set({ readAt: now })
    .where('id', '=', id)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks every unread notification of the person read. */
export async function markAllRead(db: Db, userId: number, now: number): Promise<number> {
  const result = await db
    .updateTable('personalNotifications')
    .set({ readAt: now })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
