import { createHash } from 'node:crypto';
import { CheckSettings } from '../../../shared/contracts/check-kinds';
import type {
  CreatedRunner,
  NewRunner,
  Runner,
  RunnerCheck,
  RunnerChecks,
  RunnerIdentity,
  RunnerReport,
  RunnerReportAck,
} from '../../../shared/contracts/runners';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { recordOptionsOf } from '../../reactions';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { generateSecret, hashSecret } from '../auth/secrets';
import { openSettings } from '../checks/check-secrets';
import { type PendingResult, recordResults } from '../checks/result-recorder';
import { getOutboundPolicy } from '../settings/outbound-policy.service';
import { runnerTokenPrefix } from './runner-auth';
import {
  findChecksForReport,
  findRunner,
  findRunnerByName,
  listChecksNamingLocation,
  listRunnerRows,
} from './runners.repository';

/** A runner is online when it called in this recently (it polls every 30 s). */
export const onlineWindowMs = 2 * 60_000;
/** Results planned or started further ahead of the server's clock than this are refused. */
const maxClockAheadMs = 10 * 60_000;

type RunnerRow = NonNullable<Awaited<ReturnType<typeof findRunner>>>;

function toRunner(row: RunnerRow, now: number): Runner {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    lastSeenAt: row.lastSeenAt,
    online: row.lastSeenAt !== null && now - row.lastSeenAt <= onlineWindowMs,
    createdAt: row.createdAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Admin side

export async function listRunners(ctx: AppContext): Promise<Runner[]> {
  const now = ctx.now();
  return (await listRunnerRows(ctx.db)).map((row) => toRunner(row, now));
}

/** Registers a runner; the token is in this answer only, the database keeps its SHA-256 hash. */
export async function createRunner(
  ctx: AppContext,
  actor: AuditActor,
  input: NewRunner,
): Promise<CreatedRunner> {
  if (await findRunnerByName(ctx.db, input.name)) {
    throw appError('conflict', phrase('runners.nameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
  const token = generateSecret(runnerTokenPrefix, 32);
  const now = ctx.now();
  const runner = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('runners')
      .values({ name: input.name, location: input.location, tokenHash: hashSecret(token), createdAt: now })
      .returning(['id', 'name', 'location', 'lastSeenAt', 'createdAt'])
      .executeTakeFirstOrThrow();
    const created = toRunner(row, now);
    await recordChange(ctx, trx, actor, {
      action: 'runner.create',
      entityType: 'runner',
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return { ...runner, token };
}

/** Revokes a runner: its token stops working at once. Its stored results stay. */
export async function revokeRunner(ctx: AppContext, actor: AuditActor, id: number): Promise<void> {
  const row = await findRunner(ctx.db, id);
  if (!row) throw notFound('runner');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('runners').where('id', '=', id).execute();
    await recordChange(ctx, trx, actor, {
      action: 'runner.revoke',
      entityType: 'runner',
      entityId: id,
      before: toRunner(row, ctx.now()),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Runner side

type CheckRow = Awaited<ReturnType<typeof listChecksNamingLocation>>[number];

function runsFrom(locationsJson: string, location: string): boolean {
  try {
    const locations: unknown = JSON.parse(locationsJson);
    return Array.isArray(locations) && locations.includes(location);
  } catch {
    return false;
  }
}

/** What a remote runner runs: every check of its location except heartbeats, which the server judges. */
function isRemotelyRunnable(row: { kind: string; locations: string }, location: string): boolean {
  return row.kind !== 'heartbeat' && runsFrom(row.locations, location);
}

/** The runner's check list and its version, computed from the stored rows (sealed secrets, not plain). */
export async function loadRunnerChecks(
  ctx: AppContext,
  runner: RunnerIdentity,
): Promise<{ version: string; build(): RunnerChecks }> {
  const rows = (await listChecksNamingLocation(ctx.db, runner.location)).filter((row) =>
    isRemotelyRunnable(row, runner.location),
  );
  const policy = (await getOutboundPolicy(ctx.db)).probes;
  const version = createHash('sha256')
    .update(
      JSON.stringify([
        runner.id,
        runner.location,
        ctx.config.timezone,
        policy,
        rows.map((r) => [
          r.id,
          r.updatedAt,
          r.settings,
          r.intervalSeconds,
          r.cron,
          r.timeoutMs,
          r.degradedAboveMs,
        ]),
      ]),
    )
    .digest('base64url')
    .slice(0, 32);
  return {
    version,
    build: () => ({
      runner,
      version,
      probePolicy: policy,
      checks: rows.flatMap((row) => {
        const check = toRunnerCheck(ctx, row);
        return check ? [check] : [];
      }),
    }),
  };
}

function toRunnerCheck(ctx: AppContext, row: CheckRow): RunnerCheck | null {
  const parsed = CheckSettings.safeParse(JSON.parse(row.settings));
  if (!parsed.success) {
    ctx.log.error({ checkId: row.id }, 'stored check settings are invalid; check not sent to the runner');
    return null;
  }
  return {
    id: row.id,
    settings: openSettings(ctx.secrets, parsed.data),
    cadence: row.cron
      ? { cron: row.cron, timezone: ctx.config.timezone }
      : { intervalSeconds: row.intervalSeconds ?? 60 },
    timeoutMs: row.timeoutMs,
    degradedAboveMs: row.degradedAboveMs,
  };
}

/**
 * Stores a runner's report before answering, so an acknowledged result is never lost: one
 * transaction through `recordResults`, which also ignores a result already stored for the same
 * check, location and planned time (a replayed report). Results for checks that do not run from
 * the runner's location (or no longer exist, are paused, or are heartbeats) are refused one by
 * one and listed in the answer; the rest are stored.
 */
export async function acceptReport(
  ctx: AppContext,
  runner: RunnerIdentity,
  report: RunnerReport,
): Promise<RunnerReportAck> {
  const checkIds = [...new Set(report.results.map((r) => r.checkId))];
  const checks = new Map((await findChecksForReport(ctx.db, checkIds)).map((row) => [row.id, row]));
  const now = ctx.now();
  const refused: RunnerReportAck['refused'] = [];
  const pending: PendingResult[] = [];
  const seen = new Set<string>();
  const refusalOf = (result: RunnerReport['results'][number]): string | null => {
    const check = checks.get(result.checkId);
    if (!check) return 'no such check';
    if (check.kind === 'heartbeat') return 'heartbeat checks are judged by the server';
    if (!runsFrom(check.locations, runner.location)) return `the check does not run from ${runner.location}`;
    if (check.isPaused) return 'the check is paused';
    if (result.plannedAt > now + maxClockAheadMs || result.startedAt > now + maxClockAheadMs)
      return "the result is in the future: is the runner's clock right?";
    return null;
  };
  report.results.forEach((result, index) => {
    const reason = refusalOf(result);
    if (reason !== null) {
      refused.push({ index, checkId: result.checkId, reason });
      return;
    }
    const key = `${result.checkId}:${result.plannedAt}`;
    if (seen.has(key)) return; // the same slot twice in one report: stored once
    seen.add(key);
    pending.push({
      checkId: result.checkId,
      location: runner.location,
      plannedAt: result.plannedAt,
      startedAt: result.startedAt,
      status: result.status,
      latencyMs: result.latencyMs,
      dnsMs: result.phases.dnsMs,
      connectMs: result.phases.connectMs,
      tlsMs: result.phases.tlsMs,
      firstByteMs: result.phases.firstByteMs,
      message: result.message,
      details: result.details,
    });
  });
  let changes: Awaited<ReturnType<typeof recordResults>>;
  try {
    changes = await recordResults(ctx.db, ctx.dialect, pending, recordOptionsOf(ctx.reactions, ctx.storage));
  } catch (error) {
    // A storage error is Regia's problem: the runner keeps the results and sends them again.
    ctx.log.error({ err: error, runnerId: runner.id }, 'could not store a runner report; it will be resent');
    throw appError('service_unavailable', phrase('runners.resultsNotStored'));
  }
  for (const change of changes) ctx.events.emit('check.stateChanged', change);
  for (const result of pending) {
    ctx.events.emit('check.result', {
      checkId: result.checkId,
      status: result.status,
      at: result.startedAt,
      latencyMs: result.latencyMs,
      message: result.message,
    });
  }
  if (refused.length > 0) {
    ctx.log.warn({ runnerId: runner.id, refused: refused.length }, 'some results of a runner were refused');
  }
  return { accepted: report.results.length - refused.length, refused };
}
