import type { TcpCheckSettings } from '../../../../shared/contracts/check-kinds';
import { resolveChecked } from '../../../net/address-policy';
import { createDeadline } from '../../../net/deadline';
import { connectPinned, createTrace } from '../../../net/pinned-dispatcher';
import {
  describeFailure,
  downResult,
  type ProbeOptions,
  type ProbeResult,
  roundPhases,
  withLatencyVerdict,
} from './probe-result';

/** Opens a TCP connection to the checked address and closes it at once. Never throws. */
export async function runTcpProbe(settings: TcpCheckSettings, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = createDeadline(options.timeoutMs, options.signal);
  const trace = createTrace();
  try {
    const resolved = await resolveChecked(settings.host, options.policy, {
      resolver: options.resolver,
      timeoutMs: deadline.remainingMs(),
      signal: deadline.signal,
    });
    trace.dnsMs = resolved.durationMs;
    const socket = await connectPinned(
      { hostname: settings.host, port: settings.port, tls: false },
      { policy: options.policy, resolved, trace, timeoutMs: deadline.remainingMs(), signal: deadline.signal },
    );
    socket.destroy();
    const phases = roundPhases({
      dnsMs: trace.dnsMs,
      connectMs: trace.connectMs,
      totalMs: deadline.elapsedMs(),
    });
    const verdict = withLatencyVerdict(
      { status: 'up', message: `connected to port ${settings.port} in ${Math.round(phases.totalMs)} ms` },
      phases.totalMs,
      options.degradedAboveMs,
    );
    return {
      ...verdict,
      latencyMs: phases.totalMs,
      phases,
      details: { resolvedAddress: trace.resolvedAddress ?? resolved.address },
    };
  } catch (error) {
    const failure = describeFailure(error, deadline, trace.phase, settings.host);
    return downResult(
      failure.message,
      { dnsMs: trace.dnsMs, connectMs: trace.connectMs, totalMs: deadline.elapsedMs() },
      failure.details,
    );
  } finally {
    deadline.dispose();
  }
}
