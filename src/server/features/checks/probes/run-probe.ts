import type { CheckSettings } from '../../../../shared/contracts/check-kinds';
import { runDnsProbe } from './dns.probe';
import { evaluateHeartbeat } from './heartbeat';
import { runHttpProbe } from './http.probe';
import { runPingProbe } from './ping.probe';
import { internalErrorResult, type ProbeOptions, type ProbeResult } from './probe-result';
import { runTcpProbe } from './tcp.probe';
import { runTlsProbe } from './tls.probe';

export { closeSharedConnections } from './shared-connections';

/** What a heartbeat check is judged from: beats are received elsewhere, not probed. */
export interface HeartbeatState {
  lastBeatAt: number | null;
  expectedEveryMs: number;
}

async function dispatch(
  settings: CheckSettings,
  options: ProbeOptions,
  heartbeat?: HeartbeatState,
): Promise<ProbeResult> {
  switch (settings.kind) {
    case 'http':
      return runHttpProbe(settings, options);
    case 'tcp':
      return runTcpProbe(settings, options);
    case 'dns':
      return runDnsProbe(settings, options);
    case 'tls':
      return runTlsProbe(settings, options);
    case 'ping':
      return runPingProbe(settings, options);
    case 'heartbeat':
      if (!heartbeat) return internalErrorResult('a heartbeat check needs its last beat to be judged', 0);
      return evaluateHeartbeat(
        heartbeat.lastBeatAt,
        heartbeat.expectedEveryMs,
        settings.graceSeconds * 1000,
        (options.now ?? Date.now)(),
      );
  }
}

/**
 * Runs one check of any kind and returns its result; never throws (an unexpected error becomes a
 * down result marked `internalError`, which the caller should not count against the target).
 */
export async function runProbe(
  settings: CheckSettings,
  options: ProbeOptions,
  heartbeat?: HeartbeatState,
): Promise<ProbeResult> {
  const started = performance.now();
  try {
    return await dispatch(settings, options, heartbeat);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return internalErrorResult(
      `probe failed unexpectedly: ${reason.slice(0, 200)}`,
      performance.now() - started,
    );
  }
}
