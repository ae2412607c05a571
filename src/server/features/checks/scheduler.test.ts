import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from './probes/probe-result';
import type { PendingResult } from './result-recorder';
import { CheckScheduler, type SchedulableCheck } from './scheduler';

const log = pino({ level: 'silent' });
const okResult: ProbeResult = {
  status: 'up',
  message: 'ok',
  latencyMs: 1,
  phases: { totalMs: 1 },
  details: {},
};

function check(id: number, intervalMs: number): SchedulableCheck {
  return {
    id,
    settings: { kind: 'tcp', host: '127.0.0.1', port: 1 },
    cadence: { intervalMs },
    timeoutMs: 1000,
    degradedAboveMs: null,
  } as SchedulableCheck;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('check scheduler', () => {
  it('runs every check once per interval, spread over it, with little lag', async () => {
    const results: PendingResult[] = [];
    const scheduler = new CheckScheduler({
      location: 'local',
      execute: async () => okResult,
      buffer: { add: (r) => results.push(r) },
      log,
    });
    for (let id = 1; id <= 200; id += 1) scheduler.upsert(check(id, 400));
    await sleep(1300);
    await scheduler.stop();
    const perCheck = new Map<number, number>();
    for (const r of results) perCheck.set(r.checkId, (perCheck.get(r.checkId) ?? 0) + 1);
    expect(perCheck.size).toBe(200);
    for (const count of perCheck.values()) expect(count).toBeGreaterThanOrEqual(2);
    for (const count of perCheck.values()) expect(count).toBeLessThanOrEqual(4);
    const lags = [...scheduler.stats.lagMs].sort((a, b) => a - b);
    expect(lags[Math.floor(lags.length * 0.5)]).toBeLessThan(50);
    // each result sits on its check's grid: planned times of one check differ by whole intervals
    const planned = results.filter((r) => r.checkId === 7).map((r) => r.plannedAt);
    for (let i = 1; i < planned.length; i += 1) expect(planned[i]! - planned[i - 1]!).toBe(400);
  });

  it('skips a slot while the check is still running instead of piling up', async () => {
    const results: PendingResult[] = [];
    const scheduler = new CheckScheduler({
      location: 'local',
      execute: async (_check, _planned, signal) => {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 700);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
        return okResult;
      },
      buffer: { add: (r) => results.push(r) },
      log,
    });
    scheduler.upsert(check(1, 200));
    await sleep(1000);
    expect(scheduler.stats.skippedOverlap).toBeGreaterThan(0);
    await scheduler.stop();
    expect(results.length).toBeLessThanOrEqual(2);
  });

  it('never records Regia’s own failures or cancelled runs as results', async () => {
    const results: PendingResult[] = [];
    const scheduler = new CheckScheduler({
      location: 'local',
      execute: async () => ({ ...okResult, status: 'down', details: { internalError: true } }),
      buffer: { add: (r) => results.push(r) },
      log,
    });
    scheduler.upsert(check(1, 100));
    await sleep(350);
    await scheduler.stop();
    expect(scheduler.stats.started).toBeGreaterThan(0);
    expect(results).toHaveLength(0);
  });

  it('runs only what it could claim when several servers share the checks', async () => {
    const results: PendingResult[] = [];
    const scheduler = new CheckScheduler({
      location: 'local',
      execute: async () => okResult,
      buffer: { add: (r) => results.push(r) },
      log,
      claim: async (runs) => new Set(runs.map((r) => r.checkId).filter((id) => id % 2 === 0)),
    });
    for (let id = 1; id <= 20; id += 1) scheduler.upsert(check(id, 300));
    await sleep(700);
    await scheduler.stop();
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.checkId % 2 === 0)).toBe(true);
  });

  it('resumes after a pause at the next slot, without a burst of missed runs', async () => {
    const results: PendingResult[] = [];
    let now = 1_000_000;
    const scheduler = new CheckScheduler({
      location: 'local',
      execute: async () => okResult,
      buffer: { add: (r) => results.push(r) },
      log,
      now: () => now,
    });
    scheduler.upsert(check(1, 100));
    now += 10_000; // the process was frozen for 100 intervals
    await sleep(20);
    scheduler.upsert(check(2, 100));
    await sleep(50);
    await scheduler.stop();
    expect(results.filter((r) => r.checkId === 1).length).toBeLessThanOrEqual(1);
  });
});
