import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type {
  ActivityPage,
  Comment,
  CommentPage,
  NotificationPreferences,
  PersonalNotificationPage,
  UnreadCount,
  WatchState,
} from '../../../shared/contracts/collaboration';
import { runTransaction } from '../../after-commit';
import {
  buildCollaborationWorld,
  type CollaborationWorld,
  comment,
  postComment,
} from './collaboration.test-support';
import { registerCommentTarget } from './comment-targets';
import { handleOf } from './mentions';
import { notifyUsers } from './personal-notifications';

describeEachDialect('collaboration: comments, mentions, watchers, notifications', (storage) => {
  let world: CollaborationWorld;
  beforeAll(async () => {
    world = await buildCollaborationWorld(storage());
  });
  afterAll(() => world?.close());

  const get = (url: string, headers: Record<string, string>) =>
    world.app.inject({ url: `/api/v1${url}`, headers });
  const unreadOf = async (headers: Record<string, string>) =>
    json<UnreadCount>(await get('/me/notifications/unread-count', headers)).unread;

  it('stores Markdown as given, resolves mentions by handle and email, and leaves unknown ones as text', async () => {
    const { app, users, incident } = world;
    const body = `Look @${handleOf(users.lead.user.email)} and @${users.manager.user.email} — not @nobody-here <script>alert(1)</script> [x](javascript:alert(1))`;
    const created = await comment(app, users.member.headers, 'incident', incident.id, body);
    expect(created.body).toBe(body);
    expect(created.author?.id).toBe(users.member.user.id);
    expect(created.mentions.map((m) => m.id).sort()).toEqual(
      [users.manager.user.id, users.lead.user.id].sort(),
    );
    expect(created).toMatchObject({ editedAt: null, canEdit: true, canDelete: true });

    const page = json<CommentPage>(
      await get(`/comments?entityType=incident&entityId=${incident.id}`, users.auditor.headers),
    );
    expect(page.rows.at(-1)?.body).toBe(body);
    expect(page.rows.at(-1)).toMatchObject({ canEdit: false, canDelete: false });
  });

  it('notifies the mentioned in the same transaction as the comment, and makes them watchers', async () => {
    const { app, users, item } = world;
    const before = await unreadOf(users.lead.headers);
    await comment(
      app,
      users.member.headers,
      'item',
      item.id,
      `please check @${handleOf(users.lead.user.email)}`,
    );
    expect(await unreadOf(users.lead.headers)).toBe(before + 1);
    const page = json<PersonalNotificationPage>(
      await get('/me/notifications?isUnread=true', users.lead.headers),
    );
    expect(page.rows[0]).toMatchObject({
      kind: 'mention',
      entityType: 'item',
      entityId: item.id,
      title: item.name,
      body: expect.stringContaining('please check'),
      actor: { id: users.member.user.id },
      link: `/inventory/${item.id}`,
      readAt: null,
    });
    const watching = json<WatchState>(
      await get(`/watchers?entityType=item&entityId=${item.id}`, users.lead.headers),
    );
    expect(watching).toMatchObject({ isWatching: true, reason: 'mentioned' });
    // The author is not notified of their own comment.
    const own = json<PersonalNotificationPage>(await get('/me/notifications', users.member.headers));
    expect(own.rows.filter((row) => row.entityType === 'item' && row.entityId === item.id)).toHaveLength(0);
  });

  it('rolls the notification back with the comment when the transaction fails', async () => {
    const { ctx, users, incident } = world;
    const count = () =>
      ctx.db
        .selectFrom('personalNotifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('userId', '=', users.manager.user.id)
        .executeTakeFirstOrThrow();
    const before = Number((await count()).n);
    await expect(
      runTransaction(ctx, async (trx) => {
        await notifyUsers(trx, {
          userIds: [users.manager.user.id],
          kind: 'mention',
          entityType: 'incident',
          entityId: incident.id,
          title: incident.title,
          body: 'x',
          actorId: users.member.user.id,
        });
        expect(
          Number(
            (
              await trx
                .selectFrom('personalNotifications')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('userId', '=', users.manager.user.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBe(before + 1);
        throw new Error('the comment could not be stored');
      }),
    ).rejects.toThrow('could not be stored');
    expect(Number((await count()).n)).toBe(before);
  });

  it('tells watchers of new comments, and stops when they unwatch', async () => {
    const { app, users, incident } = world;
    const watched = await app.inject({
      method: 'PUT',
      url: '/api/v1/watchers',
      headers: users.admin.headers,
      payload: { entityType: 'incident', entityId: incident.id },
    });
    expect(json<WatchState>(watched)).toMatchObject({ isWatching: true, reason: 'explicit' });
    const before = await unreadOf(users.admin.headers);
    await comment(app, users.member.headers, 'incident', incident.id, 'status update');
    expect(await unreadOf(users.admin.headers)).toBe(before + 1);
    const latest = json<PersonalNotificationPage>(await get('/me/notifications', users.admin.headers))
      .rows[0];
    expect(latest).toMatchObject({ kind: 'comment', entityId: incident.id });

    await app.inject({
      method: 'DELETE',
      url: `/api/v1/watchers?entityType=incident&entityId=${incident.id}`,
      headers: users.admin.headers,
    });
    await comment(app, users.member.headers, 'incident', incident.id, 'another update');
    expect(await unreadOf(users.admin.headers)).toBe(before + 1);
  });

  it('honours preferences: a kind turned off in the centre adds nothing there', async () => {
    const { app, users, incident } = world;
    const preferences: NotificationPreferences = {
      kinds: [{ kind: 'mention', isInApp: false, isEmail: false }],
      isDigestEnabled: true,
    };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: users.auditor.headers,
      payload: preferences,
    });
    expect(saved.statusCode).toBe(200);
    const stored = json<NotificationPreferences>(saved);
    expect(stored.isDigestEnabled).toBe(true);
    expect(stored.kinds.find((k) => k.kind === 'mention')).toEqual({
      kind: 'mention',
      isInApp: false,
      isEmail: false,
    });
    expect(stored.kinds.find((k) => k.kind === 'assignment')).toEqual({
      kind: 'assignment',
      isInApp: true,
      isEmail: true,
    });
    const before = await unreadOf(users.auditor.headers);
    await comment(app, users.member.headers, 'incident', incident.id, `fyi @${users.auditor.user.email}`);
    expect(await unreadOf(users.auditor.headers)).toBe(before);
  });

  it('marks one read, then all read; another person’s notification is not found', async () => {
    const { app, users, incident } = world;
    await comment(app, users.member.headers, 'incident', incident.id, `@${users.lead.user.email} one`);
    await comment(app, users.member.headers, 'incident', incident.id, `@${users.lead.user.email} two`);
    const unread = json<PersonalNotificationPage>(
      await get('/me/notifications?isUnread=true', users.lead.headers),
    );
    const first = unread.rows[0]!;
    const other = await app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${first.id}/read`,
      headers: users.manager.headers,
    });
    expect(other.statusCode).toBe(404);
    const marked = await app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${first.id}/read`,
      headers: users.lead.headers,
    });
    expect(json(marked)).toEqual({ marked: 1 });
    expect(await unreadOf(users.lead.headers)).toBe(unread.total - 1);
    await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      headers: users.lead.headers,
    });
    expect(await unreadOf(users.lead.headers)).toBe(0);
  });

  it('lets authors edit (with a mark) and delete their own comments, admins delete any, nobody else', async () => {
    const { app, users, incident } = world;
    const created = await comment(app, users.member.headers, 'incident', incident.id, 'first draft');
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/comments/${created.id}`,
        headers,
        payload: { body: 'second draft' },
      });
    expect((await patch(users.lead.headers)).statusCode).toBe(403);
    expect((await patch(users.admin.headers)).statusCode).toBe(403);
    expect((await patch(users.auditor.headers)).statusCode).toBe(403);
    const edited = json<Comment>(await patch(users.member.headers));
    expect(edited.body).toBe('second draft');
    expect(edited.editedAt).toBe(world.ctx.now());

    const remove = (headers: Record<string, string>, id: number) =>
      app.inject({ method: 'DELETE', url: `/api/v1/comments/${id}`, headers });
    expect((await remove(users.lead.headers, created.id)).statusCode).toBe(403);
    expect((await remove(users.admin.headers, created.id)).statusCode).toBe(204);
    expect((await remove(users.member.headers, created.id)).statusCode).toBe(404);
    const own = await comment(app, users.lead.headers, 'incident', incident.id, 'mine');
    expect((await remove(users.lead.headers, own.id)).statusCode).toBe(204);

    const actions = await world.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'incident')
      .where('entityId', '=', String(incident.id))
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['comment.create', 'comment.update', 'comment.delete']),
    );
  });

  it('refuses: 401 anonymous, 403 auditors and requesters, 404 an unknown entity or comment, 400 a bad type', async () => {
    const { app, users, incident } = world;
    const anonymous = await app.inject({
      url: `/api/v1/comments?entityType=incident&entityId=${incident.id}`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await postComment(app, users.auditor.headers, 'incident', incident.id, 'hi')).statusCode).toBe(
      403,
    );
    expect((await postComment(app, users.requester.headers, 'incident', incident.id, 'hi')).statusCode).toBe(
      403,
    );
    expect(
      (await get(`/comments?entityType=incident&entityId=${incident.id}`, users.requester.headers))
        .statusCode,
    ).toBe(403);
    expect((await postComment(app, users.member.headers, 'incident', 999_999, 'hi')).statusCode).toBe(404);
    expect((await postComment(app, users.member.headers, 'workItem', 1, 'hi')).statusCode).toBe(404);
    expect((await postComment(app, users.member.headers, 'team', 1, 'hi')).statusCode).toBe(400);
    expect((await postComment(app, users.member.headers, 'incident', incident.id, '   ')).statusCode).toBe(
      400,
    );
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/v1/comments/999999',
      headers: users.member.headers,
      payload: { body: 'x' },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('uses a registered target for a new entity type, with its own reading rule', async () => {
    const { app, users } = world;
    registerCommentTarget('workItem', {
      find: async (_db, id) =>
        id === 7 ? { id, title: 'Patch servers', teamId: world.ops.id, link: '/work/7' } : undefined,
      canRead: (actor, entity) => actor.role === 'admin' || actor.teamIds.includes(entity.teamId ?? -1),
    });
    const created = await comment(
      app,
      users.member.headers,
      'workItem',
      7,
      `@${users.lead.user.email} ready?`,
    );
    expect(created.mentions.map((m) => m.id)).toEqual([users.lead.user.id]);
    expect((await postComment(app, users.manager.headers, 'workItem', 7, 'hi')).statusCode).toBe(403);
    // The manager cannot read it: mentioned, they are not told (nor shown its title).
    const mentioned = await comment(
      app,
      users.member.headers,
      'workItem',
      7,
      `@${users.manager.user.email} look`,
    );
    expect(mentioned.mentions).toEqual([]);
    const lead = json<PersonalNotificationPage>(await get('/me/notifications', users.lead.headers));
    expect(lead.rows[0]).toMatchObject({
      entityType: 'workItem',
      entityId: 7,
      link: '/work/7',
      title: 'Patch servers',
    });
  });

  it('shows readable activity for an entity and for its team, with field changes', async () => {
    const { app, users, item, ops } = world;
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/items/${item.id}`,
      headers: users.admin.headers,
      payload: { criticality: 1 },
    });
    expect(updated.statusCode).toBe(200);
    const feed = json<ActivityPage>(
      await get(`/activity?entityType=item&entityId=${item.id}`, users.auditor.headers),
    );
    expect(feed.rows[0]).toMatchObject({ action: 'item.update', actorLabel: users.admin.user.name });
    expect(feed.rows[0]?.changes).toContainEqual({ field: 'criticality', before: 2, after: 1 });
    expect(feed.rows.map((row) => row.action)).toContain('comment.create');

    const team = json<ActivityPage>(await get(`/activity/teams/${ops.id}`, users.member.headers));
    expect(team.total).toBeGreaterThan(0);
    expect(team.rows.every((row) => ['item', 'incident', 'workItem'].includes(row.entityType))).toBe(true);
    expect(team.rows.map((row) => row.action)).toContain('item.update');
    expect((await get('/activity/teams/999999', users.member.headers)).statusCode).toBe(404);
    expect((await get(`/activity/teams/${ops.id}`, users.requester.headers)).statusCode).toBe(403);
  });

  it('suggests people to mention by name or handle', async () => {
    const { users } = world;
    const handle = handleOf(users.lead.user.email);
    const found = json<{ rows: { id: number; handle: string }[] }>(
      await get(`/collaboration/people?query=${encodeURIComponent(handle)}`, users.member.headers),
    );
    expect(found.rows).toEqual([expect.objectContaining({ id: users.lead.user.id, handle })]);
  });
});
