import type { z } from 'zod';
import {
  type Channel,
  ChannelListQuery,
  type ChannelPage,
  type ChannelTestOutcome,
  NewChannel,
  type NewChannelInput,
  UpdateChannel,
  type UpdateChannelInput,
} from '../../../shared/contracts/notifications';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { getOutboundPolicy, webhookPolicyOf } from '../settings/outbound-policy.service';
import { openChannelRow, storedSettingsOf, toChannel } from './channel-rows';
import { sealChannelSettings } from './channel-secrets';
import { sendToChannel } from './channel-sender';
import { assertCanManageNotifications, type NotificationActor } from './notifications.policy';
import {
  deleteChannelRow,
  findChannelRow,
  insertAttemptRow,
  insertChannelRow,
  insertOutboxRow,
  listAllRuleRows,
  listChannelRows,
  updateChannelRow,
  updateRuleRow,
} from './notifications.repository';
import type { DeliverableEvent } from './render-notification';
import { assertNameFree, withNameConflict } from './unique-names';

/** How long "send test" waits for the channel. */
export const testSendTimeoutMs = 10_000;

async function findChannelIn(db: Db, id: number): Promise<Channel> {
  const row = await findChannelRow(db, id);
  if (!row) throw notFound('channel');
  return toChannel(row);
}

/** Tells the delivery job (and the in-memory copy for "Regia degraded") that something changed. */
export function announceNotificationChange(ctx: Pick<AppContext, 'events' | 'now'>): void {
  ctx.events.emit('notifications.changed', { at: ctx.now() });
}

/** One page of channels, secrets masked. */
export async function listChannels(
  ctx: AppContext,
  actor: NotificationActor,
  query: z.input<typeof ChannelListQuery> = {},
): Promise<ChannelPage> {
  assertCanManageNotifications(actor);
  const { page, pageSize } = parseInput(ChannelListQuery, query, 'querystring');
  const { rows, total } = await listChannelRows(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize });
  return { rows: rows.map(toChannel), total, page, pageSize };
}

/** One channel, secrets masked; 404 when there is none. */
export async function getChannel(ctx: AppContext, actor: NotificationActor, id: number): Promise<Channel> {
  assertCanManageNotifications(actor);
  return findChannelIn(ctx.db, id);
}

/** Creates a channel with its secrets encrypted; audited (secrets masked in the record). */
export async function createChannel(
  ctx: AppContext,
  actor: NotificationActor,
  input: NewChannelInput,
): Promise<Channel> {
  assertCanManageNotifications(actor);
  const channel = parseInput(NewChannel, input, 'body');
  const settings = sealChannelSettings(ctx.secrets, channel.settings);
  const now = ctx.now();
  const created = await withNameConflict('channel', channel.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, 'channel', channel.name);
      const id = await insertChannelRow(trx, {
        name: channel.name,
        kind: settings.kind,
        settings: JSON.stringify(settings),
        language: channel.language,
        isEnabled: channel.isEnabled ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      });
      const after = await findChannelIn(trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'notificationChannel.create',
        entityType: 'notificationChannel',
        entityId: id,
        after,
      });
      return after;
    }),
  );
  announceNotificationChange(ctx);
  return created;
}

/**
 * Changes a channel. New settings replace the old ones whole, of the same kind; a secret sent back
 * as "********" keeps its stored value. A change that changes nothing is not written.
 */
export async function updateChannel(
  ctx: AppContext,
  actor: NotificationActor,
  id: number,
  input: UpdateChannelInput,
): Promise<Channel> {
  assertCanManageNotifications(actor);
  const change = parseInput(UpdateChannel, input, 'body');
  const updated = await withNameConflict('channel', change.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findChannelRow(trx, id);
      if (!row) throw notFound('channel');
      const before = toChannel(row);
      const stored = storedSettingsOf(row);
      const values: Parameters<typeof updateChannelRow>[2] = {};
      if (change.name !== undefined && change.name !== row.name) {
        await assertNameFree(trx, 'channel', change.name, id);
        values.name = change.name;
      }
      if (change.language !== undefined && change.language !== row.language)
        values.language = change.language;
      if (change.isEnabled !== undefined && (change.isEnabled ? 1 : 0) !== row.isEnabled) {
        values.isEnabled = change.isEnabled ? 1 : 0;
      }
      if (change.settings !== undefined) {
        if (change.settings.kind !== stored.kind) {
          throw appError('validation_failed', phrase('notifications.channelKeepsKind'), [
            {
              path: 'body.settings.kind',
              message: phrase('notifications.issueChannelKind', { kind: stored.kind }),
            },
          ]);
        }
        const sealed = sealChannelSettings(ctx.secrets, change.settings, stored);
        const serialised = JSON.stringify(sealed);
        if (serialised !== row.settings) values.settings = serialised;
      }
      if (Object.keys(values).length === 0) return before;
      await updateChannelRow(trx, id, { ...values, updatedAt: ctx.now() });
      const after = await findChannelIn(trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'notificationChannel.update',
        entityType: 'notificationChannel',
        entityId: id,
        before,
        // A new secret shows as "********" on both sides: the record says a secret field changed.
        after: values.settings !== undefined ? { ...after, secretsChanged: true } : after,
      });
      return after;
    }),
  );
  announceNotificationChange(ctx);
  return updated;
}

/** Deletes a channel with its delivery log, and takes it out of every rule; audited. */
export async function deleteChannel(ctx: AppContext, actor: NotificationActor, id: number): Promise<void> {
  assertCanManageNotifications(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findChannelIn(trx, id);
    for (const rule of await listAllRuleRows(trx)) {
      const channelIds = JSON.parse(rule.channelIds) as number[];
      if (!channelIds.includes(id)) continue;
      await updateRuleRow(trx, rule.id, {
        channelIds: JSON.stringify(channelIds.filter((channelId) => channelId !== id)),
        updatedAt: ctx.now(),
      });
    }
    await deleteChannelRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'notificationChannel.delete',
      entityType: 'notificationChannel',
      entityId: id,
      before,
    });
  });
  announceNotificationChange(ctx);
}

/**
 * "Send test": sends a test message to the channel at once (outside the outbox and its retries),
 * logs the one try in the delivery log, and answers with the outcome so the person sees it.
 */
export async function sendChannelTest(
  ctx: AppContext,
  actor: NotificationActor,
  id: number,
  options: { timeoutMs?: number } = {},
): Promise<ChannelTestOutcome> {
  assertCanManageNotifications(actor);
  const row = await findChannelRow(ctx.db, id);
  if (!row) throw notFound('channel');
  const now = ctx.now();
  const event: DeliverableEvent = {
    kind: 'test',
    key: `test:${id}:${now}:${Math.random().toString(36).slice(2, 10)}`,
    at: now,
    severity: 4,
    teamId: null,
    subject: { type: 'system', id: null, name: row.name },
    link: '/notifications',
    facts: { channel: row.name },
  };
  const policy = webhookPolicyOf(await getOutboundPolicy(ctx.db));
  const outcome = await sendToChannel(openChannelRow(ctx.secrets, row), event, event.key, {
    policy,
    timeoutMs: options.timeoutMs ?? testSendTimeoutMs,
    timezone: ctx.config.timezone,
    publicUrl: ctx.config.publicUrl,
  });
  const at = ctx.now();
  const deliveryId = await ctx.db.transaction().execute(async (trx) => {
    const outboxId = await insertOutboxRow(trx, {
      channelId: id,
      eventKind: 'test',
      idempotencyKey: event.key,
      payload: JSON.stringify(event),
      status: outcome.isSuccess ? 'delivered' : 'failed',
      attempts: 1,
      nextAttemptAt: at,
      leaseOwner: null,
      leaseUntil: null,
      lastError: outcome.isSuccess ? null : outcome.message.slice(0, 2000),
      createdAt: now,
      deliveredAt: outcome.isSuccess ? at : null,
    });
    await insertAttemptRow(trx, {
      outboxId,
      at,
      isSuccess: outcome.isSuccess,
      statusCode: outcome.statusCode,
      message: outcome.message,
      durationMs: outcome.durationMs,
    });
    return outboxId;
  });
  return {
    isSuccess: outcome.isSuccess,
    statusCode: outcome.statusCode,
    message: outcome.message,
    durationMs: Math.round(outcome.durationMs),
    deliveryId,
  };
}
