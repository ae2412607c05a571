import type { AddressPolicy } from '../../../net/address-policy';
import type { Deadline } from '../../../net/deadline';
import {
  describeCertificateError,
  describeErrorCode,
  describeTimeout,
  errorCodeOf,
  OutboundError,
  type OutboundPhase,
} from '../../../net/outbound-error';

/** The verdict of one probe run. */
export type ProbeStatus = 'up' | 'degraded' | 'down';

/**
 * Durations of each step, in milliseconds on the monotonic clock. Steps are not cumulative:
 * `firstByteMs` runs from "connection ready" (or the request start, on a reused connection) to
 * the response headers. Over redirects, each step is summed across hops. `totalMs` is the whole run.
 */
export interface ProbePhases {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
}

/** Facts a result carries beside its message: status code, certificate days, loss... */
export type ProbeDetails = Record<string, string | number | boolean | null>;

/** What one check run found. Probes always return one; they never throw. */
export interface ProbeResult {
  status: ProbeStatus;
  /** For a person: "HTTP 503 (expected 200-399)", "connection refused", "timed out after 5000 ms waiting for headers". */
  message: string;
  /** The figure latency thresholds and charts use: total time, or the average round trip for ping. */
  latencyMs: number;
  phases: ProbePhases;
  /**
   * `internalError: true` marks a failure of Regia's side (ping missing, a bug), not of the target;
   * `cancelled: true` marks a run ended by the caller's AbortSignal. Neither should count as the target down.
   */
  details: ProbeDetails;
}

/** Options every probe takes. */
export interface ProbeOptions {
  /** Overall deadline for the run, every step included. */
  timeoutMs: number;
  /** Slower than this is degraded (a check-level setting). */
  degradedAboveMs?: number;
  policy: AddressPolicy;
  /** Aborting ends the run at once with a `cancelled` result (for shutdown). */
  signal?: AbortSignal;
  /** Wall clock for date comparisons (certificate expiry, heartbeats); timings use the monotonic clock. */
  now?: () => number;
  /** Extra trusted CA certificate (PEM) for the http and tls probes, added to the system roots. */
  caPem?: string;
  /** DNS server ("ip" or "ip:port") for resolving targets; the system resolver when absent. */
  resolver?: string;
  /** Cap on the response body read by the http probe (default 1 MiB). */
  maxBodyBytes?: number;
  /** The ping executable (default "ping", looked up in PATH). */
  pingCommand?: string;
}

/** Rounds a duration to the microsecond (ping round trips on a LAN are well below 1 ms). */
export function roundMs(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Rounds every phase present. */
export function roundPhases(phases: ProbePhases): ProbePhases {
  const rounded: ProbePhases = { totalMs: roundMs(phases.totalMs) };
  for (const key of ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs'] as const) {
    const value = phases[key];
    if (value !== undefined) rounded[key] = roundMs(value);
  }
  return rounded;
}

/** Applies the check-level degraded threshold to a result that is otherwise up. */
export function withLatencyVerdict(
  result: Pick<ProbeResult, 'status' | 'message'>,
  latencyMs: number,
  degradedAboveMs: number | undefined,
): Pick<ProbeResult, 'status' | 'message'> {
  if (result.status !== 'up' || degradedAboveMs === undefined || latencyMs <= degradedAboveMs) return result;
  return {
    status: 'degraded',
    message: `slow: ${Math.round(latencyMs)} ms (degraded above ${degradedAboveMs} ms)`,
  };
}

/** A down result for a failure, with the phases measured so far. */
export function downResult(message: string, phases: ProbePhases, details: ProbeDetails = {}): ProbeResult {
  const rounded = roundPhases(phases);
  return { status: 'down', message, latencyMs: rounded.totalMs, phases: rounded, details };
}

/** A down result for a failure of Regia itself, not of the target. */
export function internalErrorResult(
  message: string,
  totalMs: number,
  details: ProbeDetails = {},
): ProbeResult {
  return downResult(message, { totalMs }, { ...details, internalError: true });
}

/**
 * Words an outbound failure for an operator: a timeout names the step it struck in, a cancelled
 * run says so, a policy refusal names the range, socket and TLS codes become plain phrases.
 */
export function describeFailure(
  error: unknown,
  deadline: Deadline,
  phase: OutboundPhase,
  host?: string,
): { message: string; details: ProbeDetails } {
  const code = errorCodeOf(error);
  const details: ProbeDetails = {};
  if (deadline.isCancelled()) return { message: 'the check was cancelled', details: { cancelled: true } };
  // A step's own timer may fire a hair before the overall deadline: both are the run's time limit.
  const isStepTimeout = error instanceof OutboundError && error.code === 'timeout';
  if (
    deadline.isExpired() ||
    isStepTimeout ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    const at = (isStepTimeout ? error.details.phase : undefined) ?? phase;
    return {
      message: describeTimeout(deadline.timeoutMs, at),
      details: { timedOut: true, timeoutPhase: at },
    };
  }
  if (error instanceof OutboundError) {
    if (error.code === 'address_refused') details.addressRefused = true;
    if (error.details.address) details.refusedAddress = error.details.address;
    if (error.details.cause) details.errorCode = error.details.cause;
    return { message: error.message, details };
  }
  if (code) details.errorCode = code;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificateNames(error);
    return { message: `TLS: certificate does not match host '${host ?? '?'}'${names}`, details };
  }
  const known = describeErrorCode(code);
  if (known) return { message: phase === 'body' ? `${known} while reading the body` : known, details };
  if (code && /^[A-Z_]+$/.test(code) && tlsCodePattern.test(code)) {
    return { message: `TLS: ${describeCertificateError(code)}`, details };
  }
  if (code === 'UND_ERR_SOCKET') return { message: closedMessage(phase), details };
  if (code?.startsWith('HPE_')) return { message: 'invalid HTTP response from the server', details };
  if (code?.startsWith('ERR_SSL_') || (phase === 'tls' && error instanceof Error)) {
    return { message: `TLS handshake failed: ${shortReason(error)}`, details };
  }
  return { message: error instanceof Error ? shortReason(error) : String(error), details };
}

const tlsCodePattern = /CERT|ISSUER|SIGNATURE|CHAIN/;

function closedMessage(phase: OutboundPhase): string {
  if (phase === 'body') return 'connection closed by the server while reading the body';
  return 'connection closed by the server before it answered';
}

function certificateNames(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'cert' in error) {
    const cert = (error as { cert?: { subjectaltname?: string } }).cert;
    if (cert?.subjectaltname) return ` (certificate names: ${cert.subjectaltname})`;
  }
  return '';
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // OpenSSL messages carry a long prefix ("C0A7...:error:0A000102:SSL routines::"); keep the reason.
  const reason = text.split('::').pop() ?? text;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}
