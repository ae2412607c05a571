import type { AppContext } from '../../context';
import type { AddressPolicy } from '../../net/address-policy';
import { getOutboundPolicy, webhookPolicyOf } from '../settings/outbound-policy.service';
import { openChannelRow, toRule } from './channel-rows';
import { type OpenChannel, sendToChannel } from './channel-sender';
import { listAllChannelRows, listAllRuleRows } from './notifications.repository';
import type { DeliverableEvent } from './render-notification';
import type { SendOutcome } from './send-outcome';

export interface DegradedAlertOptions {
  /** how often the in-memory copy of channels and rules is re-read, besides after each change */
  refreshMs?: number;
  /** one alert per episode: further storage errors within this time after an alert are the same episode */
  quietMs?: number;
  timeoutMs?: number;
}

interface Snapshot {
  /** enabled channels named by enabled rules that pick `regia.degraded` */
  channels: OpenChannel[];
  policy: AddressPolicy;
}

/**
 * Sends "Regia degraded" when storage fails. The database may be what is failing, so the alert goes
 * straight to the channels (no outbox), from a copy of channels and rules kept in memory and
 * refreshed when they change and periodically. One alert per episode: the result buffer raises
 * `storage.degraded` once per outage, and repeats within `quietMs` are dropped too.
 */
export class DegradedAlerter {
  private snapshot: Snapshot | null = null;
  private lastAlertAt: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private sending: Promise<SendOutcome[]> | undefined;
  private readonly refreshMs: number;
  private readonly quietMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'events' | 'log' | 'secrets' | 'config' | 'now'>,
    options: DegradedAlertOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 60_000;
    this.quietMs = options.quietMs ?? 15 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Reads the first copy and listens for storage errors and configuration changes. */
  async start(): Promise<void> {
    await this.refresh();
    this.unsubscribe.push(
      this.ctx.events.on('storage.degraded', (event) => {
        void this.alert(event.error, event.at);
      }),
      this.ctx.events.on('notifications.changed', () => void this.refresh()),
      this.ctx.events.on('settings.outboundPolicyChanged', () => void this.refresh()),
    );
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.sending;
  }

  /** Re-reads channels, rules and the outbound policy; on a storage error the last copy stays. */
  async refresh(): Promise<void> {
    try {
      const [channelRows, ruleRows, settings] = await Promise.all([
        listAllChannelRows(this.ctx.db),
        listAllRuleRows(this.ctx.db),
        getOutboundPolicy(this.ctx.db),
      ]);
      const wanted = new Set<number>();
      for (const rule of ruleRows.map(toRule)) {
        // The alert concerns no team: rules limited to some teams do not get it, as in the outbox.
        if (!rule.isEnabled || !rule.events.includes('regia.degraded') || rule.teamIds.length > 0) continue;
        for (const id of rule.channelIds) wanted.add(id);
      }
      const channels = channelRows
        .filter((row) => row.isEnabled === 1 && wanted.has(row.id))
        .map((row) => openChannelRow(this.ctx.secrets, row));
      this.snapshot = { channels, policy: webhookPolicyOf(settings) };
    } catch (error) {
      this.ctx.log.warn(
        { err: error },
        'could not refresh the channels for "Regia degraded"; keeping the last copy',
      );
    }
  }

  /** Sends the alert unless one went out for this episode; resolves with each channel's outcome. */
  alert(error: string, at: number): Promise<SendOutcome[]> {
    if (this.lastAlertAt !== null && at - this.lastAlertAt < this.quietMs) return Promise.resolve([]);
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.channels.length === 0) return Promise.resolve([]);
    this.lastAlertAt = at;
    const event: DeliverableEvent = {
      kind: 'regia.degraded',
      key: `regia:degraded:${at}`,
      at,
      severity: 1,
      teamId: null,
      subject: { type: 'system', id: null, name: 'Regia' },
      link: null,
      facts: { error: error.slice(0, 300) },
    };
    this.sending = Promise.all(
      snapshot.channels.map(async (channel) => {
        const outcome = await sendToChannel(channel, event, event.key, {
          policy: snapshot.policy,
          timeoutMs: this.timeoutMs,
          timezone: this.ctx.config.timezone,
          publicUrl: this.ctx.config.publicUrl,
        });
        const log = { channelId: channel.id, outcome: outcome.message };
        if (outcome.isSuccess) this.ctx.log.info(log, '"Regia degraded" alert sent');
        else this.ctx.log.error(log, 'could not send the "Regia degraded" alert');
        return outcome;
      }),
    );
    return this.sending;
  }
}
