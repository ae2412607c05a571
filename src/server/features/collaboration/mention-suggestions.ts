import type { CommentEntityType, PersonRef } from '../../../shared/contracts/collaboration';
import { hasPermission } from '../../../shared/domain/roles';
import type { Db } from '../../db/connect';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type Actor, loadActor } from '../auth/actor';
import { type CommentTarget, commentTargetOf, type TargetEntity } from './comment-targets';
import { searchPeople } from './comments.repository';
import { handleOf } from './mentions';

// Who is offered after "@". A mention only ever notifies people who may read the entity (see
// comments.service.ts); this keeps the list itself from showing a requester the whole directory.
/** The most people one suggestion list holds. */
const suggestionLimit = 20;

/**
 * Who is involved in an entity: its team's members, its watchers, the authors of its thread and
 * whoever its target names (a request's followers); only those who may read it, never the caller.
 */
async function listMentionableIds(
  db: Db,
  actor: Actor,
  target: CommentTarget,
  entity: TargetEntity,
  type: CommentEntityType,
): Promise<number[]> {
  const [members, watchers, authors, named] = await Promise.all([
    entity.teamId === null
      ? []
      : db.selectFrom('teamMembers').select('userId').where('teamId', '=', entity.teamId).execute(),
    db
      .selectFrom('watchers')
      .select('userId')
      .where('entityType', '=', type)
      .where('entityId', '=', entity.id)
      .execute(),
    db
      .selectFrom('comments')
      .select('authorId as userId')
      .where('entityType', '=', type)
      .where('entityId', '=', entity.id)
      .where('authorId', 'is not', null)
      .execute(),
    target.listMentionableUserIds?.(db, entity) ?? [],
  ]);
  const candidates = new Set<number>([
    ...[...members, ...watchers, ...authors].map((row) => row.userId).filter((id) => id !== null),
    ...named,
  ]);
  candidates.delete(actor.userId);
  const readers: number[] = [];
  for (const userId of candidates) {
    // Offering someone who cannot open the entity would lead to a mention that tells them nothing.
    const person = await loadActor(db, userId, 'token', null);
    if (person && target.canRead(person, entity)) readers.push(userId);
  }
  return readers;
}

/**
 * People to suggest after "@". Those who may read everything get everyone, as always; on an entity,
 * someone who may not (a requester on their own request) gets only the people involved in it. An
 * entity they may not see answers 404, like the entity itself.
 */
export async function suggestMentions(
  db: Db,
  actor: Actor,
  input: { query: string; entityType?: CommentEntityType; entityId?: number },
): Promise<PersonRef[]> {
  const { query, entityType, entityId } = input;
  if ((entityType === undefined) !== (entityId === undefined)) {
    throw appError('validation_failed', phrase('collaboration.nameEntity'), [
      {
        path: `querystring.${entityType === undefined ? 'entityType' : 'entityId'}`,
        message: phrase('issue.required'),
      },
    ]);
  }
  const mayBrowseEveryone = hasPermission(actor.role, 'read');
  if (entityType === undefined || entityId === undefined) {
    if (!mayBrowseEveryone) throw appError('forbidden', phrase('collaboration.nameEntityToBrowse'));
    return searchPeople(db, query, suggestionLimit);
  }
  const target = commentTargetOf(entityType);
  const entity = target ? await target.find(db, entityId) : undefined;
  if (!target || !entity || !target.canRead(actor, entity)) {
    throw appError('not_found', phrase(`notFound.byId.${entityType}`, { id: entityId }));
  }
  if (mayBrowseEveryone) return searchPeople(db, query, suggestionLimit);
  const ids = await listMentionableIds(db, actor, target, entity, entityType);
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', 'in', ids)
    .where('isDisabled', '=', 0)
    .orderBy('name')
    .execute();
  const needle = query.toLowerCase();
  return users
    .filter((user) => needle === '' || `${user.name}\n${user.email}`.toLowerCase().includes(needle))
    .slice(0, suggestionLimit)
    .map((user) => ({ id: user.id, name: user.name, handle: handleOf(user.email) }));
}
