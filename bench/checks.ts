import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import { Client } from 'undici';
import { connect, type Db } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { EventBus } from '../src/server/events';
import { runProbe } from '../src/server/features/checks/probes/run-probe';
import { ResultBuffer } from '../src/server/features/checks/result-buffer';
import { recordResults } from '../src/server/features/checks/result-recorder';
import { CheckScheduler, type SchedulableCheck } from '../src/server/features/checks/scheduler';
import { probePolicy } from '../src/server/net/address-policy';
import { CheckSettings } from '../src/shared/contracts/check-kinds';
import {
  cpuSecondsSince,
  describeMachine,
  type HttpTarget,
  percentile,
  sampleMemory,
  sleep,
  startHttpTarget,
} from './measure';

const intervalSeconds = 30;
const timeoutMs = 10_000;
// The goals at 10,000 checks every 30 s on a 2-core machine.
const goalSize = 10_000;
const goals = { cpuRatio: 1.5, lagP99Ms: 250, rssMb: 250 };
// What the HTTP probe sends; the bare loop sends the same.
const probeHeaders = { 'user-agent': 'Regia-Probe/1.0', accept: '*/*' };

/** What `npm run bench -- checks ...` may be told. */
export interface ChecksBenchOptions {
  sizes: number[];
  seconds: number;
  warmupSeconds: number;
  /** measure one side only (for profiling); both by default */
  only: 'regia' | 'bare' | undefined;
}

/** Reads `--checks 1000,5000,10000 --seconds 60 --warmup 5 [--only regia|bare]`. */
export function parseChecksOptions(args: string[]): ChecksBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      checks: { type: 'string', default: '1000,5000,10000' },
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  const sizes = values.checks.split(',').map((text) => Number(text.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`--checks wants whole numbers separated by commas, not '${values.checks}'`);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  if (!(seconds > 0) || !(warmupSeconds >= 0))
    throw new Error('--seconds and --warmup want positive numbers');
  const only = values.only;
  if (only !== undefined && only !== 'regia' && only !== 'bare')
    throw new Error(`--only wants regia or bare, not '${only}'`);
  return { sizes, seconds, warmupSeconds, only };
}

/** Regia's figures for one size. */
interface RegiaFigures {
  runs: number;
  checksPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
  cpuPer1000: number;
  peakRssMb: number;
  peakHeapMb: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  writes: StorageWrites;
  started: number;
  completed: number;
  stored: number;
  notUp: number;
  firstNotUp: string | undefined;
  warnings: number;
  firstWarning: string | undefined;
}

/** The result-buffer's transactions during the window: the event loop waits through each one. */
interface StorageWrites {
  batches: number;
  results: number;
  p50Ms: number;
  maxMs: number;
}

/** The bare loop's figures for one size. */
interface BareFigures {
  requests: number;
  cpuPer1000: number;
  peakRssMb: number;
  peakHeapMb: number;
  failed: number;
  firstFailure: string | undefined;
}

interface Row {
  size: number;
  regia: RegiaFigures | undefined;
  bare: BareFigures | undefined;
}

/** Runs the checks benchmark for each size and prints the table. */
export async function runChecksBenchmark(args: string[]): Promise<void> {
  const options = parseChecksOptions(args);
  console.log(`checks benchmark: ${describeMachine()}`);
  console.log(
    `RSS with the code loaded, before any check: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
  console.log(
    `sizes ${options.sizes.join(', ')} at ${intervalSeconds} s; ${options.warmupSeconds} s warm-up, then ${options.seconds} s measured, per side`,
  );
  if (options.seconds < 60)
    console.log(
      `WARNING: ${options.seconds} s windows are for trying the bench out; report figures from 60 s or more`,
    );
  const target = await startHttpTarget();
  const rows: Row[] = [];
  try {
    for (const size of options.sizes) {
      console.log(
        `\n— ${size.toLocaleString('en')} checks (${(size / intervalSeconds).toFixed(1)} per second)`,
      );
      const regia = options.only === 'bare' ? undefined : await measureRegia(size, target, options);
      if (regia) printRegia(regia);
      const bare = options.only === 'regia' ? undefined : await measureBare(size, target, options);
      if (bare) printBare(bare, regia);
      rows.push({ size, regia, bare });
    }
  } finally {
    target.stop();
  }
  printTable(rows);
  console.log(`\nfinished: ${describeMachine()}`);
}

async function measureRegia(size: number, target: HttpTarget, options: ChecksBenchOptions) {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'regia-bench-'));
  const storage = connect(`sqlite://${path.join(folder, 'regia.db')}`);
  try {
    await migrateToLatest(storage);
    await insertChecks(storage.db, size, target.url);
    const checks = await loadChecks(storage.db);
    const warnings = createCountingLog();
    const writes: { at: number; results: number; ms: number }[] = [];
    const buffer = new ResultBuffer({
      write: async (results) => {
        const writeStarted = performance.now();
        // As the check engine records them: on SQLite, through statements kept on the driver's handle.
        const changes = await recordResults(storage.db, storage.dialect, results, { sqlite: storage.sqlite });
        writes.push({ at: writeStarted, results: results.length, ms: performance.now() - writeStarted });
        return changes;
      },
      events: new EventBus(),
      log: warnings.log,
      now: Date.now,
    });
    let completed = 0;
    let notUp = 0;
    let firstNotUp: string | undefined;
    const scheduler = new CheckScheduler({
      location: 'local',
      buffer,
      log: warnings.log,
      execute: async (check, _plannedAt, signal) => {
        const result = await runProbe(check.settings, {
          timeoutMs: check.timeoutMs,
          degradedAboveMs: check.degradedAboveMs ?? undefined,
          policy: probePolicy,
          signal,
        });
        // The scheduler drops cancelled runs and Regia's own failures; every other result is stored.
        if (!result.details.cancelled && !result.details.internalError) completed += 1;
        if (result.status !== 'up' && !result.details.cancelled) {
          notUp += 1;
          firstNotUp ??= result.message;
        }
        return result;
      },
    });
    const memory = sampleMemory();
    for (const check of checks) scheduler.upsert(check);
    await sleep(options.warmupSeconds * 1000);

    const startedBefore = scheduler.stats.started;
    const lagsBefore = scheduler.stats.lagMs.length;
    // How long the event loop was held up explains start lag that the queue itself does not.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const windowStarted = performance.now();
    await sleep(options.seconds * 1000);
    const cpuSeconds = cpuSecondsSince(cpuBefore);
    const elapsedSeconds = (performance.now() - windowStarted) / 1000;
    const runs = scheduler.stats.started - startedBefore;
    const lags = scheduler.stats.lagMs.slice(lagsBefore);
    const peaks = memory.stop();
    loopDelay.disable();

    await scheduler.stop();
    await buffer.drain(30_000);
    const stored = await countResults(storage.db);
    const windowWrites = writes.filter(
      (write) => write.at >= windowStarted && write.at < windowStarted + elapsedSeconds * 1000,
    );
    return {
      runs,
      checksPerSecond: runs / elapsedSeconds,
      lagP50Ms: percentile(lags, 0.5),
      lagP99Ms: percentile(lags, 0.99),
      cpuPer1000: (cpuSeconds / runs) * 1000,
      peakRssMb: peaks.rss / 2 ** 20,
      peakHeapMb: peaks.heapUsed / 2 ** 20,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      writes: {
        batches: windowWrites.length,
        results: windowWrites.reduce((sum, write) => sum + write.results, 0),
        p50Ms: percentile(
          windowWrites.map((write) => write.ms),
          0.5,
        ),
        maxMs: Math.max(0, ...windowWrites.map((write) => write.ms)),
      },
      started: scheduler.stats.started,
      completed,
      stored,
      notUp,
      firstNotUp,
      warnings: warnings.count(),
      firstWarning: warnings.first(),
    } satisfies RegiaFigures;
  } finally {
    await storage.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** Inserts `size` HTTP checks on the target, as the checks API would store them. */
async function insertChecks(db: Db, size: number, url: string): Promise<void> {
  const settings = JSON.stringify({ kind: 'http', url });
  for (let first = 1; first <= size; first += 500) {
    const rows = [];
    for (let index = first; index < Math.min(first + 500, size + 1); index += 1) {
      rows.push({
        name: `bench check ${index}`,
        kind: 'http',
        itemId: null,
        ownerTeamId: null,
        settings,
        intervalSeconds,
        cron: null,
        timeoutMs,
        retries: 0,
        degradedAboveMs: null,
        isPaused: 0,
        locations: JSON.stringify(['local']),
        downQuorum: 1,
        pushTokenHash: null,
        createdAt: Date.now(),
        updatedAt: Date.now(),
      });
    }
    await db.insertInto('checks').values(rows).execute();
  }
}

/** Reads the check rows back and parses their settings, defaults filled in, as the runner would. */
async function loadChecks(db: Db): Promise<SchedulableCheck[]> {
  const rows = await db
    .selectFrom('checks')
    .select(['id', 'settings', 'intervalSeconds', 'timeoutMs', 'degradedAboveMs'])
    .where('isPaused', '=', 0)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    settings: CheckSettings.parse(JSON.parse(row.settings)),
    cadence: { intervalMs: (row.intervalSeconds ?? intervalSeconds) * 1000 },
    timeoutMs: row.timeoutMs,
    degradedAboveMs: row.degradedAboveMs,
  }));
}

async function countResults(db: Db): Promise<number> {
  const row = await db
    .selectFrom('checkResults')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A logger at warn level that counts what it is told and keeps the first line, instead of printing. */
function createCountingLog(): { log: Logger; count(): number; first(): string | undefined } {
  let count = 0;
  let first: string | undefined;
  const log = pino(
    { level: 'warn' },
    {
      write(line: string) {
        count += 1;
        first ??= line.trim().slice(0, 300);
      },
    },
  );
  return { log, count: () => count, first: () => first };
}

/**
 * The same requests without Regia: a new undici Client per request (so a fresh connection each, as
 * the probe makes), the same headers, the body read, the client destroyed; timeouts from undici's
 * own timers. Requests start N/30 per second, evenly spaced, for the same warm-up and window.
 */
async function measureBare(size: number, target: HttpTarget, options: ChecksBenchOptions) {
  const origin = new URL(target.url).origin;
  const spacingMs = (intervalSeconds * 1000) / size;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const requestOnce = async () => {
    const client = new Client(origin);
    try {
      const response = await client.request({
        path: '/',
        method: 'GET',
        headers: probeHeaders,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await response.body.text();
      if (response.statusCode !== 200) {
        failed += 1;
        firstFailure ??= `HTTP ${response.statusCode}`;
      }
    } catch (error) {
      failed += 1;
      firstFailure ??= error instanceof Error ? error.message : String(error);
    } finally {
      await client.destroy();
    }
  };
  let next = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    while (next <= now) {
      sent += 1;
      const request = requestOnce().finally(() => inFlight.delete(request));
      inFlight.add(request);
      next += spacingMs;
    }
    timer = setTimeout(tick, Math.max(0, next - performance.now()));
  };

  const memory = sampleMemory();
  tick();
  await sleep(options.warmupSeconds * 1000);
  const sentBefore = sent;
  const cpuBefore = process.cpuUsage();
  await sleep(options.seconds * 1000);
  const cpuSeconds = cpuSecondsSince(cpuBefore);
  const requests = sent - sentBefore;
  const peaks = memory.stop();
  clearTimeout(timer);
  await Promise.allSettled([...inFlight]);
  return {
    requests,
    cpuPer1000: (cpuSeconds / requests) * 1000,
    peakRssMb: peaks.rss / 2 ** 20,
    peakHeapMb: peaks.heapUsed / 2 ** 20,
    failed,
    firstFailure,
  } satisfies BareFigures;
}

function printRegia(figures: RegiaFigures): void {
  console.log(
    `Regia: ${figures.runs} runs, ${figures.checksPerSecond.toFixed(1)} checks/s, start lag p50 ${figures.lagP50Ms.toFixed(1)} ms, p99 ${figures.lagP99Ms.toFixed(1)} ms, ${figures.cpuPer1000.toFixed(3)} CPU s per 1,000 checks, peak RSS ${figures.peakRssMb.toFixed(0)} MB (JS heap ${figures.peakHeapMb.toFixed(0)} MB)`,
  );
  console.log(
    `  event loop delay p99 ${figures.loopDelayP99Ms.toFixed(1)} ms, max ${figures.loopDelayMaxMs.toFixed(1)} ms`,
  );
  const { writes } = figures;
  console.log(
    `  storage: ${writes.batches} transactions of ${(writes.results / Math.max(1, writes.batches)).toFixed(0)} results on average, each ${writes.p50Ms.toFixed(1)} ms (p50), ${writes.maxMs.toFixed(1)} ms at most`,
  );
  const cancelled = figures.started - figures.completed;
  const verdict = figures.stored === figures.completed ? 'OK' : 'MISMATCH';
  console.log(
    `  results stored: ${figures.stored} of ${figures.started} runs started (${cancelled} in flight at stop, cancelled): ${verdict}`,
  );
  if (figures.notUp > 0) console.log(`  ${figures.notUp} runs not up, first: ${figures.firstNotUp}`);
  if (figures.warnings > 0)
    console.log(`  ${figures.warnings} warnings logged, first: ${figures.firstWarning}`);
}

function printBare(figures: BareFigures, regia: RegiaFigures | undefined): void {
  const ratio = regia ? `; CPU ratio Regia/bare ${(regia.cpuPer1000 / figures.cpuPer1000).toFixed(2)}` : '';
  console.log(
    `bare undici: ${figures.requests} requests, ${figures.cpuPer1000.toFixed(3)} CPU s per 1,000 requests, peak RSS ${figures.peakRssMb.toFixed(0)} MB (JS heap ${figures.peakHeapMb.toFixed(0)} MB)${ratio}`,
  );
  if (figures.failed > 0) console.log(`  ${figures.failed} requests failed, first: ${figures.firstFailure}`);
}

function printTable(rows: Row[]): void {
  const header = [
    'N',
    'checks/s',
    'lag p50 ms',
    'lag p99 ms',
    'CPU s/1000 Regia',
    'CPU s/1000 bare',
    'ratio',
    'peak RSS MB',
  ];
  const show = (value: number | undefined, digits: number) =>
    value === undefined ? '-' : value.toFixed(digits);
  const lines = rows.map(({ size, regia, bare }) => [
    size.toLocaleString('en'),
    show(regia?.checksPerSecond, 1),
    show(regia?.lagP50Ms, 1),
    show(regia?.lagP99Ms, 1),
    show(regia?.cpuPer1000, 3),
    show(bare?.cpuPer1000, 3),
    show(ratioOf(regia, bare), 2),
    show(regia?.peakRssMb, 0),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  console.log(`\n${format(header)}`);
  for (const line of lines) console.log(format(line));

  const atGoal = rows.find((row) => row.size === goalSize);
  const judge = (value: number | undefined, isMet: (value: number) => boolean, digits: number, unit = '') =>
    value === undefined
      ? 'not measured'
      : `${value.toFixed(digits)}${unit} ${isMet(value) ? 'met' : 'MISSED'}`;
  console.log(`\ngoals at ${goalSize.toLocaleString('en')} checks/${intervalSeconds} s:`);
  console.log(
    `  CPU ratio <= ${goals.cpuRatio}: ${judge(ratioOf(atGoal?.regia, atGoal?.bare), (ratio) => ratio <= goals.cpuRatio, 2)}`,
  );
  console.log(
    `  lag p99 < ${goals.lagP99Ms} ms: ${judge(atGoal?.regia?.lagP99Ms, (lag) => lag < goals.lagP99Ms, 1, ' ms')}`,
  );
  console.log(
    `  peak RSS < ${goals.rssMb} MB: ${judge(atGoal?.regia?.peakRssMb, (rss) => rss < goals.rssMb, 0, ' MB')}`,
  );
}

function ratioOf(regia: RegiaFigures | undefined, bare: BareFigures | undefined): number | undefined {
  return regia && bare ? regia.cpuPer1000 / bare.cpuPer1000 : undefined;
}
