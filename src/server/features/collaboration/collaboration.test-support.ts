import type { FastifyInstance } from 'fastify';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import type { Comment } from '../../../shared/contracts/collaboration';
import type { Role } from '../../../shared/domain/roles';
import type { Storage } from '../../db/connect';
import { createIncident } from '../incidents/incidents.service';
import { createItem } from '../inventory/inventory.service';
import { upsertMember } from '../teams/teams.repository';
import { createTeam } from '../teams/teams.service';

// Shared set-up of the collaboration tests: two teams, one user per role, an item and an incident.

export const system = { userId: null, label: 'test' };
let sequence = 0;

/** The app with team Ops (member and lead in it), an Ops item and an Ops incident. */
export async function buildCollaborationWorld(storage: Storage) {
  const { app, ctx } = await buildTestApp(storage);
  sequence += 1;
  const ops = await createTeam(ctx, system, { name: `Ops ${sequence}`, description: '' });
  const users = {} as Record<Role, Awaited<ReturnType<typeof createUserWithToken>>>;
  for (const role of ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const) {
    users[role] = await createUserWithToken(ctx, role, `${role}.${sequence}.${Date.now()}@example.test`);
  }
  await upsertMember(ctx.db, ops.id, users.member.user.id, false);
  await upsertMember(ctx.db, ops.id, users.lead.user.id, true);
  const item = await createItem(ctx, system, {
    kind: 'application',
    name: `payroll-${sequence}-${Date.now()}`,
    criticality: 2,
    ownerTeamId: ops.id,
  });
  const incident = await createIncident(ctx, system, {
    title: `Payroll down ${sequence}`,
    description: '',
    itemId: null,
    teamId: ops.id,
    publicSummary: '',
  });
  return { app, ctx, ops, users, item, incident, close: () => app.close() };
}

export type CollaborationWorld = Awaited<ReturnType<typeof buildCollaborationWorld>>;

/** Posts a comment as someone; returns the response. */
export function postComment(
  app: FastifyInstance,
  headers: Record<string, string>,
  entityType: string,
  entityId: number,
  body: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/comments',
    headers,
    payload: { entityType, entityId, body },
  });
}

/** Posts a comment that must succeed; returns it. */
export async function comment(
  app: FastifyInstance,
  headers: Record<string, string>,
  entityType: string,
  entityId: number,
  body: string,
): Promise<Comment> {
  const response = await postComment(app, headers, entityType, entityId, body);
  if (response.statusCode !== 201) throw new Error(`comment failed: ${response.statusCode} ${response.body}`);
  return json<Comment>(response);
}
