import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { type Timeline, timelineMaxItems } from '../../../shared/contracts/work-items';
import { listStateRows } from '../workflows/workflows.repository';
import { buildWorkWorld, type Headers, postWorkItem, type WorkWorld } from './work-items.test-support';

describeEachDialect('work timeline', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  let member: Headers;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
    member = world.users.member.headers;
  });
  afterAll(() => world?.close());

  const timeline = (query: string, headers: Headers = member, teamId = world.ops.id) =>
    app.inject({ url: `/api/v1/teams/${teamId}/timeline?${query}`, headers });

  it('returns the items crossing the window and the dependencies between them', async () => {
    const ops = world.ops.id;
    const inside = await postWorkItem(app, member, {
      teamId: ops,
      title: 'Inside',
      startDate: '2026-12-01',
      dueDate: '2026-12-10',
    });
    const spanning = await postWorkItem(app, member, {
      teamId: ops,
      title: 'Spanning',
      startDate: '2026-10-01',
      dueDate: '2027-02-01',
    });
    const milestone = await postWorkItem(app, member, {
      teamId: ops,
      title: 'Go live',
      type: 'milestone',
      dueDate: '2026-12-20',
    });
    await postWorkItem(app, member, {
      teamId: ops,
      title: 'Later',
      startDate: '2027-03-01',
      dueDate: '2027-03-05',
    });
    await postWorkItem(app, member, { teamId: ops, title: 'Undated' });
    const blocked = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${milestone.id}/blocked-by`,
      headers: member,
      payload: { blockerId: inside.id },
    });
    expect(blocked.statusCode).toBe(200);

    const response = await timeline('from=2026-12-01&to=2026-12-31');
    expect(response.statusCode).toBe(200);
    const body = json<Timeline>(response);
    expect(body.items.map((item) => item.title).sort()).toEqual(['Go live', 'Inside', 'Spanning']);
    expect(body.dependencies).toEqual([{ blockerId: inside.id, blockedId: milestone.id }]);
    expect(body).toMatchObject({ isTruncated: false, canChange: true });
    expect(body.items.find((item) => item.id === spanning.id)?.startDate).toBe('2026-10-01');
  });

  it('bounds the window and the number of items (10,000 items never come at once)', async () => {
    expect((await timeline('from=2026-01-01&to=2027-12-31')).statusCode).toBe(400);
    expect((await timeline('from=2026-12-31&to=2026-12-01')).statusCode).toBe(400);
    expect((await timeline('from=2026-12-01')).statusCode).toBe(400);
    expect((await timeline('from=2026-12-01&to=2026-12-31', {})).statusCode).toBe(401);
    expect((await timeline('from=2026-12-01&to=2026-12-31', member, 999_999)).statusCode).toBe(404);

    const states = await listStateRows(world.ctx.db, world.net.id);
    const state = states[0];
    if (!state) throw new Error('no state');
    const now = world.ctx.now();
    const rows = Array.from({ length: timelineMaxItems + 50 }, (_, index) => ({
      teamId: world.net.id,
      stateId: state.id,
      category: state.category,
      type: 'task',
      title: `Bulk ${index}`,
      description: '',
      priority: 3,
      assigneeId: null,
      reporterId: null,
      parentId: null,
      startDate: '2026-12-01',
      dueDate: '2026-12-15',
      estimateMinutes: null,
      spentMinutes: 0,
      startedAt: null,
      completedAt: null,
      stateChangedAt: now,
      overdueNoticeFor: null,
      dueSoonNoticeFor: null,
      recurrenceId: null,
      occurrenceAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await world.ctx.db
        .insertInto('workItems')
        .values(rows.slice(start, start + 200))
        .execute();
    }
    const body = json<Timeline>(await timeline('from=2026-12-01&to=2026-12-31', member, world.net.id));
    expect(body.items).toHaveLength(timelineMaxItems);
    expect(body.isTruncated).toBe(true);
    expect(body.canChange).toBe(false);
  });
});
