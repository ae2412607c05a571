import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { CommentPage, PersonalNotificationPage } from '../../../shared/contracts/collaboration';
import type { RequestDetail, RequestFigures, RequestPage } from '../../../shared/contracts/requests';
import type { WorkItemDetail } from '../../../shared/contracts/work-items';
import { buildItem, postItem } from '../inventory/inventory.test-support';
import {
  buildWorkWorld,
  type Headers,
  postWorkItem,
  type WorkWorld,
} from '../work-items/work-items.test-support';
import { durationFiguresOf, getRequestFigures } from './request-figures';

describe('durationFiguresOf', () => {
  it('takes the middle mean for an even count and the nearest rank for p90', () => {
    // sorted 1..10: median (5+6)/2, p90 = the 9th value
    expect(durationFiguresOf([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual({
      count: 10,
      medianMs: 5.5,
      p90Ms: 9,
    });
    expect(durationFiguresOf([30, 10, 20])).toEqual({ count: 3, medianMs: 20, p90Ms: 30 });
    expect(durationFiguresOf([])).toEqual({ count: 0, medianMs: null, p90Ms: null });
  });
});

const minute = 60_000;

describeEachDialect('requests and problems from colleagues', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
  });
  afterAll(() => world?.close());

  const submit = (headers: Headers, payload: Record<string, unknown>) =>
    world.app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });
  const step = (headers: Headers, id: number, action: string, payload: Record<string, unknown> = {}) =>
    world.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/${action}`, headers, payload });
  const inbox = async (headers: Headers) =>
    json<PersonalNotificationPage>(await world.app.inject({ url: '/api/v1/me/notifications', headers }));

  it('lets a requester submit a problem, defaulting the team from the system, and see only their own', async () => {
    const { app, users, net, ops } = world;
    const router = await postItem(
      app,
      users.admin.headers,
      buildItem({ name: 'core-router', ownerTeamId: net.id }),
    );
    const response = await submit(users.requester.headers, {
      kind: 'problem',
      title: 'VPN drops every hour',
      details: 'Since **Monday**',
      priority: 2,
      itemId: router.id,
    });
    expect(response.statusCode).toBe(201);
    const request = json<RequestDetail>(response);
    expect(request).toMatchObject({
      kind: 'problem',
      status: 'triage',
      teamId: net.id,
      itemName: 'core-router',
      requesterId: users.requester.user.id,
      thread: { entityType: 'request', entityId: request.id },
    });
    expect(request.history.map((h) => h.status)).toEqual(['submitted']);
    // Someone else's request is invisible to the requester; another requester's is a 404.
    const other = json<RequestDetail>(
      await submit(users.member.headers, { title: 'New laptop', teamId: ops.id }),
    );
    expect(
      (await app.inject({ url: `/api/v1/requests/${other.id}`, headers: users.requester.headers }))
        .statusCode,
    ).toBe(404);
    const mine = json<RequestPage>(
      await app.inject({ url: '/api/v1/requests', headers: users.requester.headers }),
    );
    expect(mine.rows.map((row) => row.id)).toEqual([request.id]);
    for (const scope of ['triage', 'all']) {
      const answer = await app.inject({
        url: `/api/v1/requests?scope=${scope}`,
        headers: users.requester.headers,
      });
      expect(answer.statusCode).toBe(403);
    }
    // The requester reads nothing else: work, inventory, incidents, figures.
    for (const url of [
      '/api/v1/work-items',
      `/api/v1/items/${router.id}`,
      '/api/v1/incidents',
      '/api/v1/requests/figures?from=0&to=1',
    ]) {
      expect((await app.inject({ url, headers: users.requester.headers })).statusCode).toBe(403);
    }
    // A team must be known: no system and no team is refused.
    expect((await submit(users.requester.headers, { title: 'Help' })).statusCode).toBe(400);
    expect((await submit(users.requester.headers, { title: 'Help', teamId: 999999 })).statusCode).toBe(400);
    expect(
      (await submit(users.requester.headers, { title: 'Help', teamId: ops.id, role: 'admin' })).statusCode,
    ).toBe(400);
  });

  it('answers 401 without credentials and 403 to auditors submitting or anyone outside the team triaging', async () => {
    const { app, users, ops, net } = world;
    expect((await app.inject({ url: '/api/v1/requests' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/requests', payload: { title: 'x' } })).statusCode,
    ).toBe(401);
    expect((await submit(users.auditor.headers, { title: 'x', teamId: ops.id })).statusCode).toBe(403);
    const request = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'Printer jam', teamId: net.id }),
    );
    const before = await app.inject({ url: `/api/v1/requests/${request.id}`, headers: users.admin.headers });
    expect((await step(users.requester.headers, request.id, 'accept')).statusCode).toBe(403);
    expect((await step(users.auditor.headers, request.id, 'decline', { reason: 'no' })).statusCode).toBe(403);
    // The Ops member does not triage Net's requests.
    expect((await step(users.member.headers, request.id, 'accept')).statusCode).toBe(403);
    const after = await app.inject({ url: `/api/v1/requests/${request.id}`, headers: users.admin.headers });
    expect(json<RequestDetail>(after).status).toBe(json<RequestDetail>(before).status);
    // The auditor reads every request (read-only role).
    expect(
      (await app.inject({ url: `/api/v1/requests/${request.id}`, headers: users.auditor.headers }))
        .statusCode,
    ).toBe(200);
  });

  it('accepts into a work item of type request in the first non-triage state, keeping the thread', async () => {
    const { app, users, ops, ctx } = world;
    const request = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'Share for finance', teamId: ops.id, priority: 1 }),
    );
    const comment = (headers: Headers, entityType: string, entityId: number, body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        headers,
        payload: { entityType, entityId, body },
      });
    expect(
      (await comment(users.requester.headers, 'request', request.id, 'We need it by Friday')).statusCode,
    ).toBe(201);
    // A requester cannot comment on someone else's request (collaboration answers 403 there).
    const others = json<RequestDetail>(
      await submit(users.lead.headers, { title: 'Lead asks', teamId: ops.id }),
    );
    expect((await comment(users.requester.headers, 'request', others.id, 'me too')).statusCode).toBe(403);

    ctx.clock.now += 30 * minute;
    const accepted = await step(users.member.headers, request.id, 'accept');
    expect(accepted.statusCode).toBe(200);
    const detail = json<RequestDetail>(accepted);
    expect(detail.status).toBe('accepted');
    expect(detail.firstResponseAt).toBe(detail.submittedAt + 30 * minute);
    expect(detail.thread.entityType).toBe('workItem');
    const workItem = json<WorkItemDetail>(
      await app.inject({ url: `/api/v1/work-items/${detail.workItemId}`, headers: users.member.headers }),
    );
    expect(workItem).toMatchObject({
      type: 'request',
      title: 'Share for finance',
      priority: 1,
      teamId: ops.id,
      stateName: 'To do',
      category: 'todo',
    });
    // The thread is on the work item for the team, and the requester still reads and writes it.
    const thread = json<CommentPage>(
      await app.inject({
        url: `/api/v1/comments?entityType=workItem&entityId=${workItem.id}`,
        headers: users.requester.headers,
      }),
    );
    expect(thread.rows.map((row) => row.body)).toEqual(['We need it by Friday']);
    expect((await comment(users.member.headers, 'workItem', workItem.id, 'On it')).statusCode).toBe(201);
    expect((await comment(users.requester.headers, 'workItem', workItem.id, 'Thanks')).statusCode).toBe(201);
    // ...but not the work item itself.
    expect(
      (await app.inject({ url: `/api/v1/work-items/${workItem.id}`, headers: users.requester.headers }))
        .statusCode,
    ).toBe(403);
    // Told of the acceptance and of the team's comment.
    const notices = (await inbox(users.requester.headers)).rows;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'stateChange', entityType: 'request', entityId: request.id }),
    );
    expect(notices).toContainEqual(
      expect.objectContaining({
        kind: 'comment',
        entityType: 'workItem',
        entityId: workItem.id,
        body: 'On it',
      }),
    );
    // A second triage step is a conflict; the audit log has the acceptance.
    expect((await step(users.member.headers, request.id, 'decline', { reason: 'late' })).statusCode).toBe(
      409,
    );
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'request')
      .where('entityId', '=', String(request.id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['request.submit', 'comment.create', 'request.accept']);

    // Moving the work item to done resolves the request and tells the requester.
    const board = json<{ columns: { stateId: number; category: string }[] }>(
      await app.inject({ url: `/api/v1/teams/${ops.id}/board`, headers: users.member.headers }),
    );
    const done = board.columns.find((column) => column.category === 'done');
    ctx.clock.now += 60 * minute;
    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${workItem.id}/move`,
      headers: users.member.headers,
      payload: { stateId: done?.stateId },
    });
    expect(moved.statusCode).toBe(200);
    await expect
      .poll(
        async () =>
          (await inbox(users.requester.headers)).rows.filter((row) => row.body === 'resolved').length,
      )
      .toBe(1);
    const resolved = json<RequestDetail>(
      await app.inject({ url: `/api/v1/requests/${request.id}`, headers: users.requester.headers }),
    );
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBe(resolved.submittedAt + 90 * minute);
    expect(resolved.history.map((h) => h.status)).toEqual(['submitted', 'accepted', 'resolved']);
  });

  it('links a comment on the work item to the request for its requester and to the work item for the team', async () => {
    const { app, users, ops } = world;
    const request = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'Badge reader broken', teamId: ops.id }),
    );
    const accepted = json<RequestDetail>(await step(users.member.headers, request.id, 'accept'));
    const workItemId = accepted.workItemId;
    const comment = (headers: Headers, body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        headers,
        payload: { entityType: 'workItem', entityId: workItemId, body },
      });
    expect((await comment(users.member.headers, 'Technician booked')).statusCode).toBe(201);
    expect((await comment(users.requester.headers, 'Thank you')).statusCode).toBe(201);
    const toRequester = (await inbox(users.requester.headers)).rows.find(
      (row) => row.body === 'Technician booked',
    );
    expect(toRequester).toMatchObject({ entityType: 'workItem', link: `/requests/${request.id}` });
    const toMember = (await inbox(users.member.headers)).rows.find((row) => row.body === 'Thank you');
    expect(toMember).toMatchObject({ entityType: 'workItem', link: `/work-items/${workItemId}` });
  });

  it('declines with a reason and merges, telling the requester and making them follow the target', async () => {
    const { app, users, ops } = world;
    const first = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'Wi-Fi slow on floor 2', teamId: ops.id }),
    );
    const declined = await step(users.lead.headers, first.id, 'decline', {
      reason: 'Covered by the network upgrade',
    });
    expect(declined.statusCode).toBe(200);
    expect(json<RequestDetail>(declined)).toMatchObject({
      status: 'declined',
      declineReason: 'Covered by the network upgrade',
    });
    expect((await step(users.lead.headers, first.id, 'decline', { reason: 'again' })).statusCode).toBe(409);
    let notices = (await inbox(users.requester.headers)).rows;
    expect(notices).toContainEqual(
      expect.objectContaining({ entityId: first.id, body: 'declined: Covered by the network upgrade' }),
    );

    const target = json<RequestDetail>(
      await submit(users.lead.headers, { title: 'Wi-Fi upgrade', teamId: ops.id }),
    );
    const duplicate = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'Wi-Fi again', teamId: ops.id }),
    );
    expect(
      (
        await step(users.manager.headers, duplicate.id, 'merge', {
          targetType: 'request',
          targetId: duplicate.id,
        })
      ).statusCode,
    ).toBe(400);
    const merged = await step(users.manager.headers, duplicate.id, 'merge', {
      targetType: 'request',
      targetId: target.id,
    });
    expect(json<RequestDetail>(merged)).toMatchObject({ status: 'merged', mergedIntoRequestId: target.id });
    // The requester now follows the target: they read it and see it among their own.
    expect(
      (await app.inject({ url: `/api/v1/requests/${target.id}`, headers: users.requester.headers }))
        .statusCode,
    ).toBe(200);
    const mine = json<RequestPage>(
      await app.inject({ url: '/api/v1/requests', headers: users.requester.headers }),
    );
    expect(mine.rows.map((row) => row.id)).toContain(target.id);
    notices = (await inbox(users.requester.headers)).rows;
    expect(notices).toContainEqual(
      expect.objectContaining({ entityId: duplicate.id, body: `merged: request #${target.id}` }),
    );

    // Into a work item: the requester follows its thread.
    const item = await postWorkItem(app, users.member.headers, {
      teamId: ops.id,
      title: 'Replace access points',
    });
    const third = json<RequestDetail>(
      await submit(users.requester.headers, { title: 'AP broken', teamId: ops.id }),
    );
    const intoItem = await step(users.member.headers, third.id, 'merge', {
      targetType: 'workItem',
      targetId: item.id,
    });
    expect(json<RequestDetail>(intoItem)).toMatchObject({ status: 'merged', workItemId: item.id });
    const thread = await app.inject({
      url: `/api/v1/comments?entityType=workItem&entityId=${item.id}`,
      headers: users.requester.headers,
    });
    expect(thread.statusCode).toBe(200);
    // The triage queue lists only waiting requests.
    const queue = json<RequestPage>(
      await app.inject({
        url: `/api/v1/requests?scope=triage&teamId=${ops.id}`,
        headers: users.member.headers,
      }),
    );
    expect(queue.rows.every((row) => row.status === 'triage')).toBe(true);
    expect(queue.rows.map((row) => row.id)).toContain(target.id);
  });
});

describeEachDialect('request figures', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
  });
  afterAll(() => world?.close());

  it('computes response and resolution times and outcome counts by hand', async () => {
    const { app, users, ctx } = world;
    const team = world.net.id;
    const start = ctx.clock.now;
    const submitAt = async (offset: number, title: string) => {
      ctx.clock.now = start + offset;
      return json<RequestDetail>(
        await app.inject({
          method: 'POST',
          url: '/api/v1/requests',
          headers: users.requester.headers,
          payload: { title, teamId: team },
        }),
      );
    };
    const a = await submitAt(0, 'A');
    const b = await submitAt(10 * minute, 'B');
    const c = await submitAt(20 * minute, 'C');
    const d = await submitAt(30 * minute, 'D');
    // A: accepted after 10 min, resolved 100 min after submission.
    ctx.clock.now = start + 10 * minute;
    const accepted = json<RequestDetail>(
      await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${a.id}/accept`,
        headers: users.manager.headers,
        payload: {},
      }),
    );
    ctx.clock.now = start + 100 * minute;
    const board = json<{ columns: { stateId: number; category: string }[] }>(
      await app.inject({ url: `/api/v1/teams/${team}/board`, headers: users.manager.headers }),
    );
    const done = board.columns.find((column) => column.category === 'done');
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${accepted.workItemId}/move`,
      headers: users.manager.headers,
      payload: { stateId: done?.stateId },
    });
    // B: first response is a comment 50 min after submission (the requester's own comment does not count), then declined.
    ctx.clock.now = start + 15 * minute;
    await app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      headers: users.requester.headers,
      payload: { entityType: 'request', entityId: b.id, body: 'ping' },
    });
    ctx.clock.now = start + 60 * minute;
    await app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      headers: users.manager.headers,
      payload: { entityType: 'request', entityId: b.id, body: 'looking' },
    });
    ctx.clock.now = start + 70 * minute;
    await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${b.id}/decline`,
      headers: users.manager.headers,
      payload: { reason: 'no budget' },
    });
    // C: merged into D after 80 min; D stays open.
    ctx.clock.now = start + 100 * minute;
    await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${c.id}/merge`,
      headers: users.manager.headers,
      payload: { targetType: 'request', targetId: d.id },
    });

    const figures = await getRequestFigures(ctx, { teamId: team, from: start, to: start + 31 * minute });
    // response times: A 10, B 50, C 80 minutes → median 50, p90 (nearest rank 3 of 3) 80
    expect(figures).toMatchObject({
      submitted: 4,
      accepted: 1,
      declined: 1,
      merged: 1,
      open: 1,
      resolved: 1,
      responseTime: { count: 3, medianMs: 50 * minute, p90Ms: 80 * minute },
      resolutionTime: { count: 1, medianMs: 100 * minute, p90Ms: 100 * minute },
    });
    // The period excludes D (submitted at 30 min) when it ends at 30 min.
    const narrower = await getRequestFigures(ctx, { teamId: team, from: start, to: start + 30 * minute });
    expect(narrower.submitted).toBe(3);
    const route = await app.inject({
      url: `/api/v1/requests/figures?teamId=${team}&from=${start}&to=${start + 31 * minute}`,
      headers: users.auditor.headers,
    });
    expect(json<RequestFigures>(route).responseTime.medianMs).toBe(50 * minute);
  });
});
