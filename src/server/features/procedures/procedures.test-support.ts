import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import type {
  NewProcedureRunInput,
  NewProcedureTestInput,
  ProcedureRun,
  ProcedureTest,
} from '../../../shared/contracts/procedures';
import type { Role } from '../../../shared/domain/roles';
import { loadConfig } from '../../config';
import type { Storage } from '../../db/connect';
import { createToken } from '../auth/tokens.service';
import { upsertMember } from '../teams/teams.repository';
import { createTeam } from '../teams/teams.service';

// Shared set-up of the procedure tests' tests: an app with its own data folder, two teams and one
// user per role.

const system = { userId: null, label: 'test' };
let sequence = 0;

export type Headers = Record<string, string>;

/** A valid new procedure test (quarterly) for a team; every call gets a unique name. */
export function buildProcedureTest(
  ownerTeamId: number,
  overrides: Partial<NewProcedureTestInput> = {},
): NewProcedureTestInput {
  sequence += 1;
  return {
    name: `restore-${sequence}-${Date.now()}`,
    kind: 'backupRestore',
    ownerTeamId,
    schedule: '0 9 1 1,4,7,10 *',
    ...overrides,
  };
}

/** The app with teams Ops and Net, member and lead in Ops only; attachments in a temporary folder. */
export async function buildProcedureWorld(storage: Storage) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-procedures-'));
  const { app, ctx } = await buildTestApp(storage, {
    config: { ...loadConfig({}), publicUrl: undefined, dataDir },
  });
  const ops = await createTeam(ctx, system, { name: 'Ops', description: '' });
  const net = await createTeam(ctx, system, { name: 'Net', description: '' });
  const users = {} as Record<Role, Awaited<ReturnType<typeof createUserWithToken>>>;
  for (const role of ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const) {
    users[role] = await createUserWithToken(ctx, role);
  }
  await upsertMember(ctx.db, ops.id, users.member.user.id, false);
  await upsertMember(ctx.db, ops.id, users.lead.user.id, true);
  const close = async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, ctx, ops, net, users, dataDir, close };
}

export type ProcedureWorld = Awaited<ReturnType<typeof buildProcedureWorld>>;

/** New API tokens for every user, valid from the test clock's now (after it moved by months). */
export async function renewTokens(world: ProcedureWorld): Promise<void> {
  for (const user of Object.values(world.users)) {
    const token = await createToken(world.ctx, system, user.user.id, { name: 'test', expiresInDays: 1 });
    user.headers.authorization = `Bearer ${token.token}`;
  }
}

/** Creates a procedure test through the API; fails the test on any answer but 201. */
export async function postProcedureTest(
  app: FastifyInstance,
  headers: Headers,
  test: NewProcedureTestInput,
): Promise<ProcedureTest> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/procedure-tests',
    headers,
    payload: test,
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return json<ProcedureTest>(response);
}

/** Records an outcome through the API; fails the test on any answer but 201. */
export async function postRun(
  app: FastifyInstance,
  headers: Headers,
  testId: number,
  run: NewProcedureRunInput,
): Promise<ProcedureRun> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/procedure-tests/${testId}/runs`,
    headers,
    payload: run,
  });
  if (response.statusCode !== 201) throw new Error(`record failed: ${response.statusCode} ${response.body}`);
  return json<ProcedureRun>(response);
}

/** Reads a test through the API. */
export async function fetchProcedureTest(
  app: FastifyInstance,
  headers: Headers,
  testId: number,
): Promise<ProcedureTest> {
  return json<ProcedureTest>(await app.inject({ url: `/api/v1/procedure-tests/${testId}`, headers }));
}
