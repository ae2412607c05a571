import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ActivityPage } from '../../../shared/contracts/collaboration';
import type { WorkItemPage } from '../../../shared/contracts/work-items';
import { listStateRows } from '../workflows/workflows.repository';
import { listLabels } from './work-items.repository';
import { buildWorkWorld, type WorkWorld } from './work-items.test-support';

const itemCount = 10_000;

describeEachDialect('work items at 10,000 in a team', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    const states = await listStateRows(world.ctx.db, world.ops.id);
    const now = world.ctx.now();
    const rows = Array.from({ length: itemCount }, (_, index) => {
      const state = states[index % states.length] as (typeof states)[number];
      const day = String((index % 28) + 1).padStart(2, '0');
      return {
        teamId: world.ops.id,
        stateId: state.id,
        category: state.category,
        type: 'task',
        title: `Item ${index}`,
        description: '',
        priority: (index % 4) + 1,
        assigneeId: index % 3 === 0 ? world.users.member.user.id : null,
        reporterId: null,
        parentId: null,
        startDate: null,
        dueDate: `2026-${index % 2 === 0 ? '11' : '12'}-${day}`,
        estimateMinutes: null,
        spentMinutes: 0,
        startedAt: null,
        completedAt: state.category === 'done' ? now : null,
        stateChangedAt: now,
        overdueNoticeFor: null,
        dueSoonNoticeFor: null,
        recurrenceId: null,
        occurrenceAt: null,
        createdAt: now - index * 1000,
        updatedAt: now,
      };
    });
    for (let start = 0; start < rows.length; start += 500) {
      await world.ctx.db
        .insertInto('workItems')
        .values(rows.slice(start, start + 500))
        .execute();
    }
  }, 120_000);
  afterAll(() => world?.close());

  it('answers a filtered, sorted page quickly', async () => {
    const query = `teamId=${world.ops.id}&isOpen=true&sort=dueDate&page=40&pageSize=50`;
    const started = performance.now();
    const response = await world.app.inject({
      url: `/api/v1/work-items?${query}`,
      headers: world.users.member.headers,
    });
    const elapsed = performance.now() - started;
    const page = json<WorkItemPage>(response);
    expect(page.total).toBe(7500);
    expect(page.rows).toHaveLength(50);
    const dates = page.rows.map((row) => row.dueDate as string);
    expect([...dates].sort()).toEqual(dates);
    expect(elapsed).toBeLessThan(1500);

    const overdueStarted = performance.now();
    const overdue = json<WorkItemPage>(
      await world.app.inject({
        url: `/api/v1/work-items?teamId=${world.ops.id}&deadline=overdue&assigneeId=${world.users.member.user.id}&pageSize=100`,
        headers: world.users.member.headers,
      }),
    );
    expect(performance.now() - overdueStarted).toBeLessThan(1500);
    expect(
      overdue.rows.every(
        (row) => row.deadline === 'overdue' && row.assigneeId === world.users.member.user.id,
      ),
    ).toBe(true);
    expect(overdue.total).toBeGreaterThan(0);
  });

  it("lists the team's activity over all of its items, not a first few thousand", async () => {
    const ids = await world.ctx.db
      .selectFrom('workItems')
      .select('id')
      .where('teamId', '=', world.ops.id)
      .execute();
    const rows = ids.map(({ id }) => ({
      at: world.ctx.now(),
      actorId: null,
      actorLabel: 'test',
      action: 'workItem.create',
      entityType: 'workItem',
      entityId: String(id),
      before: null,
      after: JSON.stringify({ id, title: `Item ${id}` }),
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    }));
    for (let start = 0; start < rows.length; start += 500) {
      await world.ctx.db
        .insertInto('auditLog')
        .values(rows.slice(start, start + 500))
        .execute();
    }
    const feed = json<ActivityPage>(
      await world.app.inject({
        url: `/api/v1/activity/teams/${world.ops.id}?pageSize=20`,
        headers: world.users.member.headers,
      }),
    );
    expect(feed.total).toBe(itemCount);
    expect(feed.rows).toHaveLength(20);
    expect(feed.rows.every((row) => row.entityTitle !== null)).toBe(true);
  });

  it('reads the labels of more items than a query may bind', async () => {
    const [first] = await world.ctx.db
      .selectFrom('workItems')
      .select('id')
      .where('teamId', '=', world.ops.id)
      .orderBy('id')
      .limit(1)
      .execute();
    await world.ctx.db.insertInto('workItemLabels').values({ workItemId: first!.id, label: 'vpn' }).execute();
    // 40,000 ids: past SQLite's 32,766 bound parameters for one statement.
    const ids = Array.from({ length: 40_000 }, (_, index) => first!.id + index);
    const labels = await listLabels(world.ctx.db, ids);
    expect(labels.get(first!.id)).toEqual(['vpn']);
  });

  it('answers the board with a bounded number of cards per state', async () => {
    const started = performance.now();
    const response = await world.app.inject({
      url: `/api/v1/teams/${world.ops.id}/board?perState=50`,
      headers: world.users.member.headers,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const board = json<{ columns: { itemCount: number; items: unknown[] }[] }>(response);
    expect(board.columns.map((c) => c.itemCount)).toEqual([2500, 2500, 2500, 2500]);
    expect(board.columns.every((c) => c.items.length === 50)).toBe(true);
  });
});
