import net from 'node:net';
import tls from 'node:tls';
import { Agent, type buildConnector, Client } from 'undici';
import {
  type AddressPolicy,
  bareHost,
  type CheckedAddress,
  type ResolvedTarget,
  resolveChecked,
} from './address-policy';
import type { Deadline } from './deadline';
import { describeTimeout, errorCodeOf, OutboundError, type OutboundPhase } from './outbound-error';

/** URL schemes each kind of outbound request may use; anything else is refused before any I/O. */
export const allowedSchemes = {
  httpProbe: ['http:', 'https:'],
  webhook: ['http:', 'https:'],
} as const satisfies Record<string, readonly string[]>;

/** Throws a 'scheme_refused' OutboundError unless the URL's scheme is in `allowed`. */
export function checkScheme(url: URL, allowed: readonly string[]): void {
  if (!allowed.includes(url.protocol)) {
    const names = allowed.map((scheme) => scheme.replace(':', '')).join(' and ');
    throw new OutboundError(
      'scheme_refused',
      `${url.protocol.replace(':', '')} URLs are refused (${names} only)`,
    );
  }
}

/** The certificate a server presented, reduced to what checks report. */
export interface PeerCertificateSummary {
  subject: string;
  issuer: string;
  subjectAltName: string;
  validFrom: number;
  validTo: number;
  fingerprint256: string;
}

/** What a TLS handshake negotiated and how the certificate verified. */
export interface TlsSessionInfo {
  protocol: string | null;
  authorized: boolean;
  authorizationError: string | null;
  certificate: PeerCertificateSummary | null;
  /** Node's own view of the certificate, for `tls.checkServerIdentity`. */
  peerCertificate: tls.PeerCertificate | null;
}

/**
 * Timings and facts of one connection, filled in as it progresses. Durations are of each step
 * alone (not cumulative), on the monotonic clock; `phase` is the step in progress, so a timeout
 * can say where it struck.
 */
export interface ConnectionTrace {
  phase: OutboundPhase;
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  /** performance.now() when the connection became ready to send. */
  readyAt?: number;
  resolvedAddress?: string;
  connections: number;
  tls?: TlsSessionInfo;
}

/** A fresh trace, at the DNS step. */
export function createTrace(): ConnectionTrace {
  return { phase: 'dns', connections: 0 };
}

/** How to open a pinned connection. */
export interface PinnedConnectOptions {
  policy: AddressPolicy;
  /** DNS server ("ip" or "ip:port"); the system resolver when absent. */
  resolver?: string;
  /** Limit for DNS, connect and TLS together. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Refuse untrusted, expired or wrong-host certificates (default true). */
  verifyTls?: boolean;
  /** Match the certificate against the host (default true); off, `authorizationError` reflects the chain only. */
  checkHostname?: boolean;
  /** Extra trusted CA certificates (PEM), added to Node's root store. */
  caPem?: string;
  minTlsVersion?: tls.SecureVersion;
  /** Addresses already checked by `resolveChecked` with the same policy; skips a second lookup. */
  resolved?: ResolvedTarget;
  trace?: ConnectionTrace;
  /**
   * The caller's overall deadline, when `timeoutMs` and `signal` are its remaining time and its
   * signal: the connection then ends with it, without a timer and an abort controller of its own
   * (the probes make hundreds of connections a second). Its timeouts read as the deadline's.
   */
  deadline?: Deadline;
}

/** Where to connect: the host as written (a name or IP literal), the port, and whether to speak TLS. */
export interface PinnedTarget {
  hostname: string;
  port: number;
  tls: boolean;
  /** SNI and certificate name when it differs from the host (e.g. a Host header on an IP URL). */
  servername?: string;
}

// Failures that say "not this address": try the next one the name resolved to.
const tryNextAddress = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
]);

/**
 * Opens a TCP (and TLS) connection to the address the policy checked, never to a fresh lookup:
 * the host is resolved with `resolveChecked` (or `options.resolved` is used), then each checked
 * address is tried in order. TLS uses the original host name for SNI and certificate matching.
 * Throws OutboundError for policy, DNS and timeout failures, the socket's error otherwise.
 */
export async function connectPinned(
  target: PinnedTarget,
  options: PinnedConnectOptions,
): Promise<net.Socket | tls.TLSSocket> {
  const trace = options.trace ?? createTrace();
  const limit = options.deadline
    ? { signal: options.deadline.signal, dispose: () => undefined }
    : ownLimit(options, trace);
  const { signal } = limit;
  try {
    let resolved = options.resolved;
    if (!resolved) {
      trace.phase = 'dns';
      resolved = await resolveChecked(target.hostname, options.policy, {
        resolver: options.resolver,
        timeoutMs: options.timeoutMs,
        signal,
      });
      trace.dnsMs = (trace.dnsMs ?? 0) + resolved.durationMs;
    }
    trace.phase = 'connect';
    const connectStarted = performance.now();
    const socket = await openFirst(resolved.addresses, target.port, signal);
    trace.connectMs = (trace.connectMs ?? 0) + (performance.now() - connectStarted);
    trace.resolvedAddress = socket.remoteAddress ?? resolved.address;
    trace.connections += 1;
    if (!target.tls) {
      trace.phase = 'headers';
      trace.readyAt = performance.now();
      return socket;
    }
    trace.phase = 'tls';
    const tlsStarted = performance.now();
    const secure = await handshake(socket, target, options, signal);
    trace.tlsMs = (trace.tlsMs ?? 0) + (performance.now() - tlsStarted);
    trace.tls = describeSession(secure);
    trace.phase = 'headers';
    trace.readyAt = performance.now();
    return secure;
  } finally {
    limit.dispose();
  }
}

// The connection's own time limit, also ended by the caller's signal.
function ownLimit(
  options: PinnedConnectOptions,
  trace: ConnectionTrace,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new OutboundError('timeout', describeTimeout(options.timeoutMs, trace.phase), { phase: trace.phase }),
      ),
    options.timeoutMs,
  );
  const onParentAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onParentAbort();
  else options.signal?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onParentAbort);
    },
  };
}

async function openFirst(
  addresses: CheckedAddress[],
  port: number,
  signal: AbortSignal,
): Promise<net.Socket> {
  for (const [index, candidate] of addresses.entries()) {
    try {
      return await openSocket(candidate, port, signal);
    } catch (error) {
      const isLast = index === addresses.length - 1;
      if (isLast || signal.aborted || !tryNextAddress.has(errorCodeOf(error) ?? '')) throw error;
    }
  }
  throw new OutboundError('connect_failed', 'no address to connect to');
}

function openSocket(candidate: CheckedAddress, port: number, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    // An IP host makes net skip its own lookup: the connection goes exactly where the policy looked.
    const socket = net.connect({ host: candidate.address, port, family: candidate.family, noDelay: true });
    const cleanup = () => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(signal.reason);
    };
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function handshake(
  socket: net.Socket,
  target: PinnedTarget,
  options: PinnedConnectOptions,
  signal: AbortSignal,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const host = bareHost(target.hostname);
    const named = target.servername && net.isIP(target.servername) === 0 ? target.servername : host;
    const secure = tls.connect({
      socket,
      // `host` is only the name the certificate is matched against; the socket is already connected.
      host: named,
      servername: net.isIP(named) === 0 ? named : undefined,
      rejectUnauthorized: options.verifyTls ?? true,
      checkServerIdentity: options.checkHostname === false ? () => undefined : tls.checkServerIdentity,
      secureContext: secureContextFor(options.caPem, options.minTlsVersion),
      ALPNProtocols: ['http/1.1'],
    });
    const cleanup = () => {
      secure.off('secureConnect', onSecure);
      secure.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onSecure = () => {
      cleanup();
      resolve(secure);
    };
    const onError = (error: Error) => {
      cleanup();
      secure.destroy();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      secure.destroy();
      reject(signal.reason);
    };
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const secureContexts = new Map<string, tls.SecureContext>();

// Parsing the root store with an extra CA costs tens of milliseconds, so each context is built once.
function secureContextFor(
  caPem: string | undefined,
  minVersion: tls.SecureVersion | undefined,
): tls.SecureContext | undefined {
  if (caPem === undefined && minVersion === undefined) return undefined;
  const key = `${minVersion ?? ''}\n${caPem ?? ''}`;
  let context = secureContexts.get(key);
  if (!context) {
    if (secureContexts.size >= 100) secureContexts.clear();
    context = tls.createSecureContext({
      ca: caPem ? [...tls.rootCertificates, caPem] : undefined,
      minVersion,
    });
    secureContexts.set(key, context);
  }
  return context;
}

function distinguishedName(fields: tls.Certificate | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

/**
 * Reads what a TLS socket negotiated and the certificate it was shown. Call it once per socket:
 * on Node 20 the peer certificate can be read only once reliably (getPeerX509Certificate empties it).
 */
export function describeSession(socket: tls.TLSSocket): TlsSessionInfo {
  const peer = socket.getPeerCertificate();
  const hasCertificate = peer !== null && typeof peer === 'object' && typeof peer.valid_to === 'string';
  return {
    protocol: socket.getProtocol(),
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    certificate: hasCertificate
      ? {
          subject: distinguishedName(peer.subject),
          issuer: distinguishedName(peer.issuer),
          subjectAltName: peer.subjectaltname ?? '',
          validFrom: Date.parse(peer.valid_from),
          validTo: Date.parse(peer.valid_to),
          fingerprint256: peer.fingerprint256,
        }
      : null,
    peerCertificate: hasCertificate ? peer : null,
  };
}

/** Options of a pinned undici connector; `trace` may be a getter when the connector is shared. */
export type PinnedConnectorOptions = Omit<PinnedConnectOptions, 'trace'> & {
  trace?: ConnectionTrace | (() => ConnectionTrace | undefined);
};

/**
 * An undici `connect` function that resolves and checks the origin's host on every new connection
 * and connects to the checked address. Use it for every outbound HTTP request Regia makes.
 */
export function createPinnedConnector(options: PinnedConnectorOptions): buildConnector.connector {
  return (connectOptions, callback) => {
    const trace = typeof options.trace === 'function' ? options.trace() : options.trace;
    const tlsWanted = connectOptions.protocol === 'https:';
    const port = Number(connectOptions.port) || (tlsWanted ? 443 : 80);
    connectPinned(
      { hostname: connectOptions.hostname, port, tls: tlsWanted, servername: connectOptions.servername },
      { ...options, trace },
    ).then(
      (socket) => callback(null, socket),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/**
 * An undici Agent whose every connection is checked against `policy` and pinned (for webhooks and
 * other outbound HTTP). Redirects are not followed by undici; a caller that follows them must
 * check the scheme of each hop (`checkScheme`); the new host is checked when it connects.
 */
export function createPinnedAgent(
  options: PinnedConnectorOptions,
  agentOptions: Omit<Agent.Options, 'connect'> = {},
): Agent {
  return new Agent({ ...agentOptions, connect: createPinnedConnector(options) });
}

/** One undici Client (one connection at a time) to `origin`, connecting through the pinned connector. */
export function createPinnedClient(
  origin: string | URL,
  options: PinnedConnectorOptions,
  clientOptions: Omit<Client.Options, 'connect'> = {},
): Client {
  return new Client(origin, { pipelining: 1, ...clientOptions, connect: createPinnedConnector(options) });
}
