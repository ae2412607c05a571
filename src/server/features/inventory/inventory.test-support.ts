import type { FastifyInstance } from 'fastify';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import type { Item, NewItemInput } from '../../../shared/contracts/inventory';
import type { Role } from '../../../shared/domain/roles';
import type { Storage } from '../../db/connect';
import { upsertMember } from '../teams/teams.repository';
import { createTeam } from '../teams/teams.service';

// Shared set-up of the inventory tests: an app, two teams and one user per role.

const system = { userId: null, label: 'test' };
let sequence = 0;

/** A valid new item; every call gets a unique name unless one is given. */
export function buildItem(overrides: Partial<NewItemInput> = {}): NewItemInput {
  sequence += 1;
  return { kind: 'server', name: `item-${sequence}-${Date.now()}`, criticality: 3, ...overrides };
}

export type Headers = Record<string, string>;

/** The app with teams Ops and Net; member and lead belong to Ops only. */
export async function buildInventoryWorld(storage: Storage) {
  const { app, ctx } = await buildTestApp(storage);
  const ops = await createTeam(ctx, system, { name: 'Ops', description: '' });
  const net = await createTeam(ctx, system, { name: 'Net', description: '' });
  const users = {} as Record<Role, Awaited<ReturnType<typeof createUserWithToken>>>;
  for (const role of ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const) {
    users[role] = await createUserWithToken(ctx, role);
  }
  await upsertMember(ctx.db, ops.id, users.member.user.id, false);
  await upsertMember(ctx.db, ops.id, users.lead.user.id, true);
  return { app, ctx, ops, net, users };
}

/** Creates an item through the API as `headers` and returns it; fails the test on any other answer. */
export async function postItem(app: FastifyInstance, headers: Headers, item: NewItemInput): Promise<Item> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/items', headers, payload: item });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return json<Item>(response);
}
