import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { WorkView, WorkViewPage } from '../../../shared/contracts/work-items';
import { buildWorkWorld, type Headers, type WorkWorld } from './work-items.test-support';

describeEachDialect('saved views of the work list', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  let member: Headers;
  let lead: Headers;
  let manager: Headers;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
    member = world.users.member.headers;
    lead = world.users.lead.headers;
    manager = world.users.manager.headers;
  });
  afterAll(() => world?.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const views = async (headers: Headers, teamId = world.ops.id) =>
    json<WorkViewPage>(await call('GET', `/work-views?teamId=${teamId}`, headers)).rows.map((v) => v.name);

  it('keeps filters, sort and grouping; personal views stay with their owner, shared ones reach the team', async () => {
    const personal = await call('POST', '/work-views', member, {
      teamId: world.ops.id,
      name: 'My overdue',
      filters: { deadline: 'overdue', isMine: true },
      sort: 'priority',
      direction: 'desc',
      groupBy: 'state',
    });
    expect(personal.statusCode).toBe(201);
    expect(json<WorkView>(personal)).toMatchObject({
      name: 'My overdue',
      isShared: false,
      filters: { deadline: 'overdue', isMine: true },
      sort: 'priority',
      direction: 'desc',
      groupBy: 'state',
      canChange: true,
      ownerId: world.users.member.user.id,
    });
    const shared = await call('POST', '/work-views', member, {
      teamId: world.ops.id,
      name: 'Urgent for the team',
      isShared: true,
      filters: { priority: 1, isOpen: true },
    });
    expect(shared.statusCode).toBe(201);

    expect(await views(member)).toEqual(['My overdue', 'Urgent for the team']);
    expect(await views(lead)).toEqual(['Urgent for the team']);
    expect(await views(manager)).toEqual(['Urgent for the team']);
    expect(await views(world.users.auditor.headers)).toEqual(['Urgent for the team']);
    const onlyNet = await views(member, world.net.id);
    expect(onlyNet).toEqual([]);

    // Another person's personal view does not exist for them.
    const personalId = json<WorkView>(personal).id;
    expect((await call('PATCH', `/work-views/${personalId}`, lead, { name: 'Mine now' })).statusCode).toBe(
      404,
    );
    expect((await call('DELETE', `/work-views/${personalId}`, lead)).statusCode).toBe(404);
    // A shared view is seen by the team but changed only by its owner.
    const sharedId = json<WorkView>(shared).id;
    const sharedAsLead = json<WorkViewPage>(await call('GET', '/work-views', lead)).rows[0];
    expect(sharedAsLead?.canChange).toBe(false);
    expect((await call('PATCH', `/work-views/${sharedId}`, lead, { name: 'Taken' })).statusCode).toBe(403);
    expect((await call('DELETE', `/work-views/${sharedId}`, manager)).statusCode).toBe(403);
  });

  it('lets the owner change and delete a view, and audits each change', async () => {
    const created = json<WorkView>(
      await call('POST', '/work-views', lead, {
        teamId: world.ops.id,
        name: 'Changes',
        filters: { type: 'change' },
      }),
    );
    const changed = await call('PATCH', `/work-views/${created.id}`, lead, {
      name: 'Changes this week',
      isShared: true,
      groupBy: 'assignee',
    });
    expect(changed.statusCode).toBe(200);
    expect(json<WorkView>(changed)).toMatchObject({
      name: 'Changes this week',
      isShared: true,
      groupBy: 'assignee',
      filters: { type: 'change' },
    });
    expect((await call('DELETE', `/work-views/${created.id}`, lead)).statusCode).toBe(200);
    expect((await call('PATCH', `/work-views/${created.id}`, lead, { name: 'x' })).statusCode).toBe(404);
    const audit = await world.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'workView')
      .where('entityId', '=', String(created.id))
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['workView.create', 'workView.update', 'workView.delete']);
  });

  it('refuses anonymous callers, auditors, sharing with a team one is not in, and unknown fields', async () => {
    expect((await call('GET', '/work-views', {})).statusCode).toBe(401);
    expect(
      (await call('POST', '/work-views', world.users.auditor.headers, { teamId: world.ops.id, name: 'A' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/work-views', member, { teamId: world.net.id, name: 'Theirs', isShared: true }))
        .statusCode,
    ).toBe(403);
    expect((await call('POST', '/work-views', member, { teamId: 999_999, name: 'Nowhere' })).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', '/work-views', member, { teamId: world.ops.id, name: 'X', filters: { sql: '1' } }))
        .statusCode,
    ).toBe(400);
    const before = await world.ctx.db.selectFrom('workViews').select('id').execute();
    expect(before.every((row) => row.id > 0)).toBe(true);
  });
});
