import type { z } from 'zod';
import { CheckSettings } from '../../../shared/contracts/check-kinds';
import {
  type AvailabilityQuery,
  type Check,
  type CheckListQuery,
  type CheckWithPushUrl,
  NewCheck,
  type NewCheckInput,
  type TestCheckRequest,
  UpdateCheck,
} from '../../../shared/contracts/checks';
import type { CheckState } from '../../../shared/domain/check-state';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { recordOptionsOf } from '../../reactions';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { generateSecret, hashSecret } from '../auth/secrets';
import {
  assertCanChangeItem,
  assertCanReadInventory,
  type InventoryActor,
} from '../inventory/inventory.policy';
import { getOutboundPolicy, probePolicyOf } from '../settings/outbound-policy.service';
import { maskSettings, openSettings, sealSettings } from './check-secrets';
import {
  type CheckWithStateRow,
  findCheck,
  findCheckByName,
  listCheckRows,
  listRollups,
} from './checks.repository';
import { isValidCron } from './next-run';
import { runProbe } from './probes/run-probe';
import { recordResults } from './result-recorder';

export const pushTokenPrefix = 'hb_';

/** The team that answers for a check: its own owner, else its item's. */
function ownerOf(row: Pick<CheckWithStateRow, 'ownerTeamId' | 'itemOwnerTeamId'>): number | null {
  return row.ownerTeamId ?? row.itemOwnerTeamId ?? null;
}

function toCheck(row: CheckWithStateRow): Check {
  const settings = CheckSettings.parse(JSON.parse(row.settings));
  const state: CheckState = row.isPaused ? 'paused' : ((row.state as CheckState | null) ?? 'unknown');
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    itemId: row.itemId,
    itemName: row.itemName,
    ownerTeamId: ownerOf(row),
    settings: maskSettings(settings) as unknown as Record<string, unknown>,
    intervalSeconds: row.intervalSeconds,
    cron: row.cron,
    timeoutMs: row.timeoutMs,
    retries: row.retries,
    degradedAboveMs: row.degradedAboveMs,
    isPaused: Boolean(row.isPaused),
    locations: JSON.parse(row.locations) as string[],
    downQuorum: row.downQuorum,
    state,
    stateChangedAt: row.changedAt ?? null,
    lastResultAt: row.lastResultAt ?? null,
    lastMessage: row.lastMessage ?? null,
    lastLatencyMs: row.lastLatencyMs ?? null,
    hasPushToken: row.pushTokenHash !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function loadCheck(ctx: AppContext, id: number): Promise<CheckWithStateRow> {
  const row = await findCheck(ctx.db, id);
  if (!row) throw notFound('check');
  return row;
}

/** One page of checks with a 24-hour availability sparkline each. */
export async function listChecks(ctx: AppContext, actor: InventoryActor, query: CheckListQuery) {
  assertCanReadInventory(actor);
  const { rows, total } = await listCheckRows(ctx.db, query);
  const hour = 3_600_000;
  const since = Math.floor(ctx.now() / hour) * hour - 23 * hour;
  const rollups = await listRollups(
    ctx.db,
    rows.map((r) => r.id),
    '1h',
    since,
  );
  const checks = rows.map((row) => {
    const sparkline: (number | null)[] = new Array(24).fill(null);
    for (const rollup of rollups) {
      if (rollup.checkId !== row.id) continue;
      const index = Math.floor((rollup.bucketStart - since) / hour);
      const samples = rollup.upCount + rollup.degradedCount + rollup.downCount;
      if (index >= 0 && index < 24 && samples > 0)
        sparkline[index] = (rollup.upCount + rollup.degradedCount) / samples;
    }
    return { ...toCheck(row), sparkline };
  });
  return { rows: checks, total, page: query.page, pageSize: query.pageSize };
}

export async function getCheck(ctx: AppContext, actor: InventoryActor, id: number): Promise<Check> {
  assertCanReadInventory(actor);
  return toCheck(await loadCheck(ctx, id));
}

async function assertReferences(
  ctx: AppContext,
  input: { itemId?: number | null; ownerTeamId?: number | null },
) {
  if (input.itemId) {
    const item = await ctx.db
      .selectFrom('items')
      .select('id')
      .where('id', '=', input.itemId)
      .executeTakeFirst();
    if (!item)
      throw appError('validation_failed', phrase('checks.noSuchItem'), [
        { path: 'body.itemId', message: phrase('issue.noSuchItem') },
      ]);
  }
  if (input.ownerTeamId) {
    const team = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.ownerTeamId)
      .executeTakeFirst();
    if (!team)
      throw appError('validation_failed', phrase('checks.noSuchTeam'), [
        { path: 'body.ownerTeamId', message: phrase('issue.noSuchTeam') },
      ]);
  }
}

async function itemOwner(ctx: AppContext, itemId: number | null): Promise<number | null> {
  if (!itemId) return null;
  const item = await ctx.db
    .selectFrom('items')
    .select('ownerTeamId')
    .where('id', '=', itemId)
    .executeTakeFirst();
  return item?.ownerTeamId ?? null;
}

function assertSchedule(cron: string | null | undefined): void {
  if (cron && !isValidCron(cron)) {
    throw appError('validation_failed', phrase('checks.cronInvalid'), [
      { path: 'body.cron', message: phrase('checks.issueCronInvalid') },
    ]);
  }
}

function pushUrlOf(ctx: AppContext, token: string | null): string | null {
  if (!token) return null;
  const base = ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;
  return `${base.replace(/\/$/, '')}/api/v1/heartbeats/${token}`;
}

/** Creates a check; a heartbeat check gets its push URL, shown in this answer only. */
export async function createCheck(
  ctx: AppContext,
  actor: InventoryActor,
  raw: NewCheckInput,
): Promise<CheckWithPushUrl> {
  const input = parseInput(NewCheck, raw, 'body');
  await assertReferences(ctx, input);
  assertSchedule(input.cron);
  assertCanChangeItem(actor, input.ownerTeamId ?? (await itemOwner(ctx, input.itemId)));
  if (await findCheckByName(ctx.db, input.name)) {
    throw appError('conflict', phrase('checks.nameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
  const token = input.settings.kind === 'heartbeat' ? generateSecret(pushTokenPrefix, 24) : null;
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('checks')
      .values({
        name: input.name,
        kind: input.settings.kind,
        itemId: input.itemId,
        ownerTeamId: input.ownerTeamId,
        settings: JSON.stringify(sealSettings(ctx.secrets, input.settings)),
        intervalSeconds: input.cron ? null : input.intervalSeconds,
        cron: input.cron,
        timeoutMs: input.timeoutMs,
        retries: input.retries,
        degradedAboveMs: input.degradedAboveMs,
        isPaused: Number(input.isPaused),
        locations: JSON.stringify(input.locations),
        downQuorum: input.downQuorum,
        pushTokenHash: token ? hashSecret(token) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('checkStates')
      .values({ checkId: row.id, state: 'unknown', changedAt: now })
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'check.create',
      entityType: 'check',
      entityId: row.id,
      after: { ...input, settings: maskSettings(input.settings) },
    });
    return row.id;
  });
  ctx.events.emit('check.definitionChanged', { checkId: id });
  return { ...(await getCheck(ctx, actor, id)), pushUrl: pushUrlOf(ctx, token) };
}

/** Changes a check; masked secret values in the settings keep their stored value. */
export async function updateCheck(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
  raw: z.input<typeof UpdateCheck>,
): Promise<Check> {
  const input = parseInput(UpdateCheck, raw, 'body');
  const before = await loadCheck(ctx, id);
  assertCanChangeItem(actor, ownerOf(before));
  await assertReferences(ctx, input);
  assertSchedule(input.cron);
  const itemId = input.itemId === undefined ? before.itemId : input.itemId;
  const ownerTeamId = input.ownerTeamId === undefined ? before.ownerTeamId : input.ownerTeamId;
  assertCanChangeItem(actor, ownerTeamId ?? (await itemOwner(ctx, itemId)));
  if (input.name && input.name !== before.name && (await findCheckByName(ctx.db, input.name))) {
    throw appError('conflict', phrase('checks.nameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
  const previousSettings = CheckSettings.parse(JSON.parse(before.settings));
  if (input.settings && input.settings.kind !== previousSettings.kind) {
    throw appError('validation_failed', phrase('checks.kindFixed'), [
      { path: 'body.settings.kind', message: phrase('checks.issueCannotChange') },
    ]);
  }
  const settings = input.settings
    ? sealSettings(ctx.secrets, input.settings, previousSettings)
    : previousSettings;
  // An interval given clears the cron schedule and the other way round; one of them must remain.
  let cron = input.cron === undefined ? before.cron : input.cron;
  let intervalSeconds = input.intervalSeconds === undefined ? before.intervalSeconds : input.intervalSeconds;
  if (input.cron) intervalSeconds = null;
  if (input.intervalSeconds) cron = null;
  if (cron === null && intervalSeconds === null) {
    throw appError('validation_failed', phrase('checks.intervalOrCron'), [
      { path: 'body.intervalSeconds', message: phrase('checks.issueIntervalRequired') },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('checks')
      .set({
        name: input.name,
        itemId,
        ownerTeamId,
        settings: JSON.stringify(settings),
        intervalSeconds,
        cron,
        timeoutMs: input.timeoutMs,
        retries: input.retries,
        degradedAboveMs: input.degradedAboveMs,
        isPaused: input.isPaused === undefined ? undefined : Number(input.isPaused),
        locations: input.locations ? JSON.stringify(input.locations) : undefined,
        downQuorum: input.downQuorum,
        updatedAt: ctx.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'check.update',
      entityType: 'check',
      entityId: id,
      before: toCheck(before),
      after: { ...input, settings: input.settings ? maskSettings(input.settings) : undefined },
    });
  });
  ctx.events.emit('check.definitionChanged', { checkId: id });
  return getCheck(ctx, actor, id);
}

export async function deleteCheck(ctx: AppContext, actor: InventoryActor, id: number): Promise<void> {
  const before = await loadCheck(ctx, id);
  assertCanChangeItem(actor, ownerOf(before));
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('checks').where('id', '=', id).execute();
    await recordChange(ctx, trx, actor, {
      action: 'check.delete',
      entityType: 'check',
      entityId: id,
      before: toCheck(before),
    });
  });
  ctx.events.emit('check.definitionChanged', { checkId: id });
}

/** Makes a new push URL for a heartbeat check (the old one stops working). */
export async function renewPushToken(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
): Promise<CheckWithPushUrl> {
  const before = await loadCheck(ctx, id);
  assertCanChangeItem(actor, ownerOf(before));
  if (before.kind !== 'heartbeat') throw appError('bad_request', phrase('checks.pushOnlyHeartbeat'));
  const token = generateSecret(pushTokenPrefix, 24);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('checks')
      .set({ pushTokenHash: hashSecret(token), updatedAt: ctx.now() })
      .where('id', '=', id)
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'check.pushToken.renew',
      entityType: 'check',
      entityId: id,
    });
  });
  return { ...(await getCheck(ctx, actor, id)), pushUrl: pushUrlOf(ctx, token) };
}

/**
 * Records a heartbeat beat. Written before the answer, so a job that got its 200 knows the beat
 * counts even if Regia crashes right after.
 */
export async function receiveBeat(
  ctx: AppContext,
  token: string,
  message: string | undefined,
): Promise<number> {
  const check = await ctx.db
    .selectFrom('checks')
    .select(['id', 'isPaused'])
    .where('pushTokenHash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!check) throw notFound('heartbeat');
  const at = ctx.now();
  const changes = await recordResults(
    ctx.db,
    ctx.dialect,
    [
      {
        checkId: check.id,
        location: 'local',
        plannedAt: at,
        startedAt: at,
        status: 'up',
        latencyMs: 0,
        dnsMs: null,
        connectMs: null,
        tlsMs: null,
        firstByteMs: null,
        message: message ? `beat: ${message.slice(0, 200)}` : 'beat received',
        details: {},
      },
    ],
    recordOptionsOf(ctx.reactions, ctx.storage),
  );
  for (const change of changes) ctx.events.emit('check.stateChanged', change);
  ctx.events.emit('check.beat', { checkId: check.id, at });
  return check.id;
}

/** Runs a saved check once, now, and answers its result without storing it. */
export async function runCheckNow(ctx: AppContext, actor: InventoryActor, id: number) {
  assertCanReadInventory(actor);
  const row = await loadCheck(ctx, id);
  assertCanChangeItem(actor, ownerOf(row));
  const settings = openSettings(ctx.secrets, CheckSettings.parse(JSON.parse(row.settings)));
  return toRunResult(
    await runProbe(settings, {
      timeoutMs: row.timeoutMs,
      degradedAboveMs: row.degradedAboveMs ?? undefined,
      policy: probePolicyOf(await getOutboundPolicy(ctx.db)),
      now: ctx.now,
    }),
  );
}

/** Runs unsaved settings once (the form's "run now"); masked secrets cannot be used here. */
export async function testCheckSettings(
  ctx: AppContext,
  actor: InventoryActor,
  request: z.infer<typeof TestCheckRequest>,
) {
  assertCanReadInventory(actor);
  if (request.settings.kind === 'heartbeat')
    throw appError('bad_request', phrase('checks.heartbeatNotProbed'));
  return toRunResult(
    await runProbe(request.settings, {
      timeoutMs: request.timeoutMs,
      degradedAboveMs: request.degradedAboveMs ?? undefined,
      policy: probePolicyOf(await getOutboundPolicy(ctx.db)),
      now: ctx.now,
    }),
  );
}

function toRunResult(result: Awaited<ReturnType<typeof runProbe>>) {
  return {
    status: result.status,
    latencyMs: Math.round(result.latencyMs),
    phases: {
      dnsMs: result.phases.dnsMs ?? null,
      connectMs: result.phases.connectMs ?? null,
      tlsMs: result.phases.tlsMs ?? null,
      firstByteMs: result.phases.firstByteMs ?? null,
    },
    message: result.message,
    details: result.details,
  };
}

export type { AvailabilityQuery };
