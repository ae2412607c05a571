import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../events';
import { ResultBuffer } from './result-buffer';
import type { PendingResult } from './result-recorder';

function result(i: number): PendingResult {
  return {
    checkId: 1,
    location: 'local',
    plannedAt: i,
    startedAt: i,
    status: 'up',
    latencyMs: 1,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: 'ok',
    details: {},
  };
}

describe('result buffer', () => {
  it('keeps results through a storage outage, raises one degraded alert, and writes them afterwards', async () => {
    const written: PendingResult[] = [];
    let isDiskFull = true;
    const events = new EventBus();
    const alerts: string[] = [];
    events.on('storage.degraded', (event) => alerts.push(event.error));
    const buffer = new ResultBuffer({
      write: async (batch) => {
        if (isDiskFull) throw new Error('SQLITE_FULL: database or disk is full');
        written.push(...batch);
        return [];
      },
      events,
      log: pino({ level: 'silent' }),
      now: () => 0,
      flushEveryMs: 10,
    });
    for (let i = 0; i < 5; i += 1) buffer.add(result(i));
    await buffer.flush();
    await buffer.flush();
    for (let i = 5; i < 8; i += 1) buffer.add(result(i));
    await buffer.flush();
    expect(written).toHaveLength(0);
    expect(buffer.size).toBe(8);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('SQLITE_FULL');
    isDiskFull = false;
    await buffer.flush();
    expect(written.map((r) => r.plannedAt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(buffer.size).toBe(0);
  });

  it('writes in batches, not one transaction per result', async () => {
    const batches: number[] = [];
    const buffer = new ResultBuffer({
      write: async (batch) => {
        batches.push(batch.length);
        return [];
      },
      events: new EventBus(),
      log: pino({ level: 'silent' }),
      now: () => 0,
      flushEveryMs: 50,
    });
    for (let i = 0; i < 300; i += 1) buffer.add(result(i));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(300);
    expect(batches.length).toBeLessThanOrEqual(2);
  });
});
