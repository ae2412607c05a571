import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActivityPage,
  ActivityQuery,
  CollaborationSettings,
  Comment,
  CommentListQuery,
  CommentPage,
  EntityRef,
  MarkedRead,
  NewComment,
  NotificationPreferences,
  PeopleList,
  PeopleQuery,
  PersonalNotificationPage,
  PersonalNotificationQuery,
  TeamActivityQuery,
  UnreadCount,
  UpdateComment,
  WatchState,
} from '../../../shared/contracts/collaboration';
import { IdParams } from '../../../shared/contracts/common';
import type { AppContext } from '../../context';
import { actorOf, can, selfService, signedIn } from '../../http/access';
import { listEntityActivity, listTeamActivity } from './activity';
import { getCollaborationSettings, updateCollaborationSettings } from './collaboration-settings';
import { findReadableEntity } from './comment-targets';
import { createComment, deleteComment, listComments, updateComment } from './comments.service';
import { suggestMentions } from './mention-suggestions';
import { countUnread, listPersonalNotifications, markAllRead, markRead } from './personal-notifications';
import { getPreferences, updatePreferences } from './preferences';
import { getWatchState, unwatch, watch } from './watchers';

// Who may read or comment on an entity is the entity type's rule (comment-targets.ts), checked by
// the service: the routes only require a signed-in caller (auditors are refused every change).
const entityScoped = { access: signedIn };

/** Reading lowers the unread count: the person's bells in other tabs (and on other servers) hear it. */
function announceRead(ctx: AppContext, userId: number, marked: number): { marked: number } {
  if (marked > 0) ctx.events.emit('personal.notified', { userIds: [userId] });
  return { marked };
}

/** Comments, watchers, the personal notification centre, preferences and activity feeds. */
export const collaborationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['collaboration'];

  app.get(
    '/comments',
    {
      schema: {
        tags,
        summary: "An entity's comments, oldest first",
        querystring: CommentListQuery,
        response: { 200: CommentPage },
      },
      config: entityScoped,
    },
    (request) => listComments(ctx, actorOf(request), request.query),
  );
  app.post(
    '/comments',
    {
      schema: {
        tags,
        summary: 'Comment in Markdown; @mentions notify the people named (audited)',
        body: NewComment,
        response: { 201: Comment },
      },
      config: entityScoped,
    },
    async (request, reply) =>
      reply.status(201).send(await createComment(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/comments/:id',
    {
      schema: {
        tags,
        summary: 'Change the text of your own comment (keeps an edited mark; audited)',
        params: IdParams,
        body: UpdateComment,
        response: { 200: Comment },
      },
      config: entityScoped,
    },
    (request) => updateComment(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/comments/:id',
    {
      schema: { tags, summary: 'Delete your own comment (admins: any; audited)', params: IdParams },
      config: entityScoped,
    },
    async (request, reply) => {
      await deleteComment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/collaboration/people',
    {
      schema: {
        tags,
        summary:
          'People to mention: name and handle, at most 20; on an entity, for those who may not read all, its people only',
        querystring: PeopleQuery,
        response: { 200: PeopleList },
      },
      // Readers get everyone; a requester only the people of an entity they see (checked by the service).
      config: { access: signedIn },
    },
    async (request) => ({ rows: await suggestMentions(ctx.db, actorOf(request), request.query) }),
  );

  app.get(
    '/watchers',
    {
      schema: {
        tags,
        summary: 'Whether you watch an entity, and how many do',
        querystring: EntityRef,
        response: { 200: WatchState },
      },
      config: entityScoped,
    },
    async (request) => {
      const actor = actorOf(request);
      const { entityType, entityId } = request.query;
      await findReadableEntity(ctx.db, actor, entityType, entityId);
      return getWatchState(ctx.db, actor.userId, entityType, entityId);
    },
  );
  app.put(
    '/watchers',
    {
      schema: {
        tags,
        summary: 'Watch an entity: be told of its comments',
        body: EntityRef,
        response: { 200: WatchState },
      },
      config: entityScoped,
    },
    async (request) => {
      const actor = actorOf(request);
      const { entityType, entityId } = request.body;
      await findReadableEntity(ctx.db, actor, entityType, entityId);
      await ctx.db
        .transaction()
        .execute((trx) => watch(trx, actor.userId, entityType, entityId, 'explicit', ctx.now()));
      return getWatchState(ctx.db, actor.userId, entityType, entityId);
    },
  );
  app.delete(
    '/watchers',
    {
      schema: {
        tags,
        summary: 'Stop watching an entity',
        querystring: EntityRef,
        response: { 200: WatchState },
      },
      config: entityScoped,
    },
    async (request) => {
      const actor = actorOf(request);
      const { entityType, entityId } = request.query;
      await findReadableEntity(ctx.db, actor, entityType, entityId);
      await unwatch(ctx.db, actor.userId, entityType, entityId);
      return getWatchState(ctx.db, actor.userId, entityType, entityId);
    },
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first; isUnread=true for the unread ones only',
        querystring: PersonalNotificationQuery,
        response: { 200: PersonalNotificationPage },
      },
      config: { access: signedIn },
    },
    (request) => listPersonalNotifications(ctx.db, actorOf(request).userId, request.query),
  );
  app.get(
    '/me/notifications/unread-count',
    {
      schema: { tags, summary: 'How many of your notifications are unread', response: { 200: UnreadCount } },
      config: { access: signedIn },
    },
    async (request) => ({ unread: await countUnread(ctx.db, actorOf(request).userId) }),
  );
  app.post(
    '/me/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: IdParams,
        response: { 200: MarkedRead },
      },
      config: { access: selfService },
    },
    async (request) => {
      const { userId } = actorOf(request);
      return announceRead(ctx, userId, await markRead(ctx.db, userId, request.params.id, ctx.now()));
    },
  );
  app.post(
    '/me/notifications/read-all',
    {
      schema: { tags, summary: 'Mark all your notifications read', response: { 200: MarkedRead } },
      config: { access: selfService },
    },
    async (request) => {
      const { userId } = actorOf(request);
      return announceRead(ctx, userId, await markAllRead(ctx.db, userId, ctx.now()));
    },
  );
  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Your preferences: per kind in the centre and by email, and the daily digest',
        response: { 200: NotificationPreferences },
      },
      config: { access: signedIn },
    },
    (request) => getPreferences(ctx.db, actorOf(request).userId),
  );
  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Change your preferences (kinds left out keep theirs)',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences },
      },
      config: { access: selfService },
    },
    (request) => updatePreferences(ctx, actorOf(request).userId, request.body),
  );

  app.get(
    '/collaboration/settings',
    {
      schema: {
        tags,
        summary: 'Which email channel carries personal email, and the digest hour',
        response: { 200: CollaborationSettings },
      },
      // Every account's preferences page says whether personal email is on: no secret in it.
      config: { access: signedIn },
    },
    () => getCollaborationSettings(ctx.db),
  );
  app.put(
    '/collaboration/settings',
    {
      schema: {
        tags,
        summary: 'Set the personal email channel and the digest hour (admins; audited)',
        body: CollaborationSettings,
        response: { 200: CollaborationSettings },
      },
      config: { access: can('settings.manage') },
    },
    (request) => updateCollaborationSettings(ctx, actorOf(request), request.body),
  );

  app.get(
    '/activity',
    {
      schema: {
        tags,
        summary: "An entity's activity from the audit log, newest first, with field changes",
        querystring: ActivityQuery,
        response: { 200: ActivityPage },
      },
      config: entityScoped,
    },
    (request) => listEntityActivity(ctx, actorOf(request), request.query),
  );
  app.get(
    '/activity/teams/:id',
    {
      schema: {
        tags,
        summary: "A team's activity: what happened to the entities it owns, newest first",
        params: IdParams,
        querystring: TeamActivityQuery,
        response: { 200: ActivityPage },
      },
      config: { access: can('read') },
    },
    (request) => listTeamActivity(ctx, actorOf(request), request.params.id, request.query),
  );
};
