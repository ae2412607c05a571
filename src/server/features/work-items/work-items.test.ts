import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { Board, WorkItemDetail, WorkItemPage } from '../../../shared/contracts/work-items';
import type { Workflow } from '../../../shared/contracts/workflows';
import type { ErrorBody } from '../../../shared/errors';
import { buildWorkWorld, type Headers, postWorkItem, type WorkWorld } from './work-items.test-support';

describeEachDialect('work items API', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  let admin: Headers;
  let member: Headers;
  let workflow: Workflow;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
    member = world.users.member.headers;
    workflow = json<Workflow>(
      await app.inject({ url: `/api/v1/teams/${world.ops.id}/workflow`, headers: member }),
    );
  });
  afterAll(() => world?.close());

  const state = (name: string) => {
    const found = workflow.states.find((s) => s.name === name);
    if (!found) throw new Error(`no state ${name}`);
    return found;
  };
  const call = (
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const get = (url: string, headers: Headers = admin) => app.inject({ url: `/api/v1${url}`, headers });

  it('gives every new team the default workflow', () => {
    expect(workflow.states.map((s) => [s.name, s.category])).toEqual([
      ['To do', 'todo'],
      ['In progress', 'in_progress'],
      ['In review', 'in_progress'],
      ['Done', 'done'],
    ]);
    expect(workflow.canManage).toBe(false);
  });

  it("names a new team's default states in the language of whoever creates it", async () => {
    const italian = await createUserWithToken(world.ctx, 'admin');
    await world.ctx.db.updateTable('users').set({ locale: 'it' }).where('id', '=', italian.user.id).execute();
    const created = await call('POST', '/teams', italian.headers, { name: 'Sistemi', description: '' });
    expect(created.statusCode).toBe(201);
    const states = json<Workflow>(await get(`/teams/${json<{ id: number }>(created).id}/workflow`)).states;
    expect(states.map((s) => [s.name, s.category])).toEqual([
      ['Da fare', 'todo'],
      ['In corso', 'in_progress'],
      ['In verifica', 'in_progress'],
      ['Completato', 'done'],
    ]);
  });

  it('lets members change their own team items only, and auditors read only', async () => {
    const own = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'Patch servers',
      labels: ['patching'],
    });
    expect(own).toMatchObject({
      stateName: 'To do',
      category: 'todo',
      reporterId: world.users.member.user.id,
      canChange: true,
    });
    const other = await call('POST', '/work-items', member, { teamId: world.net.id, title: 'Not mine' });
    expect(other.statusCode).toBe(403);
    const netItem = await postWorkItem(app, admin, { teamId: world.net.id, title: 'Net task' });
    expect((await call('PATCH', `/work-items/${netItem.id}`, member, { title: 'x' })).statusCode).toBe(403);
    expect(json<WorkItemDetail>(await get(`/work-items/${netItem.id}`, member)).canChange).toBe(false);
    expect((await get(`/work-items/${own.id}`, world.users.auditor.headers)).statusCode).toBe(200);
    expect(
      (await call('PATCH', `/work-items/${own.id}`, world.users.auditor.headers, { title: 'x' })).statusCode,
    ).toBe(403);
    const audit = await world.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'workItem')
      .where('entityId', '=', String(own.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['workItem.create']);
  });

  it('refuses a move into a state at its WIP limit, naming the limit, and records started and completed', async () => {
    const lead = world.users.lead.headers;
    const limited = await call(
      'PATCH',
      `/teams/${world.ops.id}/workflow/states/${state('In review').id}`,
      lead,
      { wipLimit: 1 },
    );
    expect(limited.statusCode).toBe(200);
    const a = await postWorkItem(app, member, { teamId: world.ops.id, title: 'A' });
    const b = await postWorkItem(app, member, { teamId: world.ops.id, title: 'B' });
    const start = world.ctx.clock.now;
    world.ctx.clock.now = start + 1000;
    const moved = json<WorkItemDetail>(
      await call('POST', `/work-items/${a.id}/move`, member, { stateId: state('In review').id }),
    );
    expect(moved).toMatchObject({ stateName: 'In review', startedAt: start + 1000, completedAt: null });
    const refused = await call('POST', `/work-items/${b.id}/move`, member, {
      stateId: state('In review').id,
    });
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.message).toContain('work-in-progress limit of 1');
    world.ctx.clock.now = start + 5000;
    const done = json<WorkItemDetail>(
      await call('POST', `/work-items/${a.id}/move`, member, { stateId: state('Done').id }),
    );
    expect(done).toMatchObject({ category: 'done', startedAt: start + 1000, completedAt: start + 5000 });
    const board = json<Board>(await get(`/teams/${world.ops.id}/board`, member));
    const review = board.columns.find((c) => c.stateId === state('In review').id);
    expect(review).toMatchObject({ wipLimit: 1, itemCount: 0 });
    expect(board.columns.find((c) => c.name === 'Done')?.items.map((i) => i.id)).toContain(a.id);
  });

  it('refuses a dependency that closes a loop, naming the loop', async () => {
    const one = await postWorkItem(app, member, { teamId: world.ops.id, title: 'one' });
    const two = await postWorkItem(app, member, { teamId: world.ops.id, title: 'two' });
    const three = await postWorkItem(app, member, { teamId: world.ops.id, title: 'three' });
    // one blocks two, two blocks three
    expect(
      (await call('POST', `/work-items/${two.id}/blocked-by`, member, { blockerId: one.id })).statusCode,
    ).toBe(200);
    const after = json<WorkItemDetail>(
      await call('POST', `/work-items/${three.id}/blocked-by`, member, { blockerId: two.id }),
    );
    expect(after.blockedBy.map((b) => b.id)).toEqual([two.id]);
    const loop = await call('POST', `/work-items/${one.id}/blocked-by`, member, { blockerId: three.id });
    expect(loop.statusCode).toBe(409);
    expect(json<ErrorBody>(loop).error.message).toBe(
      `This dependency would make a loop: #${three.id} → #${one.id} → #${two.id} → #${three.id}`,
    );
    expect(
      (await call('POST', `/work-items/${one.id}/blocked-by`, member, { blockerId: one.id })).statusCode,
    ).toBe(400);
    expect(json<WorkItemDetail>(await get(`/work-items/${one.id}`)).blocks.map((b) => b.id)).toEqual([
      two.id,
    ]);
    const removed = await call('DELETE', `/work-items/${three.id}/blocked-by/${two.id}`, member);
    expect(json<WorkItemDetail>(removed).blockedBy).toEqual([]);
  });

  it('rolls children up into their project and refuses a loop of parents', async () => {
    const project = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'DR site',
      type: 'project',
      dueDate: '2026-12-31',
    });
    const child = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'Order hardware',
      parentId: project.id,
      estimateMinutes: 120,
      dueDate: '2026-11-20',
    });
    await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'Cabling',
      parentId: project.id,
      estimateMinutes: 60,
      stateId: state('Done').id,
    });
    const detail = json<WorkItemDetail>(await get(`/work-items/${project.id}`));
    expect(detail.rollup).toEqual({
      total: 2,
      done: 1,
      estimateMinutes: 180,
      spentMinutes: 0,
      overdue: 1,
      latestDueDate: '2026-11-20',
    });
    const loop = await call('PATCH', `/work-items/${project.id}`, member, { parentId: child.id });
    expect(loop.statusCode).toBe(409);
    const dates = await call('PATCH', `/work-items/${child.id}`, member, { startDate: '2026-12-01' });
    expect(dates.statusCode).toBe(400);
  });

  it('lets a lead reshape their workflow, moving the items of a removed state', async () => {
    const lead = world.users.lead.headers;
    const added = json<Workflow>(
      await call('POST', `/teams/${world.ops.id}/workflow/states`, lead, {
        name: 'Blocked',
        category: 'in_progress',
        position: 1,
      }),
    );
    expect(added.states.map((s) => s.name)).toEqual(['To do', 'Blocked', 'In progress', 'In review', 'Done']);
    const blocked = added.states[1]?.id as number;
    const item = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'Waiting',
      stateId: blocked,
    });
    const renamed = await call('PATCH', `/teams/${world.ops.id}/workflow/states/${blocked}`, lead, {
      name: 'On hold',
    });
    expect(json<Workflow>(renamed).states[1]?.name).toBe('On hold');
    const order = [...added.states.map((s) => s.id)].reverse();
    const reordered = json<Workflow>(
      await call('PUT', `/teams/${world.ops.id}/workflow/order`, lead, { stateIds: order }),
    );
    expect(reordered.states.map((s) => s.id)).toEqual(order);
    const removed = await call('DELETE', `/teams/${world.ops.id}/workflow/states/${blocked}`, lead, {
      moveToStateId: state('To do').id,
    });
    expect(removed.statusCode).toBe(200);
    expect(json<WorkItemDetail>(await get(`/work-items/${item.id}`)).stateName).toBe('To do');
    expect(
      (await call('POST', `/teams/${world.net.id}/workflow/states`, lead, { name: 'X', category: 'todo' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/teams/${world.ops.id}/workflow/states`, member, { name: 'X', category: 'todo' }))
        .statusCode,
    ).toBe(403);
    const duplicate = await call('POST', `/teams/${world.ops.id}/workflow/states`, lead, {
      name: 'Done',
      category: 'done',
    });
    expect(duplicate.statusCode).toBe(409);
    // restore the original order for the other tests' board reading
    await call('PUT', `/teams/${world.ops.id}/workflow/order`, lead, {
      stateIds: workflow.states.map((s) => s.id),
    });
  });

  it('filters by deadline, label, text and assignee and exports escaped cells', async () => {
    // Today is 2026-11-25 in Europe/Rome; due soon looks 3 days ahead.
    const late = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: '=cmd() late',
      dueDate: '2026-11-24',
      assigneeId: world.users.member.user.id,
      labels: ['audit'],
    });
    const soon = await postWorkItem(app, member, {
      teamId: world.ops.id,
      title: 'soon',
      dueDate: '2026-11-28',
    });
    await postWorkItem(app, member, { teamId: world.ops.id, title: 'later', dueDate: '2026-11-29' });
    const overdue = json<WorkItemPage>(await get(`/work-items?teamId=${world.ops.id}&deadline=overdue`));
    expect(overdue.rows.map((r) => r.id)).toContain(late.id);
    expect(overdue.rows.every((r) => r.deadline === 'overdue')).toBe(true);
    const dueSoon = json<WorkItemPage>(await get(`/work-items?teamId=${world.ops.id}&deadline=dueSoon`));
    expect(dueSoon.rows.map((r) => r.title)).toEqual(['soon']);
    expect(dueSoon.rows[0]?.id).toBe(soon.id);
    const labelled = json<WorkItemPage>(await get('/work-items?label=audit'));
    expect(labelled.rows.map((r) => r.id)).toEqual([late.id]);
    const mine = json<WorkItemPage>(await get('/work-items?isMine=true', member));
    expect(mine.rows.map((r) => r.id)).toEqual([late.id]);
    const text = json<WorkItemPage>(await get('/work-items?q=CMD'));
    expect(text.rows.map((r) => r.id)).toEqual([late.id]);
    // A number typed in the search box finds that item too (pickers search by "#12").
    const byNumber = json<WorkItemPage>(await get(`/work-items?q=%23${soon.id}`));
    expect(byNumber.rows.map((r) => r.id)).toContain(soon.id);
    expect((await get('/work-items?sort=password')).statusCode).toBe(400);
    const csv = await get(`/work-items/export?label=audit`, world.users.auditor.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("'=cmd() late");
    const xlsx = await get(`/work-items/export?label=audit&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
