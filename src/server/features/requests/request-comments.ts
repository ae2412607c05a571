import { hasPermission } from '../../../shared/domain/roles';
import type { Actor } from '../auth/actor';
import {
  type CommentTarget,
  commentTargetOf,
  registerCommentTarget,
  type TargetEntity,
} from '../collaboration/comment-targets';
import { canChangeWork } from '../work-items/work.policy';
import { findRequestRow, listFollowerIds, listFollowersOfWorkItem } from './requests.repository';

/** An entity with the people who follow it through a request (requesters, who cannot read work). */
interface FollowedEntity extends TargetEntity {
  followerIds?: readonly number[];
  /** on a work item: the request each follower follows it by */
  requestIdOf?: ReadonlyMap<number, number>;
}

function isFollower(actor: Actor, entity: FollowedEntity): boolean {
  return entity.followerIds?.includes(actor.userId) ?? false;
}

/**
 * Makes requests commentable: their followers (the requester, and those whose requests were merged
 * in) and everyone who may read work read the thread; followers and the team's members comment.
 * Then lets followers of an accepted request keep reading and writing its thread on the work item,
 * without giving them the work item itself. Called after `registerWorkItemComments()`.
 */
export function registerRequestComments(): void {
  registerCommentTarget('request', {
    async find(db, id): Promise<FollowedEntity | undefined> {
      const row = await findRequestRow(db, id);
      if (!row) return undefined;
      const followerIds = await listFollowerIds(db, id);
      return { id: row.id, title: row.title, teamId: row.teamId, link: `/requests/${row.id}`, followerIds };
    },
    canRead: (actor, entity) => hasPermission(actor.role, 'read') || isFollower(actor, entity),
    canComment: (actor, entity) =>
      actor.role !== 'auditor' &&
      (isFollower(actor, entity) || (entity.teamId !== null && canChangeWork(actor, entity.teamId))),
    // The requester and those merged in; the team, watchers and authors come from collaboration.
    listMentionableUserIds: async (_db, entity: FollowedEntity) => [...(entity.followerIds ?? [])],
    async listTeamEntityIds(db, teamId) {
      const rows = await db.selectFrom('requests').select('id').where('teamId', '=', teamId).execute();
      return rows.map((row) => row.id);
    },
  });
  const workItems = commentTargetOf('workItem');
  if (!workItems) return;
  const followed: CommentTarget = {
    async find(db, id): Promise<FollowedEntity | undefined> {
      const entity = await workItems.find(db, id);
      if (!entity) return undefined;
      const followers = await listFollowersOfWorkItem(db, id);
      return {
        ...entity,
        followerIds: followers.map((follower) => follower.userId),
        requestIdOf: new Map(followers.map((follower) => [follower.userId, follower.requestId])),
      };
    },
    // Followers are sent to their request's page: they may not open the work item itself.
    linkFor(entity: FollowedEntity, userId) {
      const requestId = entity.requestIdOf?.get(userId);
      return requestId === undefined ? entity.link : `/requests/${requestId}`;
    },
    canRead: (actor, entity) => workItems.canRead(actor, entity) || isFollower(actor, entity),
    canComment: (actor, entity) =>
      (workItems.canComment
        ? workItems.canComment(actor, entity)
        : actor.role !== 'auditor' && workItems.canRead(actor, entity)) ||
      (actor.role !== 'auditor' && isFollower(actor, entity)),
    listTeamEntityIds: workItems.listTeamEntityIds,
    async listMentionableUserIds(db, entity: FollowedEntity) {
      const own = (await workItems.listMentionableUserIds?.(db, entity)) ?? [];
      return [...own, ...(entity.followerIds ?? [])];
    },
  };
  registerCommentTarget('workItem', followed);
}
