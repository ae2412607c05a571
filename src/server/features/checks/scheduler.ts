import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { CheckSettings } from '../../../shared/contracts/check-kinds';
import { type Cadence, nextPlannedRun } from './next-run';
import type { ProbeResult } from './probes/probe-result';
import type { ResultBuffer } from './result-buffer';
import type { PendingResult } from './result-recorder';
import { ScheduleQueue } from './schedule-queue';

/** What the scheduler needs to know of a check. */
export interface SchedulableCheck {
  id: number;
  settings: CheckSettings;
  cadence: Cadence;
  timeoutMs: number;
  degradedAboveMs: number | null;
}

export interface SchedulerOptions {
  /** this runner's location name; only checks that list it are run here */
  location: string;
  /** runs one check; never throws (probes turn failures into results) */
  execute(check: SchedulableCheck, plannedAt: number, signal: AbortSignal): Promise<ProbeResult>;
  buffer: Pick<ResultBuffer, 'add'>;
  log: Logger;
  /** most checks in flight at once */
  concurrency?: number;
  /**
   * With several servers on PostgreSQL: claims the due runs this server may make (row leases);
   * absent, every due run is this server's.
   */
  claim?(runs: { checkId: number; plannedAt: number; leaseMs: number }[]): Promise<Set<number>>;
  /** epoch ms on a monotonic clock (wall-clock jumps do not bunch or skip runs) */
  now?(): number;
}

/** Start lag figures for the benchmark and /metrics. */
export interface SchedulerStats {
  started: number;
  skippedOverlap: number;
  lagMs: number[];
}

const monotonicNow = () => performance.timeOrigin + performance.now();
const lagSampleCap = 200_000;

/**
 * One scheduler for every check: a priority queue of planned runs and a single timer armed for the
 * earliest. Due runs are handed to `execute` up to the concurrency bound; results go to the buffer,
 * which writes them in batches. A check still running when its next slot comes skips that slot.
 */
export class CheckScheduler {
  private readonly queue = new ScheduleQueue();
  private readonly checks = new Map<number, SchedulableCheck>();
  private readonly running = new Set<number>();
  private readonly controller = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private isStopped = false;
  private isClaiming = false;
  private readonly concurrency: number;
  private readonly now: () => number;
  readonly stats: SchedulerStats = { started: 0, skippedOverlap: 0, lagMs: [] };

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.concurrency ?? 200;
    // Every run listens to the one shutdown signal: hundreds of listeners are expected, not a leak.
    setMaxListeners(0, this.controller.signal);
    this.now = options.now ?? monotonicNow;
  }

  /** Adds or replaces a check; it runs at its next slot. */
  upsert(check: SchedulableCheck): void {
    this.checks.set(check.id, check);
    const planned = nextPlannedRun(check.id, check.cadence, this.now() - 1, this.now() - 1);
    if (planned === null) this.queue.remove(check.id);
    else this.queue.schedule(check.id, planned);
    this.arm();
  }

  /** Forgets a check (deleted, paused, or no longer run from this location). */
  remove(checkId: number): void {
    this.checks.delete(checkId);
    this.queue.remove(checkId);
  }

  get size(): number {
    return this.checks.size;
  }

  /** Stops planning, aborts runs in flight and waits for them to hand their results over. */
  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private arm(): void {
    if (this.isStopped || this.isClaiming) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.queue.peek();
    if (!next || this.running.size >= this.concurrency) return;
    const delay = Math.max(0, next.plannedAt - this.now());
    this.timer = setTimeout(() => void this.pump(), delay);
  }

  private async pump(): Promise<void> {
    this.timer = undefined;
    if (this.isStopped) return;
    const now = this.now();
    const due = this.queue.takeDue(now, this.concurrency - this.running.size);
    // Plan each check's following slot at once, so the queue never loses a check.
    for (const run of due) {
      const check = this.checks.get(run.checkId);
      if (!check) continue;
      const following = nextPlannedRun(check.id, check.cadence, run.plannedAt, now);
      if (following !== null) this.queue.schedule(check.id, following);
    }
    let runs = due.filter((run) => this.checks.has(run.checkId));
    if (this.options.claim && runs.length > 0) {
      this.isClaiming = true;
      try {
        const claimed = await this.options.claim(
          runs.map((run) => ({
            checkId: run.checkId,
            plannedAt: run.plannedAt,
            leaseMs: leaseFor(this.checks.get(run.checkId)!),
          })),
        );
        runs = runs.filter((run) => claimed.has(run.checkId));
      } catch (error) {
        // Without a lease nobody can be sure the run is ours: skip this slot rather than run twice.
        this.options.log.warn({ err: error }, 'could not claim due checks; skipping this slot');
        runs = [];
      } finally {
        this.isClaiming = false;
      }
    }
    for (const run of runs) this.start(this.checks.get(run.checkId)!, run.plannedAt);
    this.arm();
  }

  private start(check: SchedulableCheck, plannedAt: number): void {
    if (this.running.has(check.id)) {
      this.stats.skippedOverlap += 1;
      return;
    }
    this.running.add(check.id);
    const startedAt = this.now();
    this.stats.started += 1;
    if (this.stats.lagMs.length < lagSampleCap) this.stats.lagMs.push(startedAt - plannedAt);
    const run = this.options
      .execute(check, plannedAt, this.controller.signal)
      .then((result) => this.hand(check, plannedAt, startedAt, result))
      .catch((error: unknown) =>
        this.options.log.error({ err: error, checkId: check.id }, 'check run failed'),
      )
      .finally(() => {
        this.running.delete(check.id);
        this.inFlight.delete(run);
        if (!this.timer) this.arm();
      });
    this.inFlight.add(run);
  }

  private hand(check: SchedulableCheck, plannedAt: number, startedAt: number, result: ProbeResult): void {
    // Regia's own failures (a missing ping binary, a cancelled run at shutdown) say nothing about
    // the target: they are logged, not recorded as down.
    if (result.details.internalError || result.details.cancelled || result.details.skipped) {
      if (result.details.internalError)
        this.options.log.warn({ checkId: check.id, message: result.message }, 'check could not run');
      return;
    }
    this.options.buffer.add(toPendingResult(check.id, this.options.location, plannedAt, startedAt, result));
  }
}

/** A lease long enough to cover the run, short enough that a dead server's slot is soon free. */
function leaseFor(check: SchedulableCheck): number {
  return check.timeoutMs + 5_000;
}

/** A probe result in the shape the recorder stores. */
export function toPendingResult(
  checkId: number,
  location: string,
  plannedAt: number,
  startedAt: number,
  result: ProbeResult,
): PendingResult {
  return {
    checkId,
    location,
    plannedAt: Math.round(plannedAt),
    startedAt: Math.round(startedAt),
    status: result.status,
    latencyMs: result.latencyMs,
    dnsMs: result.phases.dnsMs ?? null,
    connectMs: result.phases.connectMs ?? null,
    tlsMs: result.phases.tlsMs ?? null,
    firstByteMs: result.phases.firstByteMs ?? null,
    message: result.message,
    details: result.details,
  };
}
