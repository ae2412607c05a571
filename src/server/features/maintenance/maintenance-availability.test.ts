import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { recordOptionsOf } from '../../reactions';
import { type PendingResult, recordResults } from '../checks/result-recorder';
import {
  buildMaintenanceWorld,
  buildWindow,
  type MaintenanceWorld,
  postWindow,
} from './maintenance.test-support';

const at = (iso: string) => Date.parse(iso);

interface AvailabilityReport {
  figures: { period: string; availability: number | null; samples: number; inMaintenance: number }[];
}

function result(checkId: number, startedAt: number, status: PendingResult['status']): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: startedAt,
    startedAt,
    status,
    latencyMs: 20,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: status === 'down' ? 'connection refused' : 'ok',
    details: {},
  };
}

describeEachDialect('results inside a maintenance window', (storage) => {
  let world: MaintenanceWorld;
  beforeAll(async () => {
    world = await buildMaintenanceWorld(storage());
  });
  afterAll(() => world?.app.close());

  it('are marked from the calendar and left out of availability by default, counted when asked', async () => {
    world.ctx.clock.now = at('2026-11-25T08:00:00Z');
    // An hour of work on vm-1, from 09:00 to 10:00 UTC: the ERP check (two hops away) is covered.
    await postWindow(
      world.app,
      world.users.admin.headers,
      buildWindow({
        startsAt: at('2026-11-25T09:00:00Z'),
        durationMinutes: 60,
        itemIds: [world.items.vm.id],
      }),
    );
    const checkId = world.checks.erp.id;
    // Up every 10 minutes from 07:00 to 08:50 and from 10:00 to 10:50; down during the window.
    const results: PendingResult[] = [];
    for (let minute = 0; minute < 240; minute += 10) {
      const startedAt = at('2026-11-25T07:00:00Z') + minute * 60_000;
      const inWindow = startedAt >= at('2026-11-25T09:00:00Z') && startedAt < at('2026-11-25T10:00:00Z');
      results.push(result(checkId, startedAt, inWindow ? 'down' : 'up'));
    }
    world.ctx.clock.now = at('2026-11-25T11:00:00Z');
    await recordResults(world.ctx.db, world.ctx.dialect, results, recordOptionsOf(world.ctx.reactions));

    const marked = await world.ctx.db
      .selectFrom('checkResults')
      .select(['status', 'inMaintenance'])
      .where('checkId', '=', checkId)
      .execute();
    expect(marked.filter((row) => row.inMaintenance === 1)).toHaveLength(6);
    expect(marked.every((row) => (row.status === 'down') === (row.inMaintenance === 1))).toBe(true);

    const figureOf = async (query: string) => {
      const report = json<AvailabilityReport>(
        await world.app.inject({
          url: `/api/v1/checks/${checkId}/availability${query}`,
          headers: world.users.auditor.headers,
        }),
      );
      return report.figures.find((figure) => figure.period === '24h');
    };
    expect(await figureOf('')).toMatchObject({ availability: 1, samples: 18, inMaintenance: 6 });
    // Counted like any other result: 18 up out of 24.
    expect(await figureOf('?maintenance=included')).toMatchObject({ availability: 0.75, samples: 24 });
  });
});
