import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import type { AddressPolicy } from '../../net/address-policy';
import { getOutboundPolicy, webhookPolicyOf } from '../settings/outbound-policy.service';
import { openChannelRow } from './channel-rows';
import { sendToChannel } from './channel-sender';
import { type BackoffSettings, defaultBackoff, nextRetryDelayMs } from './delivery-backoff';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimDueDeliveries,
  findChannelRow,
  recordAttempt,
} from './notifications.repository';
import type { DeliverableEvent } from './render-notification';
import { failedOutcome, type SendOutcome } from './send-outcome';

export interface DeliveryWorkerOptions {
  /** this worker's name in leases; unique per process */
  owner?: string;
  /** how often to look for due rows when nothing wakes the worker */
  pollIntervalMs?: number;
  /** the limit of one try (DNS, connect, TLS, answer) */
  timeoutMs?: number;
  /** how long a claim holds; past it another worker may take the row (a killed process's rows) */
  leaseMs?: number;
  /** tries in flight per channel: a slow channel fills its own lane, never the others' */
  perChannelConcurrency?: number;
  /** how many due rows one claim looks at */
  claimLimit?: number;
  backoff?: Partial<BackoffSettings>;
}

/**
 * Delivers the outbox. Each tick claims due rows under a lease (skipping channels whose lane is
 * full), and each row is sent outside any transaction, in its channel's lane, then logged and moved
 * on: delivered, retried later with backoff (honouring Retry-After), or dead after the last try.
 * A row whose worker died is claimed again once its lease expires, so delivery is at least once;
 * the idempotency key lets receivers drop the rare repeat.
 */
export class DeliveryWorker {
  readonly owner: string;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly perChannel: number;
  private readonly claimLimit: number;
  private readonly backoff: BackoffSettings;
  private readonly lanes = new Map<number, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private wakeAgain = false;
  private isStopped = true;

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'dialect' | 'log' | 'now' | 'secrets' | 'config'>,
    options: DeliveryWorkerOptions = {},
  ) {
    this.owner = options.owner ?? `notifications-${randomUUID()}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Longer than any try can last, so a live worker never loses a row it is still sending.
    this.leaseMs = options.leaseMs ?? this.timeoutMs * 3 + 5000;
    this.perChannel = options.perChannelConcurrency ?? 2;
    this.claimLimit = options.claimLimit ?? 100;
    this.backoff = { ...defaultBackoff, ...options.backoff };
  }

  /** Starts polling; `wake` makes it look at once (after a commit that queued something). */
  start(): void {
    this.isStopped = false;
    this.schedule(0);
  }

  /** Looks for due rows now rather than at the next poll. */
  wake(): void {
    if (this.isStopped) return;
    if (this.ticking) this.wakeAgain = true;
    else this.schedule(0);
  }

  /** Stops claiming and waits for the tries in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.idle();
  }

  /** Resolves when no try is in flight (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.isStopped) return;
    this.ticking = this.claimAndStart().then(
      () => undefined,
      (error: unknown) =>
        this.ctx.log.warn({ err: error }, 'could not read the notification outbox; trying again'),
    );
    await this.ticking;
    this.ticking = undefined;
    if (this.isStopped) return;
    const again = this.wakeAgain;
    this.wakeAgain = false;
    this.schedule(again ? 0 : this.pollIntervalMs);
  }

  /** Claims what this worker has room for and starts sending it; returns how many rows it took. */
  async claimAndStart(): Promise<number> {
    const skipChannelIds = [...this.lanes].filter(([, busy]) => busy >= this.perChannel).map(([id]) => id);
    const claimed = await claimDueDeliveries(this.ctx.db, this.ctx.dialect, {
      owner: this.owner,
      now: this.ctx.now(),
      leaseMs: this.leaseMs,
      limit: this.claimLimit,
      skipChannelIds,
      pick: (candidates) => this.pickWithRoom(candidates),
    });
    if (claimed.length === 0) return 0;
    const policy = webhookPolicyOf(await getOutboundPolicy(this.ctx.db));
    for (const row of claimed) {
      this.lanes.set(row.channelId, (this.lanes.get(row.channelId) ?? 0) + 1);
      const running = this.deliver(row, policy).finally(() => {
        this.inFlight.delete(running);
        const left = (this.lanes.get(row.channelId) ?? 1) - 1;
        if (left <= 0) this.lanes.delete(row.channelId);
        else this.lanes.set(row.channelId, left);
        // A lane has room again: rows of that channel may be waiting.
        this.wake();
      });
      this.inFlight.add(running);
    }
    return claimed.length;
  }

  private pickWithRoom(candidates: ClaimedDelivery[]): ClaimedDelivery[] {
    const room = new Map<number, number>();
    const chosen: ClaimedDelivery[] = [];
    for (const row of candidates) {
      const free = room.get(row.channelId) ?? this.perChannel - (this.lanes.get(row.channelId) ?? 0);
      if (free <= 0) continue;
      room.set(row.channelId, free - 1);
      chosen.push(row);
    }
    return chosen;
  }

  private async deliver(row: ClaimedDelivery, policy: AddressPolicy): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.send(row, policy);
    } catch (error) {
      // Storage failed while reading the channel: the lease runs out and the row is tried again.
      this.ctx.log.warn({ err: error, outboxId: row.id }, 'could not read a notification channel');
      return;
    }
    const attempt = row.attempts + 1;
    let next: AttemptRecord['next'];
    if (outcome.isSuccess) next = { status: 'delivered' };
    else if (outcome.isPermanent || attempt >= this.backoff.maxAttempts) next = { status: 'dead' };
    else {
      next = {
        status: 'pending',
        nextAttemptAt: this.ctx.now() + nextRetryDelayMs(attempt, outcome.retryAfterMs, this.backoff),
      };
    }
    try {
      await recordAttempt(this.ctx.db, {
        outboxId: row.id,
        owner: this.owner,
        at: this.ctx.now(),
        isSuccess: outcome.isSuccess,
        statusCode: outcome.statusCode,
        message: outcome.message,
        durationMs: outcome.durationMs,
        next,
      });
    } catch (error) {
      // The lease runs out and the row is tried again: a repeat the idempotency key absorbs.
      this.ctx.log.warn({ err: error, outboxId: row.id }, 'could not record a notification attempt');
    }
    if (next.status === 'dead') {
      this.ctx.log.warn(
        { outboxId: row.id, channelId: row.channelId, attempts: attempt, reason: outcome.message },
        'notification dead after its last try',
      );
    }
  }

  private async send(row: ClaimedDelivery, policy: AddressPolicy): Promise<SendOutcome> {
    const channelRow = await findChannelRow(this.ctx.db, row.channelId);
    if (!channelRow) return failedOutcome('the channel no longer exists', 0, true);
    try {
      const channel = openChannelRow(this.ctx.secrets, channelRow);
      const event = JSON.parse(row.payload) as DeliverableEvent;
      return await sendToChannel(channel, event, row.idempotencyKey, {
        policy,
        timeoutMs: this.timeoutMs,
        timezone: this.ctx.config.timezone,
        publicUrl: this.ctx.config.publicUrl,
      });
    } catch (error) {
      // A payload or secret that cannot be read will not read better later.
      this.ctx.log.warn({ err: error, outboxId: row.id }, 'could not prepare a notification');
      return failedOutcome('the notification could not be prepared', 0, true);
    }
  }
}
