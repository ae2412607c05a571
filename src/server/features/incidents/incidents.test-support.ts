import type { FastifyInstance } from 'fastify';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import type { IncidentDetail } from '../../../shared/contracts/incidents';
import type { ItemKind } from '../../../shared/contracts/inventory';
import type { ResultStatus } from '../../../shared/domain/check-state';
import type { Role } from '../../../shared/domain/roles';
import type { Db, Storage } from '../../db/connect';
import { recordOptionsOf } from '../../reactions';
import { type PendingResult, recordResults } from '../checks/result-recorder';
import { createItem } from '../inventory/inventory.service';
import { createRelation } from '../inventory/relations.service';
import { upsertMember } from '../teams/teams.repository';
import { createTeam } from '../teams/teams.service';

// Shared set-up of the incidents tests: an app with two teams, one user per role, and helpers that
// make items, checks and results the way the check engine records them.

export const system = { userId: null, label: 'test' };
let sequence = 0;

export type Headers = Record<string, string>;

/** The app with teams Ops and Net, member and lead in Ops only. */
export async function buildIncidentWorld(storage: Storage) {
  const { app, ctx } = await buildTestApp(storage);
  const ops = await createTeam(ctx, system, { name: 'Ops', description: '' });
  const net = await createTeam(ctx, system, { name: 'Net', description: '' });
  const users = {} as Record<Role, Awaited<ReturnType<typeof createUserWithToken>>>;
  for (const role of ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const) {
    users[role] = await createUserWithToken(ctx, role);
  }
  await upsertMember(ctx.db, ops.id, users.member.user.id, false);
  await upsertMember(ctx.db, ops.id, users.lead.user.id, true);

  /** An item of a criticality, owned by a team (Ops by default). */
  const item = async (
    fields: { criticality?: number; ownerTeamId?: number | null; kind?: ItemKind } = {},
  ) => {
    sequence += 1;
    return createItem(ctx, system, {
      kind: fields.kind ?? 'application',
      name: `item-${sequence}-${Date.now()}`,
      criticality: fields.criticality ?? 2,
      ownerTeamId: fields.ownerTeamId === undefined ? ops.id : fields.ownerTeamId,
    });
  };
  /** "source dependsOn target". */
  const dependsOn = (sourceItemId: number, targetItemId: number) =>
    createRelation(ctx, system, { sourceItemId, targetItemId, kind: 'dependsOn' });

  return { app, ctx, ops, net, users, item, dependsOn, close: () => app.close() };
}

export type IncidentWorld = Awaited<ReturnType<typeof buildIncidentWorld>>;

/** Inserts a check on an item (or none), no retries, so one result changes its state. */
export async function insertCheck(
  db: Db,
  fields: { itemId?: number | null; ownerTeamId?: number | null; kind?: string; name?: string } = {},
): Promise<number> {
  sequence += 1;
  const kind = fields.kind ?? 'http';
  const row = await db
    .insertInto('checks')
    .values({
      name: fields.name ?? `check-${sequence}`,
      kind,
      itemId: fields.itemId ?? null,
      ownerTeamId: fields.ownerTeamId ?? null,
      settings: JSON.stringify(
        kind === 'tls' ? { kind, host: 'localhost', port: 443 } : { kind, url: 'http://127.0.0.1:1/' },
      ),
      intervalSeconds: 30,
      cron: null,
      timeoutMs: 5000,
      retries: 0,
      degradedAboveMs: null,
      isPaused: 0,
      locations: JSON.stringify(['local']),
      downQuorum: 1,
      pushTokenHash: null,
      createdAt: 0,
      updatedAt: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Records one result for a check at `at`, with the reactions installed in the context (the
 * incidents handler among them), exactly as the check engine does.
 */
export function recordStatus(
  world: Pick<IncidentWorld, 'ctx'>,
  checkId: number,
  status: ResultStatus,
  at: number,
  extra: Partial<PendingResult> = {},
) {
  const { ctx } = world;
  return recordResults(
    ctx.db,
    ctx.dialect,
    [
      {
        checkId,
        location: 'local',
        plannedAt: at,
        startedAt: at,
        status,
        latencyMs: 12,
        dnsMs: null,
        connectMs: null,
        tlsMs: null,
        firstByteMs: null,
        message: status === 'down' ? 'connection refused' : 'HTTP 200',
        details: {},
        ...extra,
      },
    ],
    recordOptionsOf(ctx.reactions),
  );
}

/** The incidents gathering a check, newest first, as rows. */
export function incidentsOfCheck(db: Db, checkId: number) {
  return db
    .selectFrom('incidents')
    .innerJoin('incidentChecks', 'incidentChecks.incidentId', 'incidents.id')
    .selectAll('incidents')
    .select(['incidentChecks.failingSince', 'incidentChecks.recoveredAt'])
    .where('incidentChecks.checkId', '=', checkId)
    .orderBy('incidents.id', 'desc')
    .execute();
}

/** The timeline kinds of an incident, in order. */
export async function timelineKinds(db: Db, incidentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('incidentEvents')
    .select('kind')
    .where('incidentId', '=', incidentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.kind);
}

/** A notification channel and a rule sending every incident and check event to it. */
export async function insertChannelAndRule(db: Db, events: string[]): Promise<number> {
  sequence += 1;
  const channel = await db
    .insertInto('notificationChannels')
    .values({
      name: `channel-${sequence}`,
      kind: 'webhook',
      settings: '{}',
      language: 'en',
      isEnabled: 1,
      createdAt: 0,
      updatedAt: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('notificationRules')
    .values({
      name: `rule-${sequence}`,
      events: JSON.stringify(events),
      teamIds: '[]',
      channelIds: JSON.stringify([channel.id]),
      maxSeverity: 4,
      isEnabled: 1,
      createdAt: 0,
      updatedAt: 0,
    })
    .execute();
  return channel.id;
}

/** The outbox rows of a channel, oldest first. */
export function outboxOf(db: Db, channelId: number) {
  return db
    .selectFrom('notificationOutbox')
    .select(['eventKind', 'idempotencyKey', 'payload'])
    .where('channelId', '=', channelId)
    .orderBy('id')
    .execute();
}

/** Creates a manual incident through the API; fails the test on any answer but 201. */
export async function postIncident(
  app: FastifyInstance,
  headers: Headers,
  body: Record<string, unknown>,
): Promise<IncidentDetail> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/incidents', headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return json<IncidentDetail>(response);
}
