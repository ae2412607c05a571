import type { Channel, NewChannelInput, NewRuleInput, Rule } from '../../../shared/contracts/notifications';
import type { NotificationEvent } from '../../../shared/domain/notification-events';
import type { AppContext } from '../../context';
import { updateOutboundPolicy } from '../settings/outbound-policy.service';
import { createChannel } from './channels.service';
import { queueNotification } from './notification-queue';
import { createRule } from './rules.service';

// Factories shared by the notification tests: channels, rules and events with unique names.

export const system = { userId: null, label: 'test' };
let sequence = 0;

/** Lets notification webhooks reach 127.0.0.1, where the tests' receivers listen. */
export async function allowLoopbackWebhooks(ctx: AppContext): Promise<void> {
  await updateOutboundPolicy(ctx, system, {
    probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] },
    webhooks: { allowedCidrs: ['127.0.0.1/32'] },
  });
}

/** A webhook channel to `url`; every call gets a unique name. */
export function buildWebhookChannel(url: string, overrides: Partial<NewChannelInput> = {}): NewChannelInput {
  sequence += 1;
  return {
    name: `hook-${sequence}-${Date.now()}`,
    settings: { kind: 'webhook', url, signingSecret: 'shh-signing-secret', headers: {} },
    ...overrides,
  };
}

export function createWebhookChannel(
  ctx: AppContext,
  url: string,
  overrides: Partial<NewChannelInput> = {},
): Promise<Channel> {
  return createChannel(ctx, system, buildWebhookChannel(url, overrides));
}

/** A rule sending every event kind of every team to the channels. */
export function createRuleFor(
  ctx: AppContext,
  channelIds: number[],
  overrides: Partial<NewRuleInput> = {},
): Promise<Rule> {
  sequence += 1;
  return createRule(ctx, system, {
    name: `rule-${sequence}-${Date.now()}`,
    events: ['check.down', 'check.up', 'incident.opened', 'regia.degraded'],
    channelIds,
    ...overrides,
  });
}

/** A check-down event with a unique key. */
export function buildEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  sequence += 1;
  return {
    kind: 'check.down',
    key: `check:${sequence}:down:${Date.now()}`,
    at: Date.UTC(2026, 10, 25, 9, 0, 0),
    severity: 2,
    teamId: null,
    subject: { type: 'check', id: sequence, name: `ERP login ${sequence}` },
    link: `/checks/${sequence}`,
    facts: { message: 'connection refused' },
    ...overrides,
  };
}

/** Queues an event in a transaction of its own, as a feature recording a fact would. */
export function queue(ctx: AppContext, event: NotificationEvent, now = ctx.now()): Promise<number> {
  return ctx.db.transaction().execute((trx) => queueNotification(trx, event, now));
}
