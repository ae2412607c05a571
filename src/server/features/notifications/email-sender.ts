import { createHash } from 'node:crypto';
import net from 'node:net';
import { createTransport } from 'nodemailer';
import type { EmailChannelSettings } from '../../../shared/contracts/notifications';
import { type AddressPolicy, bareHost, resolveChecked } from '../../net/address-policy';
import { errorCodeOf, OutboundError } from '../../net/outbound-error';
import type { RenderedMessage } from './render-notification';
import { failedOutcome, type SendOutcome } from './send-outcome';

export interface EmailSendOptions {
  policy: AddressPolicy;
  timeoutMs: number;
  signal?: AbortSignal;
}

// SMTP errors that say "this will not work by trying again": a refused login, a rejected sender.
const permanentCodes = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE', 'ETLS']);

function describeSmtpFailure(error: unknown): {
  message: string;
  statusCode: number | null;
  isPermanent: boolean;
} {
  if (error instanceof OutboundError) {
    return { message: error.message, statusCode: null, isPermanent: error.code === 'address_refused' };
  }
  const code = errorCodeOf(error);
  const responseCode =
    typeof error === 'object' &&
    error !== null &&
    'responseCode' in error &&
    typeof error.responseCode === 'number'
      ? error.responseCode
      : null;
  // nodemailer's message quotes the server's reply, never the password.
  const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 300) : String(error);
  const isPermanent =
    (responseCode !== null && responseCode >= 500) || (code !== undefined && permanentCodes.has(code));
  return { message, statusCode: responseCode, isPermanent };
}

/**
 * Sends a message by SMTP. The server's name is resolved and checked against the address policy
 * first, then nodemailer connects to that checked address while TLS still verifies the original name.
 * The idempotency key travels as a header and in the Message-ID, so a mailbox can drop repeats.
 */
export async function sendEmail(
  settings: EmailChannelSettings,
  message: RenderedMessage,
  idempotencyKey: string,
  options: EmailSendOptions,
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const host = bareHost(settings.host);
  let address: string;
  try {
    const resolved = await resolveChecked(host, options.policy, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    address = resolved.address;
  } catch (error) {
    const failure = describeSmtpFailure(error);
    return failedOutcome(failure.message, elapsed(), failure.isPermanent);
  }
  const remaining = Math.max(1000, options.timeoutMs - elapsed());
  const transport = createTransport({
    host: address,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    servername: net.isIP(host) === 0 ? host : undefined,
    tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true },
    auth: settings.username === '' ? undefined : { user: settings.username, pass: settings.password },
    connectionTimeout: remaining,
    greetingTimeout: remaining,
    socketTimeout: remaining,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => transport.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
    const sent = transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: `[Regia] ${message.title}`,
      text: message.text,
      messageId: `<${digest}@regia.notifications>`,
      headers: { 'Idempotency-Key': idempotencyKey, 'Content-Language': message.language },
    });
    // One limit over the whole exchange: nodemailer's own timeouts are per step.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new OutboundError('timeout', `no answer within ${options.timeoutMs} ms`)),
        remaining,
      );
    });
    const info = await Promise.race([sent, expired]);
    const reply = /^(\d{3})/.exec(info.response ?? '');
    return {
      isSuccess: true,
      statusCode: reply ? Number(reply[1]) : null,
      message: `accepted by the SMTP server for ${info.accepted.length} recipient(s)`,
      durationMs: elapsed(),
      retryAfterMs: null,
      isPermanent: false,
    };
  } catch (error) {
    const failure = describeSmtpFailure(error);
    return {
      ...failedOutcome(failure.message, elapsed(), failure.isPermanent),
      statusCode: failure.statusCode,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    transport.close();
  }
}
