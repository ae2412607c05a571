import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { recordOptionsOf } from '../../reactions';
import { recordResults } from '../checks/result-recorder';
import { recordProcedureOutcome } from '../procedures/procedure-runs.service';
import { createProcedureTest } from '../procedures/procedures.service';
import { openIncidentsAfterMaintenance } from './incident-after-maintenance';
import { updateIncidentSettings } from './incident-settings';
import { listOpenIncidentsForItems } from './incidents.public';
import {
  buildIncidentWorld,
  type IncidentWorld,
  incidentsOfCheck,
  insertChannelAndRule,
  insertCheck,
  outboxOf,
  recordStatus,
  system,
  timelineKinds,
} from './incidents.test-support';

const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const minute = 60_000;

describeEachDialect('automatic incidents', (storage) => {
  let world: IncidentWorld;
  beforeAll(async () => {
    world = await buildIncidentWorld(storage());
  });
  afterAll(() => world?.close());
  beforeEach(() => {
    world.ctx.reactions.maintenance = { isCheckInMaintenance: () => false };
  });

  it('opens an incident on the item when a check goes down, with the severity of its criticality', async () => {
    const item = await world.item({ criticality: 1 });
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id, name: 'erp https' });
    await recordStatus(world, checkId, 'up', t0);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toEqual([]);
    await recordStatus(world, checkId, 'down', t0 + minute);
    const [incident] = await incidentsOfCheck(world.ctx.db, checkId);
    expect(incident).toMatchObject({
      itemId: item.id,
      teamId: world.ops.id,
      severity: 1,
      origin: 'check',
      state: 'open',
      title: `${item.name}: erp https down`,
      detectedAt: t0 + minute,
      acknowledgedAt: null,
      restoredAt: null,
      resolvedAt: null,
      failingSince: t0 + minute,
    });
    expect(await timelineKinds(world.ctx.db, incident!.id)).toEqual(['detected', 'checkDown']);
    const events = await world.ctx.db
      .selectFrom('incidentEvents')
      .select('actorLabel')
      .where('incidentId', '=', incident!.id)
      .execute();
    expect(events.every((event) => event.actorLabel === 'Regia')).toBe(true);
  });

  it('gathers every failing check of an item into its one open incident', async () => {
    const item = await world.item({ criticality: 3 });
    const web = await insertCheck(world.ctx.db, { itemId: item.id });
    const api = await insertCheck(world.ctx.db, { itemId: item.id });
    await recordStatus(world, web, 'down', t0);
    await recordStatus(world, api, 'down', t0 + minute);
    const [first] = await incidentsOfCheck(world.ctx.db, web);
    const [second] = await incidentsOfCheck(world.ctx.db, api);
    expect(second!.id).toBe(first!.id);
    expect(first!.severity).toBe(3);
    expect(await timelineKinds(world.ctx.db, first!.id)).toEqual(['detected', 'checkDown', 'checkDown']);
    // one check back: still open; both back: restored and, by default, resolved
    await recordStatus(world, web, 'up', t0 + 2 * minute);
    expect((await incidentsOfCheck(world.ctx.db, web))[0]).toMatchObject({ state: 'open', restoredAt: null });
    await recordStatus(world, api, 'up', t0 + 3 * minute);
    expect((await incidentsOfCheck(world.ctx.db, web))[0]).toMatchObject({
      state: 'resolved',
      restoredAt: t0 + 3 * minute,
      resolvedAt: t0 + 3 * minute,
    });
    expect(await timelineKinds(world.ctx.db, first!.id)).toEqual([
      'detected',
      'checkDown',
      'checkDown',
      'checkUp',
      'checkUp',
      'restored',
      'resolved',
    ]);
  });

  it('gives a check without an item an incident of its own, of severity 3, for its team', async () => {
    const checkId = await insertCheck(world.ctx.db, { ownerTeamId: world.net.id, name: 'lonely' });
    await recordStatus(world, checkId, 'down', t0);
    expect((await incidentsOfCheck(world.ctx.db, checkId))[0]).toMatchObject({
      itemId: null,
      teamId: world.net.id,
      severity: 3,
      title: 'lonely down',
    });
  });

  it('opens nothing and announces nothing inside a maintenance window', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['check.down', 'incident.opened']);
    const item = await world.item();
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
    world.ctx.reactions.maintenance = { isCheckInMaintenance: (id) => id === checkId };
    await recordStatus(world, checkId, 'down', t0);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toEqual([]);
    expect(await outboxOf(world.ctx.db, channelId)).toEqual([]);
  });

  it('groups a check below an already-down item under that item incident, announced once', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['incident.opened', 'incident.resolved']);
    const database = await world.item({ criticality: 1, kind: 'database' });
    const app = await world.item({ criticality: 2 });
    const portal = await world.item({ criticality: 3 });
    await world.dependsOn(app.id, database.id);
    await world.dependsOn(portal.id, app.id);
    const dbCheck = await insertCheck(world.ctx.db, { itemId: database.id });
    const appCheck = await insertCheck(world.ctx.db, { itemId: app.id });
    const portalCheck = await insertCheck(world.ctx.db, { itemId: portal.id });
    await recordStatus(world, dbCheck, 'down', t0);
    await recordStatus(world, appCheck, 'down', t0 + 10_000);
    await recordStatus(world, portalCheck, 'down', t0 + 20_000);
    const [parent] = await incidentsOfCheck(world.ctx.db, dbCheck);
    const [appIncident] = await incidentsOfCheck(world.ctx.db, appCheck);
    const [portalIncident] = await incidentsOfCheck(world.ctx.db, portalCheck);
    expect(parent!.parentIncidentId).toBeNull();
    expect(appIncident).toMatchObject({ parentIncidentId: parent!.id, itemId: app.id, severity: 2 });
    expect(portalIncident).toMatchObject({ parentIncidentId: parent!.id, itemId: portal.id });
    expect(await timelineKinds(world.ctx.db, parent!.id)).toEqual([
      'detected',
      'checkDown',
      'childGrouped',
      'childGrouped',
    ]);
    const outbox = await outboxOf(world.ctx.db, channelId);
    expect(outbox.map((row) => row.idempotencyKey)).toEqual([`incident:${parent!.id}:opened`]);

    // The database comes back while the portal is still down: the portal's incident is announced now.
    await recordStatus(world, appCheck, 'up', t0 + 30_000);
    await recordStatus(world, dbCheck, 'up', t0 + 40_000);
    const keys = (await outboxOf(world.ctx.db, channelId)).map((row) => row.idempotencyKey);
    expect(keys).toEqual([
      `incident:${parent!.id}:opened`,
      `incident:${parent!.id}:resolved`,
      `incident:${portalIncident!.id}:opened`,
    ]);
    expect((await incidentsOfCheck(world.ctx.db, portalCheck))[0]).toMatchObject({
      parentIncidentId: null,
      state: 'open',
    });
    expect((await incidentsOfCheck(world.ctx.db, appCheck))[0]).toMatchObject({ state: 'resolved' });
  });

  it('waits for a person when automatic resolution is off', async () => {
    await updateIncidentSettings(world.ctx, system, { autoResolve: false });
    try {
      const item = await world.item();
      const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
      await recordStatus(world, checkId, 'down', t0);
      await recordStatus(world, checkId, 'up', t0 + 5 * minute);
      const [incident] = await incidentsOfCheck(world.ctx.db, checkId);
      expect(incident).toMatchObject({
        autoResolve: 0,
        state: 'restored',
        restoredAt: t0 + 5 * minute,
        resolvedAt: null,
      });
      // failing again before a person closes it: the same incident, no longer restored
      await recordStatus(world, checkId, 'down', t0 + 6 * minute);
      const again = await incidentsOfCheck(world.ctx.db, checkId);
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ state: 'open', restoredAt: null, reopenCount: 0 });
      expect(await listOpenIncidentsForItems(world.ctx.db, [item.id])).toEqual([
        {
          id: incident!.id,
          itemId: item.id,
          severity: 2,
          detectedAt: t0,
          publicSummary: '',
          state: 'open',
        },
      ]);
    } finally {
      await updateIncidentSettings(world.ctx, system, { autoResolve: true });
    }
  });

  it('reopens an incident Regia resolved when the check fails again within 30 minutes, silently', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['incident.opened', 'incident.resolved']);
    const item = await world.item();
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
    await recordStatus(world, checkId, 'down', t0);
    await recordStatus(world, checkId, 'up', t0 + minute);
    await recordStatus(world, checkId, 'down', t0 + 20 * minute);
    await recordStatus(world, checkId, 'up', t0 + 21 * minute);
    const incidents = await incidentsOfCheck(world.ctx.db, checkId);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ reopenCount: 1, state: 'resolved', resolvedAt: t0 + 21 * minute });
    expect(await timelineKinds(world.ctx.db, incidents[0]!.id)).toContain('reopened');
    const keys = (await outboxOf(world.ctx.db, channelId)).map((row) => row.idempotencyKey);
    expect(keys).toEqual([`incident:${incidents[0]!.id}:opened`, `incident:${incidents[0]!.id}:resolved`]);
    // past the window, a new incident
    await recordStatus(world, checkId, 'down', t0 + 60 * minute);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toHaveLength(2);
  });

  it('queues check and incident notifications in the transaction, each fact once', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, [
      'check.down',
      'check.up',
      'check.degraded',
      'incident.opened',
      'incident.resolved',
    ]);
    const item = await world.item({ criticality: 2 });
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id, name: 'mail' });
    await recordStatus(world, checkId, 'up', t0);
    await recordStatus(world, checkId, 'down', t0 + minute);
    await recordStatus(world, checkId, 'degraded', t0 + 2 * minute);
    const [incident] = await incidentsOfCheck(world.ctx.db, checkId);
    const outbox = await outboxOf(world.ctx.db, channelId);
    expect(outbox.map((row) => [row.eventKind, row.idempotencyKey])).toEqual([
      ['check.down', `check:${checkId}:down:${t0 + minute}`],
      ['incident.opened', `incident:${incident!.id}:opened`],
      ['check.degraded', `check:${checkId}:degraded:${t0 + 2 * minute}`],
      ['incident.resolved', `incident:${incident!.id}:resolved`],
    ]);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      severity: 2,
      teamId: world.ops.id,
      link: `/checks/${checkId}`,
      facts: { checkName: 'mail', itemName: item.name, message: 'connection refused', severity: 2 },
    });
    expect(JSON.parse(outbox[1]!.payload)).toMatchObject({ link: `/incidents/${incident!.id}` });
  });

  it('announces an expiring certificate from a TLS check', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['certificate.expiring']);
    const checkId = await insertCheck(world.ctx.db, { kind: 'tls' });
    await recordStatus(world, checkId, 'degraded', t0, {
      message: 'certificate expires in 14 days (warning below 21)',
      details: { certificateDaysLeft: 14, validTo: '2026-12-09T10:00:00.000Z' },
    });
    const outbox = await outboxOf(world.ctx.db, channelId);
    expect(outbox.map((row) => row.idempotencyKey)).toEqual([`check:${checkId}:certificate:${t0}`]);
    expect(JSON.parse(outbox[0]!.payload).facts).toMatchObject({ daysLeft: 14 });
  });

  it('rolls the result back when a handler fails, incident and notifications with it', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, ['check.down', 'incident.opened']);
    const item = await world.item();
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
    const options = recordOptionsOf(world.ctx.reactions);
    const failing = async () => {
      throw new Error('boom');
    };
    const pending = {
      checkId,
      location: 'local',
      plannedAt: t0,
      startedAt: t0,
      status: 'down' as const,
      latencyMs: 1,
      dnsMs: null,
      connectMs: null,
      tlsMs: null,
      firstByteMs: null,
      message: 'refused',
      details: {},
    };
    await expect(
      recordResults(world.ctx.db, world.ctx.dialect, [pending], {
        ...options,
        handlers: [...options.handlers, failing],
      }),
    ).rejects.toThrow('boom');
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toEqual([]);
    expect(await outboxOf(world.ctx.db, channelId)).toEqual([]);
    const results = await world.ctx.db
      .selectFrom('checkResults')
      .select('id')
      .where('checkId', '=', checkId)
      .execute();
    expect(results).toEqual([]);
    // the same result recorded again (the buffer retries) opens it, once
    await recordResults(world.ctx.db, world.ctx.dialect, [pending], options);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toHaveLength(1);
    expect((await outboxOf(world.ctx.db, channelId)).map((row) => row.eventKind)).toEqual([
      'check.down',
      'incident.opened',
    ]);
  });

  it('does not alert again for an unchanged state after a restart, and still sends a pending recovery', async () => {
    const channelId = await insertChannelAndRule(world.ctx.db, [
      'check.down',
      'check.up',
      'incident.resolved',
    ]);
    const item = await world.item();
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
    await recordStatus(world, checkId, 'down', t0);
    // "restart": a new app over the same database, whose handlers know nothing in memory
    const restarted = await buildTestApp(storage());
    try {
      await recordStatus(restarted, checkId, 'down', t0 + minute);
      expect((await outboxOf(world.ctx.db, channelId)).map((row) => row.eventKind)).toEqual(['check.down']);
      await recordStatus(restarted, checkId, 'up', t0 + 2 * minute);
      expect((await outboxOf(world.ctx.db, channelId)).map((row) => row.eventKind)).toEqual([
        'check.down',
        'check.up',
        'incident.resolved',
      ]);
    } finally {
      await restarted.app.close();
    }
  });

  it('opens and resolves an incident when a procedure test on an item fails and passes', async () => {
    const item = await world.item({ criticality: 2 });
    const test = await createProcedureTest(world.ctx, system, {
      name: `restore drill ${Date.now()}`,
      kind: 'backupRestore',
      itemId: item.id,
      ownerTeamId: world.ops.id,
      schedule: '0 9 1 1,4,7,10 *',
    });
    await recordProcedureOutcome(world.ctx, system, test.id, {
      outcome: 'fail',
      effectiveDate: '2026-11-24',
    });
    const [open] = await listOpenIncidentsForItems(world.ctx.db, [item.id]);
    expect(open).toMatchObject({ itemId: item.id, severity: 2, state: 'open' });
    const row = await world.ctx.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', open!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      origin: 'procedure',
      title: `${item.name}: procedure test ${test.name} failed`,
    });
    await recordProcedureOutcome(world.ctx, system, test.id, {
      outcome: 'pass',
      effectiveDate: '2026-11-25',
    });
    expect(await listOpenIncidentsForItems(world.ctx.db, [item.id])).toEqual([]);
    expect(await timelineKinds(world.ctx.db, open!.id)).toEqual([
      'detected',
      'procedureDown',
      'procedureUp',
      'restored',
      'resolved',
    ]);
  });
});

describeEachDialect('incidents after a maintenance window', (storage) => {
  let world: IncidentWorld;
  beforeAll(async () => {
    world = await buildIncidentWorld(storage());
  });
  afterAll(() => world?.close());

  it('opens the incident of a check still down when its window ends, once, and not again after a person resolves it', async () => {
    const item = await world.item({ criticality: 2 });
    const checkId = await insertCheck(world.ctx.db, { itemId: item.id });
    const windowEnd = t0 + 30 * minute;
    world.ctx.reactions.maintenance = {
      isCheckInMaintenance: (id, at) => id === checkId && at >= t0 && at < windowEnd,
    };
    await recordStatus(world, checkId, 'up', t0 - minute);
    await recordStatus(world, checkId, 'down', t0 + minute);
    world.ctx.clock.now = t0 + 10 * minute;
    expect(await openIncidentsAfterMaintenance(world.ctx)).toBe(0);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toEqual([]);

    world.ctx.clock.now = windowEnd + minute;
    expect(await openIncidentsAfterMaintenance(world.ctx)).toBe(1);
    const [incident] = await incidentsOfCheck(world.ctx.db, checkId);
    expect(incident).toMatchObject({ itemId: item.id, state: 'open', detectedAt: windowEnd + minute });
    expect(await openIncidentsAfterMaintenance(world.ctx)).toBe(0);

    await world.ctx.db
      .updateTable('incidents')
      .set({ state: 'resolved', resolvedAt: windowEnd + 2 * minute })
      .where('id', '=', incident!.id)
      .execute();
    world.ctx.clock.now = windowEnd + 5 * minute;
    expect(await openIncidentsAfterMaintenance(world.ctx)).toBe(0);
    expect(await incidentsOfCheck(world.ctx.db, checkId)).toHaveLength(1);
  });
});
