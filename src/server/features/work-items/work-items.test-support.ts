import type { FastifyInstance } from 'fastify';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import type { WorkItemDetail } from '../../../shared/contracts/work-items';
import type { Role } from '../../../shared/domain/roles';
import type { Storage } from '../../db/connect';
import { upsertMember } from '../teams/teams.repository';
import { createTeam } from '../teams/teams.service';

export const system = { userId: null, label: 'test' };
export type Headers = Record<string, string>;

/** The app with teams Ops and Net; lead and member in Ops only. */
export async function buildWorkWorld(storage: Storage) {
  const { app, ctx } = await buildTestApp(storage);
  const ops = await createTeam(ctx, system, { name: 'Ops', description: '' });
  const net = await createTeam(ctx, system, { name: 'Net', description: '' });
  const users = {} as Record<Role, Awaited<ReturnType<typeof createUserWithToken>>>;
  for (const role of ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const) {
    users[role] = await createUserWithToken(ctx, role);
  }
  await upsertMember(ctx.db, ops.id, users.member.user.id, false);
  await upsertMember(ctx.db, ops.id, users.lead.user.id, true);
  return { app, ctx, ops, net, users, close: () => app.close() };
}

export type WorkWorld = Awaited<ReturnType<typeof buildWorkWorld>>;

/** Creates a work item through the API; fails the test on any answer but 201. */
export async function postWorkItem(
  app: FastifyInstance,
  headers: Headers,
  body: Record<string, unknown>,
): Promise<WorkItemDetail> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/work-items', headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return json<WorkItemDetail>(response);
}
