import type { FastifyInstance } from 'fastify';
import { json } from '../../../../test/app';
import type { ItemKind } from '../../../shared/contracts/inventory';
import type { MaintenanceWindow, NewMaintenanceWindowInput } from '../../../shared/contracts/maintenance';
import type { Storage } from '../../db/connect';
import { createCheck } from '../checks/checks.service';
import { createItem } from '../inventory/inventory.service';
import { buildInventoryWorld } from '../inventory/inventory.test-support';
import { createRelation } from '../inventory/relations.service';

// A small inventory for maintenance, health and status page tests:
//
//   erp (business service, Ops, criticality 1) ──dependsOn──► erp-app (Ops, 2) ──runsOn──► vm-1 (Ops, 2)
//   crm (business service, Net, 2) ──dependsOn──► vm-1
//   core-switch (Net, 3), on its own
//
// Each item has one check named after it ("<item> check").

const system = { userId: null, label: 'test' };
let sequence = 0;

export type Headers = Record<string, string>;

/** The inventory world with the graph above; names are unique per call. */
export async function buildMaintenanceWorld(storage: Storage) {
  const world = await buildInventoryWorld(storage);
  const { ctx, ops, net } = world;
  sequence += 1;
  const suffix = `${sequence}${Date.now() % 100_000}`;
  const item = (name: string, kind: ItemKind, ownerTeamId: number, criticality: number) =>
    createItem(ctx, system, {
      name: `${name}-${suffix}`,
      kind,
      ownerTeamId,
      criticality,
      attributes: { host: `${name}.internal.example` },
    });
  const items = {
    erp: await item('erp', 'businessService', ops.id, 1),
    erpApp: await item('erp-app', 'application', ops.id, 2),
    vm: await item('vm-1', 'server', ops.id, 2),
    crm: await item('crm', 'businessService', net.id, 2),
    switch: await item('core-switch', 'networkDevice', net.id, 3),
  };
  await createRelation(ctx, system, {
    sourceItemId: items.erp.id,
    targetItemId: items.erpApp.id,
    kind: 'dependsOn',
  });
  await createRelation(ctx, system, {
    sourceItemId: items.erpApp.id,
    targetItemId: items.vm.id,
    kind: 'runsOn',
  });
  await createRelation(ctx, system, {
    sourceItemId: items.crm.id,
    targetItemId: items.vm.id,
    kind: 'dependsOn',
  });
  const check = (of: { id: number; name: string }) =>
    createCheck(ctx, system, {
      name: `${of.name} check`,
      itemId: of.id,
      settings: { kind: 'http', url: `http://${of.name}.internal.example/health` },
    });
  const checks = {
    erp: await check(items.erp),
    erpApp: await check(items.erpApp),
    vm: await check(items.vm),
    crm: await check(items.crm),
    switch: await check(items.switch),
  };
  return { ...world, items, checks, suffix };
}

export type MaintenanceWorld = Awaited<ReturnType<typeof buildMaintenanceWorld>>;

/** A one-off window of an hour starting in a day, on the given targets. */
export function buildWindow(overrides: Partial<NewMaintenanceWindowInput> = {}): NewMaintenanceWindowInput {
  sequence += 1;
  return {
    title: `Planned work ${sequence}`,
    startsAt: Date.parse('2026-11-26T21:00:00Z'),
    durationMinutes: 60,
    ...overrides,
  };
}

/** Plans a window through the API; fails the test on any answer but 201. */
export async function postWindow(
  app: FastifyInstance,
  headers: Headers,
  window: NewMaintenanceWindowInput,
): Promise<MaintenanceWindow> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/maintenance-windows',
    headers,
    payload: window,
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return json<MaintenanceWindow>(response);
}

/** A webhook channel with a rule for `maintenance.scheduled`, written directly (the notifications feature's rows). */
export async function addMaintenanceRule(world: MaintenanceWorld): Promise<number> {
  const now = world.ctx.now();
  const channel = await world.ctx.db
    .insertInto('notificationChannels')
    .values({
      name: `ops-hook-${world.suffix}`,
      kind: 'webhook',
      settings: '{}',
      language: 'en',
      isEnabled: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await world.ctx.db
    .insertInto('notificationRules')
    .values({
      name: `maintenance-${world.suffix}`,
      events: JSON.stringify(['maintenance.scheduled']),
      teamIds: '[]',
      channelIds: JSON.stringify([channel.id]),
      maxSeverity: 4,
      isEnabled: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return channel.id;
}

/** The maintenance notifications queued for a channel, oldest first, with their events. */
export async function queuedAnnouncements(world: MaintenanceWorld, channelId: number) {
  const rows = await world.ctx.db
    .selectFrom('notificationOutbox')
    .select(['idempotencyKey', 'payload'])
    .where('channelId', '=', channelId)
    .where('eventKind', '=', 'maintenance.scheduled')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    key: row.idempotencyKey,
    event: JSON.parse(row.payload) as {
      teamId: number | null;
      severity: number;
      facts: Record<string, unknown>;
    },
  }));
}
