import { randomUUID } from 'node:crypto';
import { CheckSettings } from '../../../shared/contracts/check-kinds';
import type { AppContext } from '../../context';
import { type AddressPolicy, probePolicy } from '../../net/address-policy';
import { recordOptionsOf } from '../../reactions';
import { getOutboundPolicy, probePolicyOf } from '../settings/outbound-policy.service';
import { openSettings } from './check-secrets';
import { claimSlots, ensureStateRows, lastBeats, listRunnableChecks } from './checks.repository';
import type { Cadence } from './next-run';
import { closeSharedConnections, runProbe } from './probes/run-probe';
import { ResultBuffer } from './result-buffer';
import { type PendingResult, recordResults } from './result-recorder';
import { CheckScheduler, type SchedulableCheck } from './scheduler';

type CheckRow = Awaited<ReturnType<typeof listRunnableChecks>>[number];

export interface CheckEngineOptions {
  /** this server's location name (checks list where they run from) */
  location?: string;
  policy?: AddressPolicy;
}

/** The row's schedule: its interval, or its cron expression in the organisation's timezone. */
export function cadenceOf(row: Pick<CheckRow, 'intervalSeconds' | 'cron'>, timezone: string): Cadence {
  return row.cron ? { cron: row.cron, timezone } : { intervalMs: (row.intervalSeconds ?? 60) * 1000 };
}

/**
 * The local runner: loads the checks this location runs, schedules them, runs the probes and
 * hands results to the batch writer. One per server process.
 */
export class CheckEngine {
  readonly location: string;
  readonly scheduler: CheckScheduler;
  readonly buffer: ResultBuffer;
  private readonly beats = new Map<number, number>();
  private readonly createdAt = new Map<number, number>();
  private readonly unsubscribe: (() => void)[] = [];
  private policy: AddressPolicy;
  private readonly fixedPolicy: boolean;
  private readonly instanceId = randomUUID();

  constructor(
    private readonly ctx: AppContext,
    options: CheckEngineOptions = {},
  ) {
    this.location = options.location ?? 'local';
    this.policy = options.policy ?? probePolicy;
    this.fixedPolicy = options.policy !== undefined;
    this.buffer = new ResultBuffer({
      // On SQLite the recorder keeps its statements prepared on the driver's handle.
      write: (results) =>
        recordResults(ctx.db, ctx.dialect, results, recordOptionsOf(ctx.reactions, ctx.storage)),
      events: ctx.events,
      log: ctx.log,
      now: ctx.now,
    });
    this.scheduler = new CheckScheduler({
      location: this.location,
      execute: (check, _plannedAt, signal) => this.execute(check, signal),
      buffer: this.buffer,
      log: ctx.log,
      concurrency: ctx.config.checkConcurrency,
      claim: ctx.dialect === 'postgres' ? (runs) => claimSlots(ctx.db, this.instanceId, runs) : undefined,
    });
  }

  /** Loads every runnable check of this location and starts scheduling. */
  async start(): Promise<void> {
    if (!this.fixedPolicy) this.policy = probePolicyOf(await getOutboundPolicy(this.ctx.db));
    const rows = await listRunnableChecks(this.ctx.db);
    await ensureStateRows(
      this.ctx.db,
      rows.map((row) => row.id),
      this.ctx.now(),
    );
    for (const [checkId, at] of await lastBeats(this.ctx.db)) this.beats.set(checkId, at);
    for (const row of rows) this.schedule(row);
    this.unsubscribe.push(
      this.ctx.events.on('check.definitionChanged', ({ checkId }) => void this.refresh(checkId)),
      this.ctx.events.on('check.beat', ({ checkId, at }) => this.noteBeat(checkId, at)),
      this.ctx.events.on('settings.outboundPolicyChanged', ({ policy }) => {
        if (!this.fixedPolicy) this.policy = probePolicyOf(policy);
      }),
    );
    this.ctx.log.info({ checks: this.scheduler.size, location: this.location }, 'checks scheduled');
  }

  /** Re-reads one check after a change (created, edited, paused, deleted). */
  async refresh(checkId: number): Promise<void> {
    const row = await this.ctx.db
      .selectFrom('checks')
      .selectAll()
      .where('id', '=', checkId)
      .executeTakeFirst();
    if (!row || row.isPaused) this.scheduler.remove(checkId);
    else this.schedule(row);
  }

  /** A heartbeat arrived: the next evaluation judges from it. */
  noteBeat(checkId: number, at: number): void {
    this.beats.set(checkId, at);
  }

  /** Stops scheduling, lets runs in flight finish (or abort) and writes what is pending. */
  async stop(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.scheduler.stop();
    await this.buffer.drain(5_000);
    await closeSharedConnections();
  }

  /** Writes results now (tests, shutdown). */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  /** For callers outside the scheduler (remote runners' reports). */
  add(result: PendingResult): void {
    this.buffer.add(result);
  }

  private schedule(row: CheckRow): void {
    const locations = JSON.parse(row.locations) as string[];
    if (!locations.includes(this.location)) {
      this.scheduler.remove(row.id);
      return;
    }
    const parsed = CheckSettings.safeParse(JSON.parse(row.settings));
    if (!parsed.success) {
      this.ctx.log.error({ checkId: row.id }, 'stored check settings are invalid; check not scheduled');
      return;
    }
    this.createdAt.set(row.id, row.createdAt);
    const check: SchedulableCheck = {
      id: row.id,
      settings: openSettings(this.ctx.secrets, parsed.data),
      cadence: cadenceOf(row, this.ctx.config.timezone),
      timeoutMs: row.timeoutMs,
      degradedAboveMs: row.degradedAboveMs,
    };
    this.scheduler.upsert(check);
  }

  private async execute(check: SchedulableCheck, signal: AbortSignal) {
    const expectedEveryMs = 'intervalMs' in check.cadence ? check.cadence.intervalMs : 3_600_000;
    const createdAt = this.createdAt.get(check.id) ?? 0;
    if (check.settings.kind === 'heartbeat' && !this.beats.has(check.id)) {
      // A new heartbeat check is given one interval and its grace to receive a first beat.
      const graceMs = check.settings.graceSeconds * 1000;
      if (this.ctx.now() - createdAt < expectedEveryMs + graceMs) {
        return {
          status: 'up' as const,
          message: 'waiting for a first beat',
          latencyMs: 0,
          phases: { totalMs: 0 },
          details: { skipped: true },
        };
      }
    }
    return runProbe(
      check.settings,
      {
        timeoutMs: check.timeoutMs,
        degradedAboveMs: check.degradedAboveMs ?? undefined,
        policy: this.policy,
        signal,
        now: this.ctx.now,
      },
      { lastBeatAt: this.beats.get(check.id) ?? null, expectedEveryMs },
    );
  }
}
