import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { listMaintenanceWindows } from '../maintenance/maintenance.service';
import { calendarOf } from '../maintenance/maintenance-calendar';
import type { ConfigurationTarget } from './configuration.section';
import {
  applyConfiguration,
  exportConfiguration,
  formatPlan,
  planConfiguration,
  systemActor,
} from './configuration.service';
import { parseConfigurationYaml, stringifyConfiguration } from './configuration.yaml';

const yaml = String.raw;

function windowsText(duration = 90): string {
  return yaml`
apiVersion: regia/v1
teams:
  - { name: mw Ops }
items:
  - { name: mw vm, kind: server, criticality: 2, owner: mw Ops }
  - { name: mw erp, kind: businessService, criticality: 1, owner: mw Ops }
relations:
  - { source: mw erp, kind: dependsOn, target: mw vm }
checks:
  - name: mw erp web
    item: mw erp
    settings: { kind: http, url: "https://erp.example.test/" }
maintenanceWindows:
  - title: mw patching
    startsAt: "2026-12-01T22:00:00+01:00"
    durationMinutes: ${duration}
    items: [mw vm]
  - title: mw weekly restart
    description: Sunday restart of the web tier
    startsAt: "2026-11-01T00:00:00Z"
    recurrence: "0 3 * * 0"
    repeatUntil: "2027-06-30T00:00:00Z"
    durationMinutes: 30
    notifyOwners: false
    checks: [mw erp web]
`;
}

describeEachDialect('maintenance windows as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = (): ConfigurationTarget => ({ mode: 'local', ctx, actor: systemActor('cli') });
  const planOf = (text: string) => planConfiguration(local(), parseConfigurationYaml(text));

  it('creates windows with targets by name, round-trips through export, and updates what changed', async () => {
    const plan = await planOf(windowsText());
    expect(formatPlan(plan)).toContain('+ maintenance window "mw patching"');
    await applyConfiguration(local(), plan);

    const windows = (await listMaintenanceWindows(ctx, systemActor('test'), { pageSize: 200 })).rows;
    const patching = windows.find((window) => window.title === 'mw patching');
    expect(patching).toMatchObject({
      startsAt: Date.parse('2026-12-01T21:00:00Z'),
      durationMinutes: 90,
      recurrence: null,
      timezone: 'Europe/Rome',
      items: [{ name: 'mw vm' }],
    });
    const weekly = windows.find((window) => window.title === 'mw weekly restart');
    expect(weekly).toMatchObject({
      recurrence: '0 3 * * 0',
      notifyOwners: false,
      checks: [{ name: 'mw erp web' }],
    });
    // The calendar knows at once: the ERP check is covered through its item's dependency on vm.
    const erpCheck = await ctx.db
      .selectFrom('checks')
      .select('id')
      .where('name', '=', 'mw erp web')
      .executeTakeFirstOrThrow();
    expect(calendarOf(ctx)?.isCheckInMaintenance(erpCheck.id, Date.parse('2026-12-01T21:30:00Z'))).toBe(true);

    const exported = stringifyConfiguration(await exportConfiguration(local()));
    expect(exported).toContain('startsAt: 2026-12-01T21:00:00.000Z');
    const again = await planOf(exported);
    expect(again.counts.create + again.counts.update).toBe(0);

    const longer = await planOf(windowsText(120));
    expect(formatPlan(longer)).toContain('~ maintenance window "mw patching": durationMinutes 90 → 120');
    await applyConfiguration(local(), longer);
    const after = (await listMaintenanceWindows(ctx, systemActor('test'), { pageSize: 200 })).rows;
    expect(after.find((window) => window.title === 'mw patching')?.durationMinutes).toBe(120);
  });

  it('reports targets that name nothing before writing anything', async () => {
    const text = yaml`
apiVersion: regia/v1
maintenanceWindows:
  - { title: mw ghost, startsAt: "2026-12-01T22:00:00Z", durationMinutes: 30, items: [no such item], checks: [no such check] }
  - { title: mw empty, startsAt: "2026-12-01T22:00:00Z", durationMinutes: 30 }
`;
    const error = await planOf(text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(((error as AppError).details as { path: string }[]).map((issue) => issue.path)).toEqual([
      'maintenanceWindows[0].items[0]',
      'maintenanceWindows[0].checks[0]',
      'maintenanceWindows[1]',
    ]);
  });
});
