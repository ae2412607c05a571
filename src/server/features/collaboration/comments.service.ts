import type { Transaction } from 'kysely';
import type {
  Comment,
  CommentEntityType,
  CommentListQuery,
  CommentPage,
  NewComment,
  UpdateComment,
} from '../../../shared/contracts/collaboration';
import { AppError } from '../../../shared/errors';
import { runTransaction } from '../../after-commit';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { recordChange } from '../audit/audit.service';
import { type Actor, loadActor } from '../auth/actor';
import {
  type CommentTarget,
  canCommentOn,
  findReadableEntity,
  linkOf,
  type TargetEntity,
} from './comment-targets';
import {
  type CommentRow,
  findCommentRow,
  listCommentRows,
  listMentionsOf,
  replaceMentions,
} from './comments.repository';
import { handleOf, parseMentions, resolveMentions } from './mentions';
import { notifyUsers } from './personal-notifications';
import { listWatcherIds, watch } from './watchers';

function toComment(row: CommentRow, mentions: Comment['mentions'], actor: Actor): Comment {
  const isAuthor = row.authorId === actor.userId;
  return {
    id: row.id,
    entityType: row.entityType as CommentEntityType,
    entityId: row.entityId,
    body: row.body,
    author:
      row.authorId !== null && row.authorName !== null && row.authorEmail !== null
        ? { id: row.authorId, name: row.authorName, handle: handleOf(row.authorEmail) }
        : null,
    mentions,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    canEdit: isAuthor && actor.role !== 'auditor',
    canDelete: (isAuthor && actor.role !== 'auditor') || actor.role === 'admin',
  };
}

/** A page of an entity's comments, oldest first, for anyone who may read the entity. */
export async function listComments(
  ctx: AppContext,
  actor: Actor,
  query: CommentListQuery,
): Promise<CommentPage> {
  await findReadableEntity(ctx.db, actor, query.entityType, query.entityId);
  const { rows, total } = await listCommentRows(
    ctx.db,
    query.entityType,
    query.entityId,
    query.page,
    query.pageSize,
  );
  const mentions = await listMentionsOf(
    ctx.db,
    rows.map((row) => row.id),
  );
  return {
    rows: rows.map((row) => toComment(row, mentions.get(row.id) ?? [], actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The mentioned people who may read the entity: the others are not told (nor is its title leaked). */
async function readersAmong(
  db: Db,
  target: CommentTarget,
  entity: TargetEntity,
  userIds: readonly number[],
): Promise<number[]> {
  const readers: number[] = [];
  for (const userId of userIds) {
    const person = await loadActor(db, userId, 'token', null);
    if (person && target.canRead(person, entity)) readers.push(userId);
  }
  return readers;
}

/** A plain-text snippet of Markdown for a notification. */
function snippetOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 280);
}

/**
 * Tells the newly mentioned people and the entity's other watchers, in the comment's transaction;
 * the mentioned start watching.
 */
async function notifyAboutComment(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: Actor,
  type: CommentEntityType,
  { target, entity }: { target: CommentTarget; entity: TargetEntity },
  body: string,
  mentioned: readonly number[],
  isNew: boolean,
): Promise<void> {
  const at = ctx.now();
  const common = {
    entityType: type,
    entityId: entity.id,
    title: entity.title,
    body: snippetOf(body),
    actorId: actor.userId,
    at,
  };
  // One notice per page linked to: the same entity may open on different pages for different people.
  const notifyByLink = async (userIds: readonly number[], kind: 'mention' | 'comment') => {
    const byLink = new Map<string, number[]>();
    for (const userId of userIds) {
      const link = linkOf(target, entity, userId);
      byLink.set(link, [...(byLink.get(link) ?? []), userId]);
    }
    for (const [link, group] of byLink) await notifyUsers(trx, { ...common, link, userIds: group, kind });
  };
  for (const userId of mentioned) {
    if (userId !== actor.userId) await watch(trx, userId, type, entity.id, 'mentioned', at);
  }
  await notifyByLink(mentioned, 'mention');
  if (!isNew) return;
  const watchers = (await listWatcherIds(trx, type, entity.id)).filter((id) => !mentioned.includes(id));
  await notifyByLink(await readersAmong(trx, target, entity, watchers), 'comment');
}

/**
 * Comments on an entity: anyone who may read it (auditors only read). The Markdown is stored as
 * written; mentions are resolved to people now and kept. The author watches the entity from then on.
 */
export async function createComment(ctx: AppContext, actor: Actor, input: NewComment): Promise<Comment> {
  const { target, entity } = await findReadableEntity(ctx.db, actor, input.entityType, input.entityId);
  if (!canCommentOn(target, actor, entity))
    throw appError('forbidden', phrase('collaboration.mayNotComment'));
  const resolved = await resolveMentions(ctx.db, parseMentions(input.body));
  const mentioned = await readersAmong(ctx.db, target, entity, resolved);
  const id = await runTransaction(ctx, async (trx) => {
    const now = ctx.now();
    const row = await trx
      .insertInto('comments')
      .values({
        entityType: input.entityType,
        entityId: entity.id,
        authorId: actor.userId,
        body: input.body,
        createdAt: now,
        editedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceMentions(trx, row.id, mentioned);
    await watch(trx, actor.userId, input.entityType, entity.id, 'commented', now);
    await notifyAboutComment(
      ctx,
      trx,
      actor,
      input.entityType,
      { target, entity },
      input.body,
      mentioned,
      true,
    );
    await recordChange(ctx, trx, actor, {
      action: 'comment.create',
      entityType: input.entityType,
      entityId: entity.id,
      after: { commentId: row.id, body: input.body, mentions: mentioned },
    });
    return row.id;
  });
  ctx.events.emit('notifications.changed', { at: ctx.now() });
  return getCommentFor(ctx, actor, id);
}

async function getCommentFor(ctx: AppContext, actor: Actor, id: number): Promise<Comment> {
  const row = await findCommentRow(ctx.db, id);
  if (!row) throw appError('not_found', phrase('notFound.byId.comment', { id }));
  const mentions = await listMentionsOf(ctx.db, [id]);
  return toComment(row, mentions.get(id) ?? [], actor);
}

/** The comment, if the person may read its entity; another's hidden entity answers 404 too. */
async function findReadableComment(ctx: AppContext, actor: Actor, id: number) {
  const row = await findCommentRow(ctx.db, id);
  if (!row) throw appError('not_found', phrase('notFound.byId.comment', { id }));
  const type = row.entityType as CommentEntityType;
  const found = await findReadableEntity(ctx.db, actor, type, row.entityId).catch((error: unknown) => {
    if (error instanceof AppError) throw appError('not_found', phrase('notFound.byId.comment', { id }));
    throw error;
  });
  return { row, type, ...found };
}

/** Changes one's own comment (never another's); it keeps an "edited" mark. Newly mentioned people are told. */
export async function updateComment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: UpdateComment,
): Promise<Comment> {
  const { row, type, target, entity } = await findReadableComment(ctx, actor, id);
  if (row.authorId !== actor.userId || !canCommentOn(target, actor, entity)) {
    throw appError('forbidden', phrase('collaboration.authorEditsOnly'));
  }
  const resolved = await resolveMentions(ctx.db, parseMentions(input.body));
  const mentioned = await readersAmong(ctx.db, target, entity, resolved);
  await runTransaction(ctx, async (trx) => {
    await trx
      .updateTable('comments')
      .set({ body: input.body, editedAt: ctx.now() })
      .where('id', '=', id)
      .execute();
    const added = await replaceMentions(trx, id, mentioned);
    await notifyAboutComment(ctx, trx, actor, type, { target, entity }, input.body, added, false);
    await recordChange(ctx, trx, actor, {
      action: 'comment.update',
      entityType: type,
      entityId: entity.id,
      before: { commentId: id, body: row.body },
      after: { commentId: id, body: input.body },
    });
  });
  ctx.events.emit('notifications.changed', { at: ctx.now() });
  return getCommentFor(ctx, actor, id);
}

/** Deletes one's own comment; admins delete any (moderation). */
export async function deleteComment(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const { row, type, target, entity } = await findReadableComment(ctx, actor, id);
  const isAuthor = row.authorId === actor.userId && canCommentOn(target, actor, entity);
  if (!isAuthor && actor.role !== 'admin')
    throw appError('forbidden', phrase('collaboration.authorOrAdminDeletes'));
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('comments').where('id', '=', id).execute();
    await recordChange(ctx, trx, actor, {
      action: 'comment.delete',
      entityType: type,
      entityId: entity.id,
      before: { commentId: id, authorId: row.authorId, body: row.body },
    });
  });
}
