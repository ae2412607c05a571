import type { CommentEntityType, PersonRef } from '../../../shared/contracts/collaboration';
import type { Db } from '../../db/connect';
import { handleOf } from './mentions';

/** A stored comment with its author's name and email (null when the account is gone). */
export interface CommentRow {
  id: number;
  entityType: string;
  entityId: number;
  authorId: number | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
  authorName: string | null;
  authorEmail: string | null;
}

function selectComments(db: Db) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.authorId')
    .selectAll('comments')
    .select(['users.name as authorName', 'users.email as authorEmail']);
}

/** One page of an entity's comments, oldest first, and how many there are. */
export async function listCommentRows(
  db: Db,
  entityType: CommentEntityType,
  entityId: number,
  page: number,
  pageSize: number,
): Promise<{ rows: CommentRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectComments(db)
      .where('comments.entityType', '=', entityType)
      .where('comments.entityId', '=', entityId)
      .orderBy('comments.id', 'asc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One comment, or undefined. */
export function findCommentRow(db: Db, id: number): Promise<CommentRow | undefined> {
  return selectComments(db).where('comments.id', '=', id).executeTakeFirst();
}

/** The people each comment mentions, by comment id. */
export async function listMentionsOf(
  db: Db,
  commentIds: readonly number[],
): Promise<Map<number, PersonRef[]>> {
  const mentions = new Map<number, PersonRef[]>();
  if (commentIds.length === 0) return mentions;
  const rows = await db
    .selectFrom('commentMentions')
    .innerJoin('users', 'users.id', 'commentMentions.userId')
    .select(['commentMentions.commentId', 'users.id', 'users.name', 'users.email'])
    .where('commentMentions.commentId', 'in', [...commentIds])
    .orderBy('users.name')
    .execute();
  for (const row of rows) {
    const list = mentions.get(row.commentId) ?? [];
    list.push({ id: row.id, name: row.name, handle: handleOf(row.email) });
    mentions.set(row.commentId, list);
  }
  return mentions;
}

/** Replaces the stored mentions of a comment; returns the ids that were not mentioned before. */
export async function replaceMentions(
  db: Db,
  commentId: number,
  userIds: readonly number[],
): Promise<number[]> {
  const before = await db
    .selectFrom('commentMentions')
    .select('userId')
    .where('commentId', '=', commentId)
    .execute();
  const previous = new Set(before.map((row) => row.userId));
  await db.deleteFrom('commentMentions').where('commentId', '=', commentId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('commentMentions')
      .values(userIds.map((userId) => ({ commentId, userId })))
      .execute();
  }
  return userIds.filter((id) => !previous.has(id));
}

/** Enabled people whose name, email or handle contains the text, for "@" suggestions. */
export async function searchPeople(db: Db, text: string, limit: number): Promise<PersonRef[]> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('isDisabled', '=', 0)
    .orderBy('name')
    .execute();
  const needle = text.toLowerCase();
  return users
    .filter((user) => needle === '' || `${user.name}\n${user.email}`.toLowerCase().includes(needle))
    .slice(0, limit)
    .map((user) => ({ id: user.id, name: user.name, handle: handleOf(user.email) }));
}
