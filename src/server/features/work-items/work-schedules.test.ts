import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { Recurrence, WorkFigures } from '../../../shared/contracts/work-items';
import { expectedFigures, figureItems } from '../../../shared/domain/work-figures.fixture';
import { insertChannelAndRule, outboxOf } from '../incidents/incidents.test-support';
import { listStateRows } from '../workflows/workflows.repository';
import { createDueRecurringItems } from './recurrences.service';
import { announceDeadlines } from './work-deadlines';
import { getWorkFigures } from './work-figures.service';
import { buildWorkWorld, postWorkItem, type WorkWorld } from './work-items.test-support';

describeEachDialect('recurring work, deadlines and figures', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
  });
  afterAll(() => world?.close());

  const itemsOf = (recurrenceId: number) =>
    world.ctx.db
      .selectFrom('workItems')
      .select(['dueDate', 'startDate', 'title'])
      .where('recurrenceId', '=', recurrenceId)
      .orderBy('dueDate')
      .execute();

  it('creates each recurring item once, across month ends, restarts and two servers', async () => {
    const start = world.ctx.clock.now;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/work-recurrences',
      headers: world.users.lead.headers,
      payload: {
        teamId: world.ops.id,
        name: 'Monthly patching',
        schedule: '0 9 L * *',
        title: 'Patch the servers',
        leadDays: 7,
        priority: 1,
      },
    });
    expect(response.statusCode).toBe(201);
    const recurrence = json<Recurrence>(response);
    expect(recurrence).toMatchObject({ timezone: 'Europe/Rome', nextDueDate: '2026-11-30' });
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/work-recurrences',
      headers: world.users.lead.headers,
      payload: { teamId: world.net.id, name: 'x', schedule: '0 9 L * *', title: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    // A change naming one field leaves the others as they were.
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-recurrences/${recurrence.id}`,
      headers: world.users.lead.headers,
      payload: { name: 'Monthly patching (Windows)' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(json<Recurrence>(renamed)).toMatchObject({
      name: 'Monthly patching (Windows)',
      leadDays: 7,
      priority: 1,
    });

    // 25 Nov: the 30 Nov deadline is within its 7 days; two runs at once make one item.
    await Promise.all([createDueRecurringItems(world.ctx), createDueRecurringItems(world.ctx)]);
    await createDueRecurringItems(world.ctx);
    expect(await itemsOf(recurrence.id)).toEqual([
      { dueDate: '2026-11-30', startDate: '2026-11-23', title: 'Patch the servers' },
    ]);

    // A server down until 21 February 2027 catches up: December, January, and February's 28th.
    world.ctx.clock.now = Date.UTC(2027, 1, 21, 10);
    await createDueRecurringItems(world.ctx);
    await createDueRecurringItems(world.ctx);
    expect((await itemsOf(recurrence.id)).map((item) => item.dueDate)).toEqual([
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
    ]);
    world.ctx.clock.now = start;
  });

  it('announces newly overdue and due-soon items once, to the outbox and to assignee and lead', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['workItem.overdue', 'workItem.dueSoon']);
    const late = await postWorkItem(app, world.users.member.headers, {
      teamId: world.ops.id,
      title: 'Renew certificates',
      dueDate: '2026-11-24',
      assigneeId: world.users.member.user.id,
    });
    await world.ctx.db.deleteFrom('notificationOutbox').execute();
    await announceDeadlines(world.ctx);
    await announceDeadlines(world.ctx);
    const rows = (await outboxOf(world.ctx.db, channelId)).filter((row) =>
      row.idempotencyKey.startsWith(`workItem:${late.id}:`),
    );
    expect(rows.map((row) => [row.eventKind, row.idempotencyKey])).toEqual([
      ['workItem.overdue', `workItem:${late.id}:overdue:2026-11-24`],
    ]);
    const personal = await world.ctx.db
      .selectFrom('personalNotifications')
      .select(['userId', 'kind'])
      .where('entityType', '=', 'workItem')
      .where('entityId', '=', late.id)
      .orderBy('userId')
      .execute();
    expect(personal.map((row) => row.userId).sort()).toEqual(
      [world.users.member.user.id, world.users.lead.user.id].sort(),
    );
    expect(personal.every((row) => row.kind === 'overdue')).toBe(true);

    // A new due date within the window is due soon: announced again, once.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-items/${late.id}`,
      headers: world.users.member.headers,
      payload: { dueDate: '2026-11-27' },
    });
    await announceDeadlines(world.ctx);
    await announceDeadlines(world.ctx);
    const after = (await outboxOf(world.ctx.db, channelId)).filter((row) =>
      row.idempotencyKey.startsWith(`workItem:${late.id}:`),
    );
    expect(after.map((row) => row.eventKind)).toEqual(['workItem.overdue', 'workItem.dueSoon']);
  });

  it('computes the figures of the known data set, by function and through the API', async () => {
    const team = await world.ctx.db
      .insertInto('teams')
      .values({ name: 'Figures', description: '', createdAt: 0, updatedAt: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.inject({ url: `/api/v1/teams/${team.id}/workflow`, headers: world.users.admin.headers });
    const states = await listStateRows(world.ctx.db, team.id);
    const done = states.find((s) => s.category === 'done');
    const todo = states.find((s) => s.category === 'todo');
    for (const item of figureItems) {
      const state = item.completedAt === null ? todo : done;
      await world.ctx.db
        .insertInto('workItems')
        .values({
          teamId: team.id,
          stateId: state?.id ?? 0,
          category: state?.category ?? 'todo',
          type: item.type,
          title: item.name,
          description: '',
          priority: 3,
          assigneeId: null,
          reporterId: null,
          parentId: null,
          startDate: null,
          dueDate: item.dueDate,
          estimateMinutes: null,
          spentMinutes: 0,
          startedAt: item.startedAt,
          completedAt: item.completedAt,
          stateChangedAt: item.createdAt,
          overdueNoticeFor: null,
          dueSoonNoticeFor: null,
          recurrenceId: null,
          occurrenceAt: null,
          createdAt: item.createdAt,
          updatedAt: item.createdAt,
        })
        .execute();
    }
    const period = { teamId: team.id, from: Date.UTC(2026, 9, 31, 23), to: Date.UTC(2026, 10, 30, 23) };
    expect(await getWorkFigures(world.ctx, period)).toEqual(expectedFigures);
    const response = await app.inject({
      url: `/api/v1/work/figures?teamId=${team.id}&from=2026-11-01&to=2026-11-30`,
      headers: world.users.auditor.headers,
    });
    expect(json<WorkFigures>(response)).toEqual({
      teamId: team.id,
      from: '2026-11-01',
      to: '2026-11-30',
      ...expectedFigures,
    });
  });
});
