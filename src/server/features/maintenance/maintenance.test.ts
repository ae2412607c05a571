import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type {
  MaintenanceWindow,
  MaintenanceWindowPage,
  OccurrenceList,
} from '../../../shared/contracts/maintenance';
import type { ErrorBody } from '../../../shared/errors';
import { EventBus } from '../../events';
import { startMaintenanceJob } from '../../jobs/maintenance.job';
import { createReactions } from '../../reactions';
import { createMaintenanceWindow, deleteMaintenanceWindow } from './maintenance.service';
import {
  addMaintenanceRule,
  buildMaintenanceWorld,
  buildWindow,
  type Headers,
  type MaintenanceWorld,
  postWindow,
  queuedAnnouncements,
} from './maintenance.test-support';
import { announceUpcomingOccurrences } from './maintenance-announcements';
import { calendarOf, MaintenanceCalendar } from './maintenance-calendar';

const at = (iso: string) => Date.parse(iso);

describeEachDialect('maintenance windows', (storage) => {
  let world: MaintenanceWorld;
  let admin: Headers;
  let channelId: number;
  beforeAll(async () => {
    world = await buildMaintenanceWorld(storage());
    admin = world.users.admin.headers;
    channelId = await addMaintenanceRule(world);
  });
  afterAll(() => world?.app.close());
  beforeEach(() => {
    world.ctx.clock.now = at('2026-11-25T09:00:00Z');
  });

  const calendar = () => {
    const found = calendarOf(world.ctx);
    if (!found) throw new Error('the maintenance calendar is not installed');
    return found;
  };

  it('covers the item, its checks and everything depending on it, only during the window; audited', async () => {
    const { lead } = world.users;
    const window = await postWindow(
      world.app,
      lead.headers,
      buildWindow({ title: 'Hypervisor patching', itemIds: [world.items.vm.id] }),
    );
    expect(window).toMatchObject({
      title: 'Hypervisor patching',
      status: 'upcoming',
      timezone: 'Europe/Rome',
      items: [{ id: world.items.vm.id, name: world.items.vm.name }],
      current: { startsAt: at('2026-11-26T21:00:00Z'), endsAt: at('2026-11-26T22:00:00Z') },
    });
    const inside = at('2026-11-26T21:30:00Z');
    const { checks } = world;
    for (const check of [checks.vm, checks.erpApp, checks.erp, checks.crm]) {
      expect({ check: check.name, covered: calendar().isCheckInMaintenance(check.id, inside) }).toEqual({
        check: check.name,
        covered: true,
      });
      expect(calendar().isCheckInMaintenance(check.id, at('2026-11-26T22:00:00Z'))).toBe(false);
      expect(calendar().isCheckInMaintenance(check.id, at('2026-11-26T20:59:59Z'))).toBe(false);
    }
    expect(calendar().isCheckInMaintenance(checks.switch.id, inside)).toBe(false);
    expect(calendar().isItemInMaintenance(world.items.crm.id, inside)).toBe(true);

    // A fresh calendar loaded from the database (another server) agrees.
    const other = await MaintenanceCalendar.load(world.ctx);
    expect(other.isCheckInMaintenance(checks.erp.id, inside)).toBe(true);

    const audit = await world.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityType', '=', 'maintenanceWindow')
      .where('entityId', '=', String(window.id))
      .execute();
    expect(audit).toEqual([{ action: 'maintenanceWindow.create', actorId: lead.user.id }]);
  });

  it('picks up windows planned by another server when the minute job reloads the calendar', async () => {
    // Another server: the same database, its own calendar (here none), so ours is not told.
    const otherServer = { ...world.ctx, reactions: createReactions() };
    const window = await createMaintenanceWindow(
      otherServer,
      { userId: null, label: 'other server' },
      {
        ...buildWindow({ startsAt: at('2026-11-30T21:00:00Z'), checkIds: [world.checks.switch.id] }),
      },
    );
    const inside = at('2026-11-30T21:30:00Z');
    expect(calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(false);
    const job = startMaintenanceJob(world.ctx, 60_000);
    await job.stop();
    expect(calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(true);
    await deleteMaintenanceWindow(world.ctx, { userId: null, label: 'test' }, window.id);
    expect(calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(false);
  });

  it("reloads at once when the relay brings another server's change", async () => {
    const otherServer = { ...world.ctx, reactions: createReactions(), events: new EventBus() };
    const told: number[] = [];
    otherServer.events.on('maintenance.changed', (event) => told.push(event.windowId));
    const window = await createMaintenanceWindow(
      otherServer,
      { userId: null, label: 'other server' },
      buildWindow({ startsAt: at('2026-12-01T21:00:00Z'), checkIds: [world.checks.switch.id] }),
    );
    expect(told).toEqual([window.id]);
    const inside = at('2026-12-01T21:30:00Z');
    expect(calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(false);
    // What the event relay does with the other server's event: emit it on this server's bus.
    world.ctx.events.emit('maintenance.changed', { windowId: window.id });
    await expect.poll(() => calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(true);
    await deleteMaintenanceWindow(otherServer, { userId: null, label: 'other server' }, window.id);
    world.ctx.events.emit('maintenance.changed', { windowId: window.id });
    await expect.poll(() => calendar().isCheckInMaintenance(world.checks.switch.id, inside)).toBe(false);
  });

  it('tells each owner team of the impacted items once, in the transaction of the change', async () => {
    const window = await postWindow(world.app, admin, buildWindow({ itemIds: [world.items.vm.id] }));
    const queued = (await queuedAnnouncements(world, channelId)).filter((entry) =>
      entry.key.startsWith(`maintenance:${window.id}:`),
    );
    // vm-1, erp-app and erp belong to Ops (erp is criticality 1); crm to Net.
    expect(queued.map((entry) => [entry.event.teamId, entry.event.severity]).sort()).toEqual(
      [
        [world.ops.id, 1],
        [world.net.id, 2],
      ].sort(),
    );
    expect(queued[0]?.key).toBe(
      `maintenance:${window.id}:${at('2026-11-26T21:00:00Z')}:team:${queued[0]?.event.teamId}`,
    );
    expect(String(queued.find((entry) => entry.event.teamId === world.net.id)?.event.facts.items)).toContain(
      world.items.crm.name,
    );

    // Changing only the description tells no one again; moving it tells everyone of the new time.
    await world.app.inject({
      method: 'PATCH',
      url: `/api/v1/maintenance-windows/${window.id}`,
      headers: admin,
      payload: { description: 'kernel update' },
    });
    expect(
      (await queuedAnnouncements(world, channelId)).filter((e) =>
        e.key.startsWith(`maintenance:${window.id}:`),
      ),
    ).toHaveLength(2);
    const moved = await world.app.inject({
      method: 'PATCH',
      url: `/api/v1/maintenance-windows/${window.id}`,
      headers: admin,
      payload: { startsAt: at('2026-11-27T21:00:00Z') },
    });
    expect(json<MaintenanceWindow>(moved).announcedOccurrenceAt).toBe(at('2026-11-27T21:00:00Z'));
    expect(
      (await queuedAnnouncements(world, channelId)).filter((e) =>
        e.key.startsWith(`maintenance:${window.id}:`),
      ),
    ).toHaveLength(4);
  });

  it('announces each occurrence of a recurring window 24 hours ahead, once', async () => {
    // Saturdays at 22:00 Rome time (21:00 UTC): 28 November, 5 December, ...
    const window = await postWindow(
      world.app,
      admin,
      buildWindow({ recurrence: '0 22 * * 6', durationMinutes: 120, itemIds: [world.items.switch.id] }),
    );
    expect(window.announcedOccurrenceAt).toBe(at('2026-11-28T21:00:00Z'));
    const keysOf = async () =>
      (await queuedAnnouncements(world, channelId))
        .filter((entry) => entry.key.startsWith(`maintenance:${window.id}:`))
        .map((entry) => entry.key);
    expect(await keysOf()).toEqual([
      `maintenance:${window.id}:${at('2026-11-28T21:00:00Z')}:team:${world.net.id}`,
    ]);

    world.ctx.clock.now = at('2026-12-03T12:00:00Z');
    await announceUpcomingOccurrences(world.ctx);
    expect(await keysOf()).toHaveLength(1);
    world.ctx.clock.now = at('2026-12-04T21:00:00Z');
    expect(await announceUpcomingOccurrences(world.ctx)).toBeGreaterThanOrEqual(1);
    expect(await announceUpcomingOccurrences(world.ctx)).toBe(0);
    expect(await keysOf()).toEqual([
      `maintenance:${window.id}:${at('2026-11-28T21:00:00Z')}:team:${world.net.id}`,
      `maintenance:${window.id}:${at('2026-12-05T21:00:00Z')}:team:${world.net.id}`,
    ]);
  });

  it('marks a nightly window in Europe/Rome at the same local time across the end of summer time', async () => {
    world.ctx.clock.now = at('2026-10-20T09:00:00Z');
    const window = await postWindow(
      world.app,
      admin,
      buildWindow({
        recurrence: '30 1 * * *',
        timezone: 'Europe/Rome',
        startsAt: at('2026-10-20T00:00:00Z'),
        durationMinutes: 120,
        checkIds: [world.checks.switch.id],
      }),
    );
    const isCovered = (iso: string) => calendar().isCheckInMaintenance(world.checks.switch.id, at(iso));
    // 25 October at 01:30 CEST = 24 October 23:30 UTC; 26 October at 01:30 CET = 00:30 UTC.
    expect(isCovered('2026-10-24T23:30:00Z')).toBe(true);
    expect(isCovered('2026-10-25T01:29:59Z')).toBe(true);
    expect(isCovered('2026-10-25T23:45:00Z')).toBe(false);
    expect(isCovered('2026-10-26T00:30:00Z')).toBe(true);
    expect(isCovered('2026-10-26T02:30:00Z')).toBe(false);
    // Only the targeted check: the switch's item is not in maintenance.
    expect(calendar().isItemInMaintenance(world.items.switch.id, at('2026-10-26T01:00:00Z'))).toBe(false);

    const occurrences = json<OccurrenceList>(
      await world.app.inject({
        url: `/api/v1/maintenance-windows/occurrences?from=${at('2026-10-24T02:00:00Z')}&to=${at('2026-10-27T00:00:00Z')}`,
        headers: world.users.auditor.headers,
      }),
    );
    expect(
      occurrences.rows
        .filter((row) => row.windowId === window.id)
        .map((row) => new Date(row.startsAt).toISOString()),
    ).toEqual(['2026-10-24T23:30:00.000Z', '2026-10-26T00:30:00.000Z']);
    expect(occurrences.rows.every((row) => row.windowId !== window.id || row.isRecurring)).toBe(true);
    await world.app.inject({
      method: 'DELETE',
      url: `/api/v1/maintenance-windows/${window.id}`,
      headers: admin,
    });
    expect(isCovered('2026-10-26T00:30:00Z')).toBe(false);
  });

  describe('team rules', () => {
    it('lets a lead plan only on their teams’ items and checks, managers anywhere, others nowhere', async () => {
      const { lead, member, manager, auditor } = world.users;
      const post = (headers: Headers, payload: object) =>
        world.app.inject({ method: 'POST', url: '/api/v1/maintenance-windows', headers, payload });
      expect((await post(lead.headers, buildWindow({ itemIds: [world.items.switch.id] }))).statusCode).toBe(
        403,
      );
      expect((await post(lead.headers, buildWindow({ checkIds: [world.checks.crm.id] }))).statusCode).toBe(
        403,
      );
      expect((await post(member.headers, buildWindow({ itemIds: [world.items.vm.id] }))).statusCode).toBe(
        403,
      );
      expect((await post(auditor.headers, buildWindow({ itemIds: [world.items.vm.id] }))).statusCode).toBe(
        403,
      );
      const foreign = await postWindow(
        world.app,
        manager.headers,
        buildWindow({ itemIds: [world.items.switch.id] }),
      );

      for (const [method, payload] of [
        ['PATCH', { title: 'mine now' }],
        ['DELETE', undefined],
      ] as const) {
        const response = await world.app.inject({
          method,
          url: `/api/v1/maintenance-windows/${foreign.id}`,
          headers: lead.headers,
          payload,
        });
        expect(response.statusCode).toBe(403);
      }
      // A lead cannot widen their own window to another team's item either.
      const own = await postWindow(world.app, lead.headers, buildWindow({ itemIds: [world.items.erp.id] }));
      const widen = await world.app.inject({
        method: 'PATCH',
        url: `/api/v1/maintenance-windows/${own.id}`,
        headers: lead.headers,
        payload: { itemIds: [world.items.erp.id, world.items.switch.id] },
      });
      expect(widen.statusCode).toBe(403);
      const unchanged = json<MaintenanceWindow>(
        await world.app.inject({
          url: `/api/v1/maintenance-windows/${foreign.id}`,
          headers: auditor.headers,
        }),
      );
      expect(unchanged.title).toBe(foreign.title);
    });
  });

  describe('validation', () => {
    it.each([
      ['no target', {}, 'body.itemIds'],
      ['an unknown field', { itemIds: [1], isAdmin: true }, 'body'],
      ['an item that does not exist', { itemIds: [999_999] }, 'body.itemIds'],
      ['a check that does not exist', { checkIds: [999_999] }, 'body.checkIds'],
      ['a cron expression croner refuses', { itemIds: [1], recurrence: '0 25 * * *' }, 'body.recurrence'],
      ['an unknown timezone', { itemIds: [1], timezone: 'Mars/Olympus' }, 'body.timezone'],
      [
        'repeatUntil on a one-off window',
        { itemIds: [1], repeatUntil: at('2027-01-01T00:00:00Z') },
        'body.repeatUntil',
      ],
      ['a duration over a week', { itemIds: [1], durationMinutes: 20_000 }, 'body.durationMinutes'],
      [
        'a one-off window already over',
        { itemIds: [1], startsAt: at('2026-11-01T00:00:00Z') },
        'body.startsAt',
      ],
    ])('refuses %s with 400 and the field', async (_what, change, field) => {
      const payload = { ...buildWindow(), ...change } as Record<string, unknown>;
      if (Array.isArray(payload.itemIds) && payload.itemIds[0] === 1) payload.itemIds = [world.items.vm.id];
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/v1/maintenance-windows',
        headers: admin,
        payload,
      });
      expect(response.statusCode).toBe(400);
      const body = json<ErrorBody>(response);
      expect((body.error.details as { path: string }[]).map((d) => d.path)).toContain(field);
    });

    it('refuses a calendar range over 100 days', async () => {
      const response = await world.app.inject({
        url: `/api/v1/maintenance-windows/occurrences?from=0&to=${101 * 86_400_000}`,
        headers: admin,
      });
      expect(response.statusCode).toBe(400);
    });
  });

  it('lists by status and item, soonest first, with pages', async () => {
    const active = await postWindow(
      world.app,
      admin,
      buildWindow({
        startsAt: at('2026-11-25T08:30:00Z'),
        durationMinutes: 60,
        itemIds: [world.items.crm.id],
      }),
    );
    const later = await postWindow(
      world.app,
      admin,
      buildWindow({ startsAt: at('2026-12-20T08:30:00Z'), checkIds: [world.checks.crm.id] }),
    );
    const list = async (query: string) =>
      json<MaintenanceWindowPage>(
        await world.app.inject({
          url: `/api/v1/maintenance-windows?${query}`,
          headers: world.users.auditor.headers,
        }),
      );
    const byItem = await list(`itemId=${world.items.crm.id}`);
    expect(byItem.rows.map((row) => row.id)).toEqual([active.id, later.id]);
    expect(byItem.rows[0]?.status).toBe('active');
    expect((await list(`itemId=${world.items.crm.id}&status=upcoming`)).rows.map((r) => r.id)).toEqual([
      later.id,
    ]);

    world.ctx.clock.now = at('2026-11-25T10:00:00Z');
    const past = await list(`itemId=${world.items.crm.id}&status=past`);
    expect(past.rows.map((row) => row.id)).toEqual([active.id]);

    const paged = await list('pageSize=1&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(2);
    expect(
      (await world.app.inject({ url: '/api/v1/maintenance-windows?status=soon', headers: admin })).statusCode,
    ).toBe(400);
  });
});
