import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { Comment, PeopleList, PersonalNotificationPage } from '../../../shared/contracts/collaboration';
import type { MergeTargetList, RequestDetail } from '../../../shared/contracts/requests';
import { handleOf } from '../collaboration/mentions';
import {
  buildWorkWorld,
  type Headers,
  postWorkItem,
  type WorkWorld,
} from '../work-items/work-items.test-support';

describeEachDialect('@mention suggestions on requests', (storage) => {
  let world: WorkWorld;
  let outsider: Awaited<ReturnType<typeof createUserWithToken>>;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    outsider = await createUserWithToken(world.ctx, 'requester');
  });
  afterAll(() => world?.close());

  const submit = async (headers: Headers, payload: Record<string, unknown>) =>
    json<RequestDetail>(
      await world.app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload }),
    );
  const people = (headers: Headers, query: Record<string, string | number>) =>
    world.app.inject({
      url: `/api/v1/collaboration/people?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
      headers,
    });
  const idsOf = async (headers: Headers, query: Record<string, string | number>) => {
    const response = await people(headers, query);
    expect(response.statusCode).toBe(200);
    return json<PeopleList>(response).rows.map((row) => row.id);
  };
  const comment = async (headers: Headers, entityType: string, entityId: number, body: string) => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/comments',
      headers,
      payload: { entityType, entityId, body },
    });
    expect(response.statusCode).toBe(201);
    return json<Comment>(response);
  };

  it("offers a requester the request's team and thread, not the directory, and 404 on another's request", async () => {
    const { users, ops } = world;
    const request = await submit(users.requester.headers, {
      title: 'Badge for the new intern',
      teamId: ops.id,
    });
    const scope = { entityType: 'request', entityId: request.id };
    const offered = await idsOf(users.requester.headers, scope);
    expect(offered).toEqual(expect.arrayContaining([users.member.user.id, users.lead.user.id]));
    for (const unrelated of [users.admin, users.manager, users.auditor, outsider]) {
      expect(offered).not.toContain(unrelated.user.id);
    }
    expect(offered).not.toContain(users.requester.user.id);
    // The text narrows the list, by name or handle.
    expect(
      await idsOf(users.requester.headers, { ...scope, query: handleOf(users.lead.user.email) }),
    ).toEqual([users.lead.user.id]);
    // Someone who writes in the thread becomes someone to mention.
    await comment(users.admin.headers, 'request', request.id, 'Who signs the form?');
    expect(await idsOf(users.requester.headers, scope)).toContain(users.admin.user.id);

    // Without an entity a requester gets nothing; another's request, or none, is not found.
    expect((await people(users.requester.headers, {})).statusCode).toBe(403);
    expect((await people(outsider.headers, scope)).statusCode).toBe(404);
    expect(
      (await people(users.requester.headers, { entityType: 'request', entityId: 999999 })).statusCode,
    ).toBe(404);
    expect((await people(users.requester.headers, { entityType: 'request' })).statusCode).toBe(400);
    expect((await people(users.requester.headers, { ...scope, role: 'admin' })).statusCode).toBe(400);
  });

  it('leaves readers of work unchanged: they may mention anyone, with or without an entity', async () => {
    const { users, ops } = world;
    const request = await submit(users.requester.headers, { title: 'Second screen', teamId: ops.id });
    const everyone = await idsOf(users.member.headers, {});
    expect(everyone).toEqual(
      expect.arrayContaining([users.admin.user.id, outsider.user.id, users.member.user.id]),
    );
    expect(await idsOf(users.member.headers, { entityType: 'request', entityId: request.id })).toEqual(
      everyone,
    );
    expect(await idsOf(users.auditor.headers, { entityType: 'request', entityId: request.id })).toEqual(
      everyone,
    );
  });

  it('never tells someone who cannot see the request that they were mentioned', async () => {
    const { app, users, ops } = world;
    const request = await submit(users.requester.headers, { title: 'Printer on floor 3', teamId: ops.id });
    const written = await comment(
      users.requester.headers,
      'request',
      request.id,
      `@${handleOf(outsider.user.email)} and @${handleOf(users.member.user.email)}, please look`,
    );
    expect(written.mentions.map((person) => person.id)).toEqual([users.member.user.id]);
    const inbox = async (headers: Headers) =>
      json<PersonalNotificationPage>(await app.inject({ url: '/api/v1/me/notifications', headers })).rows;
    expect(await inbox(outsider.headers)).toEqual([]);
    expect(await inbox(users.member.headers)).toContainEqual(
      expect.objectContaining({ kind: 'mention', entityType: 'request', entityId: request.id }),
    );
  });

  it("follows the thread onto the work item once accepted, for the request's followers only", async () => {
    const { users, ops } = world;
    const request = await submit(users.requester.headers, { title: 'VPN for a consultant', teamId: ops.id });
    const accepted = json<RequestDetail>(
      await world.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${request.id}/accept`,
        headers: users.member.headers,
        payload: {},
      }),
    );
    const scope = { entityType: 'workItem', entityId: accepted.workItemId ?? 0 };
    const offered = await idsOf(users.requester.headers, scope);
    expect(offered).toEqual(expect.arrayContaining([users.member.user.id, users.lead.user.id]));
    expect(offered).not.toContain(outsider.user.id);
    expect((await people(outsider.headers, scope)).statusCode).toBe(404);
  });
});

describeEachDialect('searching for what to merge a request into', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
  });
  afterAll(() => world?.close());

  const submit = async (payload: Record<string, unknown>) =>
    json<RequestDetail>(
      await world.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: world.users.requester.headers,
        payload,
      }),
    );
  const search = (headers: Headers, id: number, q: string) =>
    world.app.inject({ url: `/api/v1/requests/${id}/merge-targets?q=${encodeURIComponent(q)}`, headers });
  const found = async (id: number, q: string) => {
    const response = await search(world.users.member.headers, id, q);
    expect(response.statusCode).toBe(200);
    return json<MergeTargetList>(response).rows.map((row) => `${row.targetType}:${row.targetId}`);
  };

  it("finds the team's requests in triage and open work items by title or number, never itself", async () => {
    const { users, ops, net } = world;
    const duplicate = await submit({ title: 'Outlook keeps asking for the password', teamId: ops.id });
    const original = await submit({ title: 'Outlook password prompt', teamId: ops.id });
    const declined = await submit({ title: 'Outlook theme', teamId: ops.id });
    await world.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${declined.id}/decline`,
      headers: users.member.headers,
      payload: { reason: 'Personal taste' },
    });
    const otherTeam = await submit({ title: 'Outlook on the router?', teamId: net.id });
    const work = await postWorkItem(world.app, users.member.headers, {
      teamId: ops.id,
      title: 'Fix OUTLOOK profiles',
    });
    const unrelated = await postWorkItem(world.app, users.member.headers, {
      teamId: ops.id,
      title: 'Rack cabling',
    });

    expect(await found(duplicate.id, 'outlook')).toEqual([`request:${original.id}`, `workItem:${work.id}`]);
    expect(await found(duplicate.id, 'PASSWORD')).toEqual([`request:${original.id}`]);
    const detail = json<MergeTargetList>(await search(users.member.headers, duplicate.id, 'outlook')).rows;
    expect(detail).toContainEqual({
      targetType: 'workItem',
      targetId: work.id,
      title: 'Fix OUTLOOK profiles',
      state: expect.any(String),
      teamName: 'Ops',
    });
    expect(detail).toContainEqual(expect.objectContaining({ targetId: original.id, state: 'triage' }));
    // A typed number finds that request or work item, whatever its team; "#" means the number only.
    expect(await found(duplicate.id, `#${otherTeam.id}`)).toContain(`request:${otherTeam.id}`);
    expect(await found(duplicate.id, `#${unrelated.id}`)).toContain(`workItem:${unrelated.id}`);
    expect(await found(duplicate.id, `#${duplicate.id}`)).not.toContain(`request:${duplicate.id}`);
    expect(await found(duplicate.id, `#${declined.id}`)).not.toContain(`request:${declined.id}`);
    // Wildcards are text.
    expect(await found(duplicate.id, '%')).toEqual([]);
    // With nothing typed: the team's latest, in triage or open.
    expect(await found(duplicate.id, '')).toEqual(
      expect.arrayContaining([`request:${original.id}`, `workItem:${work.id}`, `workItem:${unrelated.id}`]),
    );
  });

  it('is for those who triage the team: 403 to the rest, 404 for no request', async () => {
    const { users, net } = world;
    const request = await submit({ title: 'Switch port dead', teamId: net.id });
    expect((await search(users.member.headers, request.id, '')).statusCode).toBe(403);
    expect((await search(users.manager.headers, request.id, '')).statusCode).toBe(200);
    expect((await search(users.requester.headers, request.id, '')).statusCode).toBe(403);
    expect((await search(users.manager.headers, 999999, '')).statusCode).toBe(404);
    expect((await search(users.manager.headers, request.id, 'x'.repeat(201))).statusCode).toBe(400);
  });
});
