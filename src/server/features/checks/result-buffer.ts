import type { Logger } from 'pino';
import type { EventBus } from '../../events';
import type { PendingResult, StateChange } from './result-recorder';

export interface ResultBufferOptions {
  /** writes a batch in one transaction; throws on a storage error */
  write(results: PendingResult[]): Promise<StateChange[]>;
  events: EventBus;
  log: Logger;
  now(): number;
  /** flush at least this often (ms) */
  flushEveryMs?: number;
  /** flush at once past this many pending results; also the most one transaction writes */
  maxBatch?: number;
}

/**
 * Collects results and writes them in batches, so a thousand checks cost a few transactions a
 * second rather than a thousand. When the database fails (busy, disk full) the results stay in the
 * buffer and are retried with backoff: a storage error is Regia's problem, never recorded as a
 * target being down. One "storage degraded" event is raised per outage, not one per batch.
 */
export class ResultBuffer {
  private pending: PendingResult[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private isDegraded = false;
  private readonly flushEveryMs: number;
  private readonly maxBatch: number;

  constructor(private readonly options: ResultBufferOptions) {
    this.flushEveryMs = options.flushEveryMs ?? 250;
    this.maxBatch = options.maxBatch ?? 250;
  }

  get size(): number {
    return this.pending.length;
  }

  add(result: PendingResult): void {
    this.pending.push(result);
    if (this.pending.length >= this.maxBatch && this.failures === 0) void this.flush();
    else this.arm(this.failures === 0 ? this.flushEveryMs : this.backoffMs());
  }

  /** Writes everything pending now; resolves when written or when the write failed (kept for retry). */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    this.flushing = this.writePending();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Flushes until empty or until the deadline; for shutdown. */
  async drain(deadlineMs: number): Promise<void> {
    const until = Date.now() + deadlineMs;
    while (this.pending.length > 0 && Date.now() < until) {
      await this.flush();
      if (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.timer) clearTimeout(this.timer);
  }

  private async writePending(): Promise<void> {
    // One transaction holds the event loop on SQLite (the driver is synchronous): keep each short,
    // and let timers and sockets run between them, so a backlog does not stall the scheduler.
    const batch = this.pending.splice(0, this.maxBatch);
    try {
      const changes = await this.options.write(batch);
      this.failures = 0;
      if (this.isDegraded) {
        this.isDegraded = false;
        this.options.log.info('storage recovered; results are written again');
      }
      for (const change of changes) this.options.events.emit('check.stateChanged', change);
      for (const result of batch) {
        this.options.events.emit('check.result', {
          checkId: result.checkId,
          status: result.status,
          at: result.startedAt,
          latencyMs: result.latencyMs,
          message: result.message,
        });
      }
    } catch (error) {
      this.pending = batch.concat(this.pending);
      this.failures += 1;
      if (!this.isDegraded) {
        this.isDegraded = true;
        this.options.log.error(
          { err: error },
          'storage error while writing check results; they are kept and retried',
        );
        this.options.events.emit('storage.degraded', { error: String(error), at: this.options.now() });
      }
    }
    if (this.pending.length > 0 && this.failures === 0) await new Promise((resolve) => setImmediate(resolve));
    if (this.pending.length > 0) this.arm(this.failures === 0 ? 0 : this.backoffMs());
  }

  private backoffMs(): number {
    return Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
  }

  private arm(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }
}
