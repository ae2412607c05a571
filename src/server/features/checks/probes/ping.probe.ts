import { spawn } from 'node:child_process';
import { isValidHost, type PingCheckSettings } from '../../../../shared/contracts/check-kinds';
import { resolveChecked } from '../../../net/address-policy';
import { createDeadline } from '../../../net/deadline';
import { errorCodeOf } from '../../../net/outbound-error';
import {
  describeFailure,
  downResult,
  internalErrorResult,
  type ProbeOptions,
  type ProbeResult,
  roundMs,
  roundPhases,
  withLatencyVerdict,
} from './probe-result';

const maxOutputBytes = 64 * 1024;

/** What `ping` reported: packets, loss and round trips (null when nothing came back). */
export interface PingSummary {
  transmitted: number;
  received: number;
  lossPercent: number;
  rtt: { minMs: number; avgMs: number; maxMs: number } | null;
}

/** Reads the summary lines of iputils (and busybox) ping; null when they are missing. */
export function parsePingOutput(output: string): PingSummary | null {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  if (!counts) return null;
  const transmitted = Number(counts[1]);
  const received = Number(counts[2]);
  const loss = /([\d.]+)% packet loss/.exec(output);
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/\w+)? = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(output);
  return {
    transmitted,
    received,
    lossPercent: loss
      ? Number(loss[1])
      : transmitted === 0
        ? 100
        : ((transmitted - received) / transmitted) * 100,
    rtt: rtt ? { minMs: Number(rtt[1]), avgMs: Number(rtt[2]), maxMs: Number(rtt[3]) } : null,
  };
}

/**
 * The argument array for ping: numeric output, a count, an interval of 0.2 s (the least a
 * non-root user may ask), and waits that end before our own deadline so ping reports its summary.
 */
export function buildPingArguments(
  address: string,
  family: 4 | 6,
  count: number,
  timeoutMs: number,
): string[] {
  const seconds = String(Math.max(1, Math.floor((timeoutMs - 200) / 1000)));
  return ['-n', `-${family}`, '-c', String(count), '-i', '0.2', '-W', seconds, '-w', seconds, address];
}

interface PingRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runPing(command: string, args: string[], signal: AbortSignal): Promise<PingRun> {
  return new Promise((resolve, reject) => {
    // An argument array and no shell: nothing in the host can become a second command.
    const child = spawn(command, args, {
      shell: false,
      signal,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < maxOutputBytes) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < maxOutputBytes) stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Pings the checked address with the system `ping` and judges loss and round trip. Never throws. */
export async function runPingProbe(settings: PingCheckSettings, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = createDeadline(options.timeoutMs, options.signal);
  let dnsMs: number | undefined;
  try {
    // The schema already refuses such hosts; checked again because this value reaches a command line.
    if (!isValidHost(settings.host) || settings.host.startsWith('-')) {
      return downResult(`'${settings.host}' is not a valid host`, { totalMs: 0 });
    }
    const resolved = await resolveChecked(settings.host, options.policy, {
      resolver: options.resolver,
      timeoutMs: deadline.remainingMs(),
      signal: deadline.signal,
    });
    dnsMs = resolved.durationMs;
    // ping gets the checked IP, never the name: its own lookup could land elsewhere.
    const args = buildPingArguments(
      resolved.address,
      resolved.family,
      settings.count,
      deadline.remainingMs(),
    );
    const run = await runPing(options.pingCommand ?? 'ping', args, deadline.signal);
    const totalMs = deadline.elapsedMs();
    const summary = parsePingOutput(run.stdout);
    if (!summary) {
      const reason = (run.stderr.trim().split('\n')[0] ?? '').slice(0, 200) || `exit code ${run.code}`;
      return internalErrorResult(`ping failed: ${reason}`, totalMs, { resolvedAddress: resolved.address });
    }
    const details = {
      resolvedAddress: resolved.address,
      transmitted: summary.transmitted,
      received: summary.received,
      lossPercent: summary.lossPercent,
      rttMinMs: summary.rtt?.minMs ?? null,
      rttAvgMs: summary.rtt?.avgMs ?? null,
      rttMaxMs: summary.rtt?.maxMs ?? null,
    };
    const phases = roundPhases({ dnsMs, totalMs });
    const latencyMs = summary.rtt ? roundMs(summary.rtt.avgMs) : phases.totalMs;
    if (summary.received === 0) {
      const message = `no reply from ${resolved.address} (${summary.transmitted} sent)`;
      return { status: 'down', message, latencyMs, phases, details };
    }
    if (summary.lossPercent > settings.maxLossPercent) {
      const message = `packet loss ${summary.lossPercent}% (maximum ${settings.maxLossPercent}%)`;
      return { status: 'down', message, latencyMs, phases, details };
    }
    const verdict = withLatencyVerdict(
      {
        status: 'up',
        message: `${summary.received}/${summary.transmitted} replies, round trip ${summary.rtt?.avgMs ?? '?'} ms on average`,
      },
      latencyMs,
      options.degradedAboveMs,
    );
    return { ...verdict, latencyMs, phases, details };
  } catch (error) {
    const totalMs = deadline.elapsedMs();
    if (errorCodeOf(error) === 'ENOENT') {
      return internalErrorResult(
        `ping is not installed on this server (${options.pingCommand ?? 'ping'} not found)`,
        totalMs,
      );
    }
    const failure = describeFailure(error, deadline, dnsMs === undefined ? 'dns' : 'headers', settings.host);
    const message =
      deadline.isExpired() && dnsMs !== undefined
        ? `ping timed out after ${options.timeoutMs} ms`
        : failure.message;
    return downResult(message, { dnsMs, totalMs }, failure.details);
  } finally {
    deadline.dispose();
  }
}
