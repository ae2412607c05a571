import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ServiceHealth } from '../../../shared/contracts/service-health';
import { recordOptionsOf } from '../../reactions';
import { type PendingResult, recordResults } from '../checks/result-recorder';
import {
  buildMaintenanceWorld,
  buildWindow,
  type MaintenanceWorld,
  postWindow,
} from '../maintenance/maintenance.test-support';
import { getDailyAvailability, getItemStates } from './service-health.service';

const at = (iso: string) => Date.parse(iso);

function result(checkId: number, startedAt: number, status: PendingResult['status']): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: startedAt,
    startedAt,
    status,
    latencyMs: 10,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: '',
    details: {},
  };
}

describeEachDialect('service health through the relations', (storage) => {
  let world: MaintenanceWorld;
  beforeAll(async () => {
    world = await buildMaintenanceWorld(storage());
  });
  afterAll(() => world?.app.close());

  it('computes states and 90 daily values on the known graph, by hand', async () => {
    const { checks, items, ctx } = world;
    const record = (list: PendingResult[]) =>
      recordResults(ctx.db, ctx.dialect, list, recordOptionsOf(ctx.reactions));
    // 24 November: vm-1 3 up and 1 down (0.75), erp-app all up, erp up.
    const day1 = at('2026-11-24T10:00:00Z');
    await record([
      ...[0, 1, 2].map((i) => result(checks.vm.id, day1 + i * 60_000, 'up')),
      result(checks.vm.id, day1 + 3 * 60_000, 'down'),
      result(checks.erpApp.id, day1, 'up'),
      result(checks.erp.id, day1, 'up'),
    ]);
    // 25 November: vm-1 up then down (its state ends down), erp 1 up and 1 down (0.5), erp-app degraded.
    const day2 = at('2026-11-25T08:00:00Z');
    await record([
      result(checks.vm.id, day2, 'up'),
      result(checks.vm.id, day2 + 2 * 60_000, 'down'),
      result(checks.erp.id, day2, 'up'),
      result(checks.erp.id, day2 + 60_000, 'down'),
      result(checks.erpApp.id, day2, 'degraded'),
      result(checks.switch.id, day2, 'up'),
    ]);
    ctx.clock.now = at('2026-11-25T12:00:00Z');

    const ids = [items.erp.id, items.erpApp.id, items.vm.id, items.crm.id, items.switch.id];
    const states = await getItemStates(ctx, ids);
    expect(Object.fromEntries(states)).toEqual({
      [items.erp.id]: 'down',
      [items.erpApp.id]: 'down',
      [items.vm.id]: 'down',
      // crm has no results of its own: it is down through vm-1
      [items.crm.id]: 'down',
      [items.switch.id]: 'up',
    });

    const days = await getDailyAvailability(ctx, ids);
    const valuesOn = (itemId: number) => (days.get(itemId) ?? []).slice(-2).map((d) => d.availability);
    expect(days.get(items.erp.id)).toHaveLength(90);
    expect(days.get(items.erp.id)?.at(-1)?.day).toBe('2026-11-25');
    expect(days.get(items.erp.id)?.at(0)?.day).toBe('2026-08-28');
    // lowest among erp (1, 0.5), erp-app (1, 1: degraded counts as up), vm-1 (0.75, 0.5)
    expect(valuesOn(items.erp.id)).toEqual([0.75, 0.5]);
    expect(valuesOn(items.erpApp.id)).toEqual([0.75, 0.5]);
    expect(valuesOn(items.crm.id)).toEqual([0.75, 0.5]);
    expect(valuesOn(items.switch.id)).toEqual([null, 1]);
    expect(
      days
        .get(items.erp.id)
        ?.slice(0, 88)
        .every((d) => d.availability === null),
    ).toBe(true);

    // A window on vm-1 now puts vm-1 and all that depends on it in maintenance; the switch stays up.
    await postWindow(
      world.app,
      world.users.admin.headers,
      buildWindow({ startsAt: at('2026-11-25T11:30:00Z'), durationMinutes: 60, itemIds: [items.vm.id] }),
    );
    const health = json<ServiceHealth>(
      await world.app.inject({
        url: `/api/v1/service-health/${items.crm.id}`,
        headers: world.users.auditor.headers,
      }),
    );
    expect(health).toMatchObject({ itemId: items.crm.id, state: 'maintenance' });
    expect(health.days.slice(-2).map((d) => d.availability)).toEqual([0.75, 0.5]);
    expect(health.ruleText).toContain('lowest daily availability');
    expect((await getItemStates(ctx, [items.switch.id])).get(items.switch.id)).toBe('up');
    const missing = await world.app.inject({
      url: '/api/v1/service-health/999999',
      headers: world.users.auditor.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
