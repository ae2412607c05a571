import net from 'node:net';
import tls from 'node:tls';
import type { TlsCheckSettings } from '../../../../shared/contracts/check-kinds';
import { bareHost, resolveChecked } from '../../../net/address-policy';
import { createDeadline } from '../../../net/deadline';
import { describeCertificateError } from '../../../net/outbound-error';
import { connectPinned, createTrace, type TlsSessionInfo } from '../../../net/pinned-dispatcher';
import {
  describeFailure,
  downResult,
  type ProbeDetails,
  type ProbeOptions,
  type ProbeResult,
  type ProbeStatus,
  roundPhases,
  withLatencyVerdict,
} from './probe-result';

const dayMs = 86_400_000;
const protocolRank: Record<string, number> = { SSLv3: 0, TLSv1: 1, 'TLSv1.1': 2, 'TLSv1.2': 3, 'TLSv1.3': 4 };

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The certificate's hostname mismatch, worded; null when it matches. */
function hostnameMismatch(session: TlsSessionInfo, name: string): string | null {
  const certificate = session.peerCertificate;
  if (!certificate) return null;
  if (!tls.checkServerIdentity(name, certificate)) return null;
  const names = certificate.subjectaltname ? ` (certificate names: ${certificate.subjectaltname})` : '';
  return `certificate does not match '${name}'${names}`;
}

/**
 * Connects with TLS and judges the certificate: validity dates, trust chain, host name, protocol
 * version, days left against the warning and critical thresholds. Never throws.
 */
export async function runTlsProbe(settings: TlsCheckSettings, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = createDeadline(options.timeoutMs, options.signal);
  const trace = createTrace();
  const now = options.now ?? Date.now;
  const host = bareHost(settings.host);
  const name = settings.servername ?? host;
  try {
    const resolved = await resolveChecked(host, options.policy, {
      resolver: options.resolver,
      timeoutMs: deadline.remainingMs(),
      signal: deadline.signal,
    });
    trace.dnsMs = resolved.durationMs;
    // Verification is done below, after the handshake, so that every problem gets its own message.
    const socket = await connectPinned(
      { hostname: host, port: settings.port, tls: true, servername: net.isIP(name) === 0 ? name : undefined },
      {
        policy: options.policy,
        resolved,
        trace,
        timeoutMs: deadline.remainingMs(),
        signal: deadline.signal,
        verifyTls: false,
        checkHostname: false,
        caPem: options.caPem,
      },
    );
    socket.destroy();
    const session = trace.tls;
    if (!session) throw new Error('the TLS session was not recorded');
    const mismatch = settings.checkHostname ? hostnameMismatch(session, name) : null;
    const phases = roundPhases({
      dnsMs: trace.dnsMs,
      connectMs: trace.connectMs,
      tlsMs: trace.tlsMs,
      totalMs: deadline.elapsedMs(),
    });
    const details: ProbeDetails = { resolvedAddress: trace.resolvedAddress ?? resolved.address };
    const judged = judgeCertificate(settings, session, mismatch, now(), details);
    const verdict = withLatencyVerdict(judged, phases.totalMs, options.degradedAboveMs);
    return { ...verdict, latencyMs: phases.totalMs, phases, details };
  } catch (error) {
    const failure = describeFailure(error, deadline, trace.phase, host);
    return downResult(
      failure.message,
      { dnsMs: trace.dnsMs, connectMs: trace.connectMs, tlsMs: trace.tlsMs, totalMs: deadline.elapsedMs() },
      failure.details,
    );
  } finally {
    deadline.dispose();
  }
}

function judgeCertificate(
  settings: TlsCheckSettings,
  session: TlsSessionInfo,
  mismatch: string | null,
  nowMs: number,
  details: ProbeDetails,
): { status: ProbeStatus; message: string } {
  details.tlsProtocol = session.protocol;
  details.chainTrusted = session.authorized;
  const certificate = session.certificate;
  if (!certificate) return { status: 'down', message: 'the server presented no certificate' };
  const daysLeft = Math.floor((certificate.validTo - nowMs) / dayMs);
  details.certificateDaysLeft = daysLeft;
  details.validTo = new Date(certificate.validTo).toISOString();
  details.subject = certificate.subject.replaceAll('\n', ', ').slice(0, 200);
  details.issuer = certificate.issuer.replaceAll('\n', ', ').slice(0, 200);
  details.fingerprint256 = certificate.fingerprint256;
  if (certificate.validTo <= nowMs) {
    const ago = Math.max(0, Math.floor((nowMs - certificate.validTo) / dayMs));
    const when = ago === 0 ? 'today' : `${plural(ago, 'day')} ago`;
    return { status: 'down', message: `certificate expired ${when} (${isoDay(certificate.validTo)})` };
  }
  if (certificate.validFrom > nowMs) {
    return { status: 'down', message: `certificate not valid before ${isoDay(certificate.validFrom)}` };
  }
  // The chain error of an expired or not-yet-valid leaf was reported above by date, in plainer words.
  if (
    session.authorizationError &&
    !['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'].includes(session.authorizationError)
  ) {
    details.tlsAuthorizationError = session.authorizationError;
    return {
      status: 'down',
      message: `certificate not trusted: ${describeCertificateError(session.authorizationError)}`,
    };
  }
  if (mismatch) return { status: 'down', message: mismatch };
  if (
    settings.minProtocol &&
    (protocolRank[session.protocol ?? ''] ?? -1) < (protocolRank[settings.minProtocol] ?? 0)
  ) {
    return {
      status: 'down',
      message: `server negotiated ${session.protocol ?? 'an unknown protocol'} (minimum ${settings.minProtocol})`,
    };
  }
  if (daysLeft < settings.criticalDays) {
    return {
      status: 'down',
      message: `certificate expires in ${plural(daysLeft, 'day')} (critical below ${settings.criticalDays})`,
    };
  }
  if (daysLeft < settings.warningDays) {
    return {
      status: 'degraded',
      message: `certificate expires in ${plural(daysLeft, 'day')} (warning below ${settings.warningDays})`,
    };
  }
  return { status: 'up', message: `certificate valid for ${plural(daysLeft, 'more day')}` };
}
