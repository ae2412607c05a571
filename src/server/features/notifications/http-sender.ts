import { request } from 'undici';
import type { AddressPolicy } from '../../net/address-policy';
import { createDeadline } from '../../net/deadline';
import { describeErrorCode, errorCodeOf, OutboundError } from '../../net/outbound-error';
import { allowedSchemes, checkScheme, createPinnedAgent } from '../../net/pinned-dispatcher';
import { failedOutcome, parseRetryAfter, type SendOutcome } from './send-outcome';

export interface HttpSendOptions {
  policy: AddressPolicy;
  /** the whole try: DNS, connect, TLS, headers and body */
  timeoutMs: number;
  /** a shutdown ends the try early */
  signal?: AbortSignal;
  /** secret values (tokens, header values) that must not reach a message even if a receiver echoes them */
  secrets?: string[];
}

const maxErrorBodyBytes = 2048;

// Statuses worth another try: the receiver is busy, overloaded or broken for now.
const retryableClientStatuses = new Set([408, 409, 425, 429]);

/** Reads at most `max` bytes of a body as text and drops the rest. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

function describeFailure(
  error: unknown,
  timeoutMs: number,
  isExpired: boolean,
): { message: string; isPermanent: boolean } {
  if (isExpired) return { message: `no answer within ${timeoutMs} ms`, isPermanent: false };
  if (error instanceof OutboundError) {
    return {
      message: error.message,
      isPermanent: error.code === 'address_refused' || error.code === 'scheme_refused',
    };
  }
  const code = errorCodeOf(error);
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return { message: `no answer within ${timeoutMs} ms`, isPermanent: false };
  }
  const words = describeErrorCode(code);
  if (words) return { message: words, isPermanent: false };
  // The cause of a failed connect is the OutboundError the pinned connector raised.
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof OutboundError) return describeFailure(cause, timeoutMs, false);
  return { message: error instanceof Error ? error.message : String(error), isPermanent: false };
}

/**
 * Slack, Teams and Telegram URLs carry credentials: an error message never repeats the URL, its path
 * or a secret, even when a receiver echoes them back.
 */
function redact(message: string, url: URL, secrets: string[] = []): string {
  let text = message.replaceAll(url.href, '[url]');
  if (url.pathname.length > 1) text = text.replaceAll(url.pathname, '[path]');
  for (const secret of secrets) if (secret.length >= 4) text = text.replaceAll(secret, '[secret]');
  return text;
}

/**
 * POSTs a JSON body through the pinned connector (address policy checked after DNS, connection to
 * the checked address), without following redirects, within one time limit. Messages never
 * carry the URL, so a secret URL never reaches the delivery log.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: HttpSendOptions,
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = new URL(url);
    checkScheme(target, allowedSchemes.webhook);
  } catch (error) {
    return failedOutcome(error instanceof OutboundError ? error.message : 'not a valid URL', elapsed(), true);
  }
  const deadline = createDeadline(options.timeoutMs, options.signal);
  const agent = createPinnedAgent(
    { policy: options.policy, timeoutMs: options.timeoutMs, signal: deadline.signal },
    { connections: 1, pipelining: 0 },
  );
  try {
    const response = await request(target, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Regia notifications',
        ...headers,
      },
      body,
      signal: deadline.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const text = await readCapped(response.body, maxErrorBodyBytes);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      return {
        isSuccess: true,
        statusCode: status,
        message: `HTTP ${status}`,
        durationMs: elapsed(),
        retryAfterMs: null,
        isPermanent: false,
      };
    }
    const detail = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const isRedirect = status >= 300 && status < 400;
    return {
      isSuccess: false,
      statusCode: status,
      message: redact(
        `HTTP ${status}${isRedirect ? ' (redirects are not followed)' : ''}${detail ? `: ${detail}` : ''}`,
        target,
        options.secrets,
      ),
      durationMs: elapsed(),
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()),
      isPermanent: status >= 300 && status < 500 && !retryableClientStatuses.has(status),
    };
  } catch (error) {
    const { message, isPermanent } = describeFailure(error, options.timeoutMs, deadline.isExpired());
    return failedOutcome(redact(message, target, options.secrets), elapsed(), isPermanent);
  } finally {
    deadline.dispose();
    void agent.destroy().catch(() => undefined);
  }
}
