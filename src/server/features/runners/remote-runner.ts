import type { Logger } from 'pino';
import type {
  RunnerCheck,
  RunnerChecks,
  RunnerIdentity,
  RunnerResult,
} from '../../../shared/contracts/runners';
import { EventBus } from '../../events';
import { type AddressPolicy, probePolicy } from '../../net/address-policy';
import type { Cadence } from '../checks/next-run';
import type { ProbeResult } from '../checks/probes/probe-result';
import { closeSharedConnections, runProbe } from '../checks/probes/run-probe';
import { ResultBuffer } from '../checks/result-buffer';
import type { PendingResult } from '../checks/result-recorder';
import { CheckScheduler, type SchedulableCheck } from '../checks/scheduler';
import { createRunnerClient, type RunnerClient, RunnerRequestError } from './runner-client';

export interface RemoteRunnerOptions {
  /** the Regia server's base URL; HTTPS in production (the check list carries credentials) */
  server: string;
  /** the runner's token, `rr_…` */
  token: string;
  log: Logger;
  /** how often the check definitions are fetched again (default 30 s; unchanged costs a 304) */
  pollEveryMs?: number;
  /** most checks in flight at once (default 200) */
  concurrency?: number;
  policy?: AddressPolicy;
  /** how often results are sent (default 1 s) */
  flushEveryMs?: number;
  /** per-request timeout towards the server (default 30 s) */
  requestTimeoutMs?: number;
  /** the server refused the token after the start (revoked): the caller should stop the runner */
  onRefused?(error: RunnerRequestError): void;
  client?: RunnerClient;
}

/** Results per POST; the API takes up to 1000. */
const reportChunk = 500;

/** The scheduler's view of a check from the runner API. */
export function toSchedulableCheck(check: RunnerCheck): SchedulableCheck {
  const cadence: Cadence =
    'cron' in check.cadence
      ? { cron: check.cadence.cron, timezone: check.cadence.timezone }
      : { intervalMs: check.cadence.intervalSeconds * 1000 };
  return {
    id: check.id,
    settings: check.settings,
    cadence,
    timeoutMs: check.timeoutMs,
    degradedAboveMs: check.degradedAboveMs,
  };
}

const clampMs = (value: number) => Math.min(3_600_000, Math.max(0, Number.isFinite(value) ? value : 0));
const clampOrNull = (value: number | null) => (value === null ? null : clampMs(value));

/** A stored-result shape turned into what the runner API accepts (bounded, location left out). */
export function toRunnerResult(result: PendingResult): RunnerResult {
  const details: RunnerResult['details'] = {};
  for (const [key, value] of Object.entries(result.details).slice(0, 50)) {
    const name = key.slice(0, 100);
    if (typeof value === 'string') details[name] = value.slice(0, 1000);
    else if (typeof value === 'number') details[name] = Number.isFinite(value) ? value : null;
    else if (typeof value === 'boolean' || value === null) details[name] = value;
  }
  return {
    checkId: result.checkId,
    plannedAt: result.plannedAt,
    startedAt: result.startedAt,
    status: result.status,
    latencyMs: clampMs(result.latencyMs),
    phases: {
      dnsMs: clampOrNull(result.dnsMs),
      connectMs: clampOrNull(result.connectMs),
      tlsMs: clampOrNull(result.tlsMs),
      firstByteMs: clampOrNull(result.firstByteMs),
    },
    message: result.message.slice(0, 2000),
    details,
  };
}

/**
 * `regia runner`: the local runner's code (the same scheduler, probes and batch buffer) fed by
 * the runner API instead of the database. Definitions are fetched again every 30 s (304 when
 * unchanged); results go back in batches. When the server cannot be reached or fails (5xx, 429)
 * the buffer keeps the results and retries with backoff, so an outage of the server loses nothing;
 * the server ignores a result it already stored, so sending twice is harmless. A report the
 * server refuses (another 4xx) is logged and dropped.
 */
export class RemoteRunner {
  readonly scheduler: CheckScheduler;
  readonly buffer: ResultBuffer;
  /** who the server says this runner is; known after `start` */
  identity: RunnerIdentity | null = null;
  /** figures for logs and tests */
  readonly counts = { handed: 0, accepted: 0, refused: 0, dropped: 0 };
  private readonly client: RunnerClient;
  private readonly log: Logger;
  private policy: AddressPolicy;
  private readonly isPolicyFixed: boolean;
  private readonly pollEveryMs: number;
  private readonly known = new Map<number, { json: string; check: RunnerCheck }>();
  private version: string | null = null;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private isStopped = false;
  private hasRefused = false;

  constructor(private readonly options: RemoteRunnerOptions) {
    this.log = options.log;
    this.policy = options.policy ?? probePolicy;
    this.isPolicyFixed = options.policy !== undefined;
    this.pollEveryMs = options.pollEveryMs ?? 30_000;
    this.client =
      options.client ??
      createRunnerClient({
        server: options.server,
        token: options.token,
        timeoutMs: options.requestTimeoutMs,
      });
    this.buffer = new ResultBuffer({
      write: async (results) => {
        await this.send(results);
        return [];
      },
      events: new EventBus(),
      log: this.log,
      now: Date.now,
      flushEveryMs: options.flushEveryMs ?? 1000,
    });
    this.scheduler = new CheckScheduler({
      // The server stores results under the location of the token, whatever is said here.
      location: 'remote',
      execute: (check, _plannedAt, signal) => this.execute(check, signal),
      buffer: {
        add: (result) => {
          this.counts.handed += 1;
          this.buffer.add(result);
        },
      },
      log: this.log,
      concurrency: options.concurrency,
    });
  }

  /**
   * Fetches the checks once and starts running them; throws `RunnerRequestError` when the server
   * refuses the token and `RunnerUnreachableError` when it cannot be reached.
   */
  async start(): Promise<RunnerIdentity> {
    await this.poll();
    this.armPoll();
    return this.identity!;
  }

  /** The checks currently scheduled. */
  get checks(): RunnerCheck[] {
    return [...this.known.values()].map((entry) => entry.check);
  }

  /** Fetches the definitions now and upserts or removes them in the scheduler. */
  async poll(): Promise<void> {
    const list = await this.client.fetchChecks(this.version);
    if (list === null || this.isStopped) return;
    this.apply(list, true);
  }

  /** Fetches the checks without running them (for `--location-check`); same errors as `start`. */
  async inspect(): Promise<RunnerIdentity> {
    const list = await this.client.fetchChecks(null);
    if (list === null) throw new RunnerRequestError(304, 'the server answered 304 without a version');
    this.apply(list, false);
    return list.runner;
  }

  /** Runs every known check once now and answers the results (nothing is sent): `--location-check`. */
  async runOnce(concurrency = 20): Promise<{ check: RunnerCheck; result: ProbeResult }[]> {
    const checks = this.checks;
    const out: { check: RunnerCheck; result: ProbeResult }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < checks.length) {
        const check = checks[next++]!;
        out.push({
          check,
          result: await this.execute(toSchedulableCheck(check), new AbortController().signal),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
    return out.sort((a, b) => a.check.id - b.check.id);
  }

  /**
   * Stops polling and scheduling (runs in flight are aborted), then sends what is pending until
   * the deadline. Answers how many results could not be sent.
   */
  async stop(deadlineMs = 10_000): Promise<{ unsent: number }> {
    this.isStopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.polling;
    await this.scheduler.stop();
    if (!this.hasRefused) await this.buffer.drain(deadlineMs);
    await closeSharedConnections();
    return { unsent: this.buffer.size };
  }

  private apply(list: RunnerChecks, schedule: boolean): void {
    const isFirst = this.identity === null;
    this.identity = list.runner;
    this.version = list.version;
    // The server's admin decides where probes may connect, for runners as for the server itself.
    if (!this.isPolicyFixed) this.policy = { ...probePolicy, ...list.probePolicy };
    const seen = new Set<number>();
    let changed = 0;
    for (const check of list.checks) {
      seen.add(check.id);
      const json = JSON.stringify(check);
      if (this.known.get(check.id)?.json === json) continue;
      this.known.set(check.id, { json, check });
      if (schedule) this.scheduler.upsert(toSchedulableCheck(check));
      changed += 1;
    }
    for (const id of [...this.known.keys()]) {
      if (seen.has(id)) continue;
      this.known.delete(id);
      this.scheduler.remove(id);
      changed += 1;
    }
    if (schedule && (isFirst || changed > 0)) {
      this.log.info(
        { runner: list.runner.name, location: list.runner.location, checks: this.known.size, changed },
        isFirst ? 'runner started' : 'check definitions updated',
      );
    }
  }

  private armPoll(): void {
    if (this.isStopped) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error: unknown) => {
          if (error instanceof RunnerRequestError && error.isRefusal) this.refused(error);
          else
            this.log.warn(
              { err: error instanceof Error ? error.message : String(error) },
              'could not fetch the check definitions; the known ones keep running',
            );
        })
        .finally(() => {
          this.polling = undefined;
          this.armPoll();
        });
    }, this.pollEveryMs);
  }

  private execute(check: SchedulableCheck, signal: AbortSignal): Promise<ProbeResult> {
    return runProbe(check.settings, {
      timeoutMs: check.timeoutMs,
      degradedAboveMs: check.degradedAboveMs ?? undefined,
      policy: this.policy,
      signal,
      now: Date.now,
    });
  }

  private async send(results: PendingResult[]): Promise<void> {
    for (let start = 0; start < results.length; start += reportChunk) {
      await this.sendChunk(results.slice(start, start + reportChunk));
    }
  }

  private async sendChunk(chunk: PendingResult[]): Promise<void> {
    if (this.hasRefused) {
      this.counts.dropped += chunk.length;
      return;
    }
    try {
      const ack = await this.client.sendReport(chunk.map(toRunnerResult));
      this.counts.accepted += ack.accepted;
      this.counts.refused += ack.refused.length;
      if (ack.refused.length > 0) {
        const reasons = [...new Set(ack.refused.map((r) => `check ${r.checkId}: ${r.reason}`))].slice(0, 10);
        this.log.warn({ refused: ack.refused.length, reasons }, 'the server refused some results');
      }
    } catch (error) {
      if (!(error instanceof RunnerRequestError) || error.isRetryable) {
        // Kept by the buffer and sent again with backoff; a replay is ignored by the server.
        this.log.warn(
          { err: error instanceof Error ? error.message : String(error), results: chunk.length },
          'could not send results; they are kept and sent again',
        );
        throw error;
      }
      if (error.status === 413 && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        await this.sendChunk(chunk.slice(0, half));
        await this.sendChunk(chunk.slice(half));
        return;
      }
      this.counts.dropped += chunk.length;
      this.log.error(
        { err: error.message, results: chunk.length },
        'the server refused a report; it is dropped',
      );
      if (error.isRefusal) this.refused(error);
    }
  }

  private refused(error: RunnerRequestError): void {
    if (this.hasRefused) return;
    this.hasRefused = true;
    this.log.error({ err: error.message }, 'the server refused the runner token (revoked?); stopping');
    this.options.onRefused?.(error);
  }
}
