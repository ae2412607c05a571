import { createHmac } from 'node:crypto';
import type { ChannelLanguage, ChannelSettings } from '../../../shared/contracts/notifications';
import { isPersonalEventKind } from '../../../shared/domain/notification-events';
import type { AddressPolicy } from '../../net/address-policy';
import { slackBody, teamsBody, telegramBody, webhookBody } from './channel-payloads';
import { sendEmail } from './email-sender';
import { postJson } from './http-sender';
import { type DeliverableEvent, renderNotification } from './render-notification';
import { failedOutcome, type SendOutcome } from './send-outcome';

/** A channel ready to send: its secrets decrypted (in memory only). */
export interface OpenChannel {
  id: number;
  name: string;
  language: ChannelLanguage;
  settings: ChannelSettings;
}

/** What every send needs besides the channel and the event. */
export interface SendContext {
  policy: AddressPolicy;
  timeoutMs: number;
  timezone: string;
  publicUrl: string | undefined;
  signal?: AbortSignal;
}

/** The signature a webhook receiver recomputes: hex HMAC-SHA256 of "<timestamp>.<body>". */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Sends one event to one channel in the channel's language, once, with the idempotency key; never
 * throws. Retries are the caller's business (the outbox), not this function's.
 */
export async function sendToChannel(
  channel: OpenChannel,
  event: DeliverableEvent,
  idempotencyKey: string,
  context: SendContext,
): Promise<SendOutcome> {
  const isPersonal = isPersonalEventKind(event.kind);
  // A personal email is for its recipients only: never posted to a chat or webhook.
  if (isPersonal && (channel.settings.kind !== 'email' || !event.recipients?.length)) {
    return failedOutcome('a personal email needs an email channel and recipients', 0, true);
  }
  const message = renderNotification(event, {
    language: (isPersonal && event.language) || channel.language,
    timezone: context.timezone,
    publicUrl: context.publicUrl,
  });
  const http = { policy: context.policy, timeoutMs: context.timeoutMs, signal: context.signal };
  const keyHeader = { 'idempotency-key': idempotencyKey };
  const settings = channel.settings;
  switch (settings.kind) {
    case 'email':
      return sendEmail(
        isPersonal && event.recipients ? { ...settings, to: event.recipients } : settings,
        message,
        idempotencyKey,
        http,
      );
    case 'webhook': {
      const body = JSON.stringify(webhookBody(event, message, idempotencyKey, context.publicUrl));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        ...settings.headers,
        ...keyHeader,
        'x-regia-event': event.kind,
        'x-regia-timestamp': timestamp,
      };
      if (settings.signingSecret !== '')
        headers['x-regia-signature'] = signWebhook(settings.signingSecret, timestamp, body);
      const secrets = [settings.signingSecret, ...Object.values(settings.headers)];
      return postJson(settings.url, body, headers, { ...http, secrets });
    }
    case 'slack':
      return postJson(settings.webhookUrl, JSON.stringify(slackBody(message)), keyHeader, {
        ...http,
        secrets: [settings.webhookUrl],
      });
    case 'teams':
      return postJson(settings.webhookUrl, JSON.stringify(teamsBody(message)), keyHeader, {
        ...http,
        secrets: [settings.webhookUrl],
      });
    case 'telegram': {
      const url = `${settings.apiBaseUrl.replace(/\/+$/, '')}/bot${settings.botToken}/sendMessage`;
      return postJson(url, JSON.stringify(telegramBody(message, settings.chatId)), keyHeader, {
        ...http,
        secrets: [settings.botToken],
      });
    }
  }
}
