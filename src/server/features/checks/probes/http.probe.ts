import { finished, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import type { Client, Dispatcher } from 'undici';
import { type HttpCheckSettings, isExpectedStatus } from '../../../../shared/contracts/check-kinds';
import { resolveChecked } from '../../../net/address-policy';
import { createDeadline } from '../../../net/deadline';
import { OutboundError } from '../../../net/outbound-error';
import {
  allowedSchemes,
  type ConnectionTrace,
  checkScheme,
  createPinnedClient,
  createTrace,
} from '../../../net/pinned-dispatcher';
import { checkBody, needsBody } from './body-assertions';
import {
  describeFailure,
  downResult,
  type ProbeDetails,
  type ProbeOptions,
  type ProbePhases,
  type ProbeResult,
  roundPhases,
  withLatencyVerdict,
} from './probe-result';
import { getSharedConnection } from './shared-connections';

// Closing a fresh client with no reason makes undici build (and format) a new error with a stack
// trace on every run; one shared reason costs nothing.
const probeFinished = new Error('probe finished');

/** Redirects followed at most; one more is a failure. */
export const maxRedirects = 5;
/** Body bytes read at most unless the options say otherwise. */
export const defaultMaxBodyBytes = 1024 * 1024;
const userAgent = 'Regia-Probe/1.0';
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Headers that may follow a redirect to another origin; every other header may hold a secret.
const crossOriginSafeHeaders = new Set(['accept', 'accept-language', 'user-agent']);
const dayMs = 86_400_000;

interface Hop {
  url: URL;
  method: HttpCheckSettings['method'];
  body: string | undefined;
  headers: Record<string, string>;
}

/** Shows a URL without credentials, query or fragment (they may carry tokens). */
function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = { 'user-agent': userAgent, accept: '*/*' };
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The next hop of a redirect, as browsers do it: 303 (and 301/302 after POST) become GET without a body. */
function nextHop(hop: Hop, statusCode: number, location: string): Hop {
  const url = new URL(location, hop.url);
  const becomesGet =
    statusCode === 303
      ? hop.method !== 'HEAD'
      : (statusCode === 301 || statusCode === 302) && hop.method === 'POST';
  const headers =
    url.origin === hop.url.origin
      ? hop.headers
      : Object.fromEntries(Object.entries(hop.headers).filter(([name]) => crossOriginSafeHeaders.has(name)));
  return { url, method: becomesGet ? 'GET' : hop.method, body: becomesGet ? undefined : hop.body, headers };
}

interface BodyRead {
  text: string;
  bytes: number;
  isTruncated: boolean;
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function charsetOf(contentType: string | undefined): string {
  const match = contentType ? /charset=["']?([\w-]+)/i.exec(contentType) : null;
  return match?.[1] ?? 'utf-8';
}

/** Reads at most `limit` bytes of the (decompressed) body, then stops; the rest is never read. */
async function readBodyCapped(
  response: Dispatcher.ResponseData,
  limit: number,
  keepText: boolean,
): Promise<BodyRead> {
  if (!keepText) return drainBody(response, limit);
  const decoder = decoderFor(headerValue(response.headers, 'content-encoding'));
  const source: AsyncIterable<Buffer> = decoder
    ? pipeline(response.body, decoder, () => undefined)
    : response.body;
  const chunks: Buffer[] = [];
  let bytes = 0;
  let isTruncated = false;
  for await (const chunk of source) {
    const room = limit - bytes;
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room));
      bytes += room;
      isTruncated = chunk.length > room;
      if (isTruncated || bytes === limit) {
        isTruncated = true;
        break;
      }
    } else {
      chunks.push(chunk);
      bytes += chunk.length;
    }
  }
  // Stops the transfer when we left early; a no-op when the body was read to its end.
  response.body.destroy();
  const buffer = Buffer.concat(chunks, bytes);
  let text: string;
  try {
    text = new TextDecoder(charsetOf(headerValue(response.headers, 'content-type'))).decode(buffer);
  } catch {
    text = buffer.toString('utf8');
  }
  return { text, bytes, isTruncated };
}

/**
 * Reads a body no assertion looks at: to its end (the total time includes the transfer) or to the
 * cap, counting bytes, with no decompression, copy or decoding — most checks are of this kind.
 */
async function drainBody(response: Dispatcher.ResponseData, limit: number): Promise<BodyRead> {
  const body = response.body;
  let bytes = 0;
  let isTruncated = false;
  let isCapped = false;
  // Data events rather than `for await`: an async iterator costs more than the two-byte body of a
  // typical health endpoint. Errors and early closes reject as the iterator would throw them.
  await new Promise<void>((resolve, reject) => {
    body.on('data', (chunk: Buffer) => {
      if (isCapped) return;
      bytes += chunk.length;
      if (bytes >= limit) {
        isCapped = true;
        isTruncated = bytes > limit;
        bytes = Math.min(bytes, limit);
        resolve();
        body.destroy();
      }
    });
    finished(body, (error) => (error ? reject(error) : resolve()));
  });
  body.destroy();
  return { text: '', bytes, isTruncated };
}

function statusList(expected: HttpCheckSettings['expectedStatus']): string {
  return expected.map(String).join(', ');
}

/**
 * Requests `settings.url` and judges the answer: status, body assertions, latency. Every hop is
 * resolved, checked against the policy and pinned; redirects are followed here (at most 5), not by
 * undici. A fresh connection per run unless `reuseConnection`. Never throws.
 */
export async function runHttpProbe(settings: HttpCheckSettings, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = createDeadline(options.timeoutMs, options.signal);
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const phases: Omit<ProbePhases, 'totalMs'> = {};
  const details: ProbeDetails = {};
  const freshClients: Client[] = [];
  let trace: ConnectionTrace = createTrace();
  if (!URL.canParse(settings.url)) {
    deadline.dispose();
    return downResult(
      `'${settings.url.slice(0, 100)}' is not a valid URL`,
      { totalMs: 0 },
      { internalError: true },
    );
  }
  let hop: Hop = {
    url: new URL(settings.url),
    method: settings.method,
    body: settings.body,
    headers: lowerCaseHeaders(settings.headers),
  };
  let redirects = 0;
  const addPhase = (key: keyof typeof phases, value: number | undefined) => {
    if (value !== undefined) phases[key] = (phases[key] ?? 0) + value;
  };
  // Adds a hop's connection timings once, whether the hop ends in an answer or a failure.
  let isTraceCounted = false;
  const countTrace = () => {
    if (isTraceCounted) return;
    isTraceCounted = true;
    addPhase('connectMs', trace.connectMs);
    addPhase('tlsMs', trace.tlsMs);
  };
  const finish = (status: ProbeResult['status'], message: string): ProbeResult => {
    const totalMs = deadline.elapsedMs();
    const verdict = withLatencyVerdict({ status, message }, totalMs, options.degradedAboveMs);
    const rounded = roundPhases({ ...phases, totalMs });
    return { ...verdict, latencyMs: rounded.totalMs, phases: rounded, details };
  };
  try {
    for (;;) {
      checkScheme(hop.url, allowedSchemes.httpProbe);
      trace = createTrace();
      isTraceCounted = false;
      const resolved = await resolveChecked(hop.url.hostname, options.policy, {
        resolver: options.resolver,
        timeoutMs: deadline.remainingMs(),
        signal: deadline.signal,
      });
      addPhase('dnsMs', resolved.durationMs);
      const client = settings.reuseConnection
        ? sharedClientFor(hop.url, settings, options, trace)
        : createPinnedClient(hop.url.origin, {
            policy: options.policy,
            resolved,
            trace,
            timeoutMs: deadline.remainingMs(),
            signal: deadline.signal,
            deadline,
            verifyTls: settings.verifyTls,
            caPem: options.caPem,
          });
      if (!settings.reuseConnection) freshClients.push(client);
      // On a reused connection nothing is opened unless it was lost: we are waiting for headers.
      trace.phase = settings.reuseConnection ? 'headers' : 'connect';
      const requestStarted = performance.now();
      const response = await client.request({
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method,
        headers: hop.headers,
        body: hop.body,
        signal: deadline.signal,
        // The deadline's signal ends the request; undici's own timers only back it up.
        headersTimeout: deadline.remainingMs() + 1000,
        bodyTimeout: deadline.remainingMs() + 1000,
      });
      const headersAt = performance.now();
      countTrace();
      addPhase('firstByteMs', headersAt - Math.max(requestStarted, trace.readyAt ?? requestStarted));
      recordConnection(details, trace, now());
      const location = headerValue(response.headers, 'location');
      if (settings.followRedirects && redirectStatuses.has(response.statusCode) && location !== undefined) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (redirects >= maxRedirects) return finish('down', `more than ${maxRedirects} redirects`);
        const previous = hop.url;
        try {
          hop = nextHop(hop, response.statusCode, location);
        } catch {
          return finish('down', `redirect from ${displayUrl(previous)} to an invalid URL`);
        }
        redirects += 1;
        details.redirects = redirects;
        continue;
      }
      trace.phase = 'body';
      details.statusCode = response.statusCode;
      if (redirects > 0) details.finalUrl = displayUrl(hop.url);
      const contentType = headerValue(response.headers, 'content-type');
      if (contentType) details.contentType = contentType.slice(0, 100);
      const body = await readBodyCapped(response, limit, needsBody(settings));
      details.bodyBytes = body.bytes;
      if (body.isTruncated) details.bodyTruncated = true;
      return evaluate(settings, response.statusCode, body, deadline.elapsedMs(), finish);
    }
  } catch (error) {
    const failure = describeFailure(error, deadline, trace.phase, hop.url.hostname);
    Object.assign(details, failure.details);
    countTrace();
    const isPolicy =
      error instanceof OutboundError && (error.code === 'address_refused' || error.code === 'scheme_refused');
    const message =
      redirects > 0 && isPolicy && !deadline.isExpired()
        ? `redirect to ${displayUrl(hop.url)} refused: ${failure.message}`
        : redirects > 0
          ? `${failure.message} (after redirect to ${displayUrl(hop.url)})`
          : failure.message;
    const totalMs = deadline.elapsedMs();
    return downResult(message, { ...phases, totalMs }, details);
  } finally {
    deadline.dispose();
    await Promise.allSettled(freshClients.map((client) => client.destroy(probeFinished)));
  }
}

function sharedClientFor(
  url: URL,
  settings: HttpCheckSettings,
  options: ProbeOptions,
  trace: ConnectionTrace,
): Client {
  const connection = getSharedConnection({
    origin: url.origin,
    policy: options.policy,
    resolver: options.resolver,
    verifyTls: settings.verifyTls,
    caPem: options.caPem,
    timeoutMs: options.timeoutMs,
  });
  connection.trace = trace;
  return connection.client;
}

function recordConnection(details: ProbeDetails, trace: ConnectionTrace, nowMs: number): void {
  if (trace.resolvedAddress) details.resolvedAddress = trace.resolvedAddress;
  details.newConnection = trace.connections > 0;
  const session = trace.tls;
  if (!session) return;
  details.tlsProtocol = session.protocol;
  details.tlsAuthorized = session.authorized;
  if (session.authorizationError) details.tlsAuthorizationError = session.authorizationError;
  if (session.certificate)
    details.certificateDaysLeft = Math.floor((session.certificate.validTo - nowMs) / dayMs);
}

function evaluate(
  settings: HttpCheckSettings,
  statusCode: number,
  body: BodyRead,
  elapsedMs: number,
  finish: (status: ProbeResult['status'], message: string) => ProbeResult,
): ProbeResult {
  if (!isExpectedStatus(statusCode, settings.expectedStatus)) {
    return finish('down', `HTTP ${statusCode} (expected ${statusList(settings.expectedStatus)})`);
  }
  if (needsBody(settings)) {
    const failure = checkBody(settings, body.text, body.isTruncated);
    if (failure) return finish('down', failure);
  }
  if (settings.maxLatencyMs !== undefined && elapsedMs > settings.maxLatencyMs) {
    return finish('down', `response took ${Math.round(elapsedMs)} ms (maximum ${settings.maxLatencyMs} ms)`);
  }
  return finish('up', `HTTP ${statusCode} in ${Math.round(elapsedMs)} ms`);
}
