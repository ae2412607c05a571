import { fork } from 'node:child_process';
import os from 'node:os';

/** The value at quantile `q` (0..1) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Seconds of CPU (user + system) this process used since `since`. */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Peaks of resident memory and of the JS heap, in bytes. */
export interface MemoryPeaks {
  rss: number;
  heapUsed: number;
}

/** Samples this process's memory every 500 ms and keeps the peaks, until stopped. */
export function sampleMemory(): { stop(): MemoryPeaks } {
  const peaks: MemoryPeaks = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, usage.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 500);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/** A wait that the event loop does not have to keep running for. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The local HTTP target in its own process, and how to stop it. */
export interface HttpTarget {
  url: string;
  stop(): void;
}

/** Starts `bench/http-target.ts` in a child process and resolves once it listens. */
export function startHttpTarget(): Promise<HttpTarget> {
  // Bundled, the target sits beside this code as .mjs; under tsx, fork() hands the child its loader too.
  const isBundled = import.meta.url.endsWith('.mjs');
  const child = fork(new URL(isBundled ? './http-target.mjs' : './http-target.ts', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A profile of the benchmark should not come with one of the target.
    execArgv: process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof')),
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the HTTP target exited early (code ${code})`)));
    child.once('message', (message: { port: number }) => {
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${message.port}/`, stop: () => child.kill() });
    });
  });
}

/** One line on the machine, so a reader can tell a quiet run from a busy one. */
export function describeMachine(): string {
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${load}`;
}
