import { expect, it } from 'vitest';
import { insertTestCheck } from '../../../../test/checks';
import { describeEachDialect } from '../../../../test/db';
import { type PendingResult, recordResults } from './result-recorder';

const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function result(
  checkId: number,
  index: number,
  status: PendingResult['status'],
  extra: Partial<PendingResult> = {},
): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: t0 + index * 30_000,
    startedAt: t0 + index * 30_000 + 3,
    status,
    latencyMs: 10 + index,
    dnsMs: 1,
    connectMs: 2,
    tlsMs: null,
    firstByteMs: 5,
    message: status === 'down' ? 'connection refused' : 'HTTP 200',
    details: {},
    ...extra,
  };
}

describeEachDialect('recording results', (storage) => {
  it('derives the state with retries and records each change once', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db, { retries: 1 });
    const first = await recordResults(db, dialect, [result(checkId, 0, 'up'), result(checkId, 1, 'down')]);
    expect(first.map((c) => c.toState)).toEqual(['up']);
    const second = await recordResults(db, dialect, [result(checkId, 2, 'down'), result(checkId, 3, 'down')]);
    expect(second).toMatchObject([{ fromState: 'up', toState: 'down', message: 'connection refused' }]);
    const state = await db
      .selectFrom('checkStates')
      .selectAll()
      .where('checkId', '=', checkId)
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ state: 'down', lastStatus: 'down', changedAt: t0 + 2 * 30_000 + 3 });
    const events = await db
      .selectFrom('checkEvents')
      .select(['fromState', 'toState'])
      .where('checkId', '=', checkId)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { fromState: 'unknown', toState: 'up' },
      { fromState: 'up', toState: 'down' },
    ]);
  });

  it('ignores a replayed result for the same planned run', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db);
    await recordResults(db, dialect, [result(checkId, 0, 'up')]);
    await recordResults(db, dialect, [result(checkId, 0, 'up'), result(checkId, 1, 'up')]);
    const rows = await db.selectFrom('checkResults').select('id').where('checkId', '=', checkId).execute();
    expect(rows).toHaveLength(2);
    const rollup = await db
      .selectFrom('checkRollups')
      .selectAll()
      .where('checkId', '=', checkId)
      .where('resolution', '=', '1h')
      .executeTakeFirstOrThrow();
    expect(rollup.upCount).toBe(2);
  });

  it('keeps rollups per 5 minutes, hour and day that add up', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db);
    const batch = Array.from({ length: 20 }, (_, i) =>
      result(checkId, i, i % 10 === 9 ? 'down' : i % 5 === 0 ? 'degraded' : 'up'),
    );
    await recordResults(db, dialect, batch.slice(0, 7));
    await recordResults(db, dialect, batch.slice(7));
    const rollups = await db.selectFrom('checkRollups').selectAll().where('checkId', '=', checkId).execute();
    const sum = (resolution: string) =>
      rollups
        .filter((r) => r.resolution === resolution)
        .reduce((n, r) => n + r.upCount + r.degradedCount + r.downCount, 0);
    expect(sum('5m')).toBe(20);
    expect(sum('1h')).toBe(20);
    expect(sum('1d')).toBe(20);
    expect(rollups.filter((r) => r.resolution === '5m')).toHaveLength(2); // 20 runs × 30 s = 10 minutes
    const day = rollups.find((r) => r.resolution === '1d')!;
    expect(day).toMatchObject({
      downCount: 2,
      degradedCount: 4,
      upCount: 14,
      latencyMin: 10,
      latencyMax: 29,
    });
    expect(JSON.parse(day.histogram).reduce((a: number, b: number) => a + b, 0)).toBe(20);
  });

  it('is down from several locations only at the quorum', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db, { locations: ['milano', 'brescia', 'cloud'], downQuorum: 2 });
    const at = (location: string, index: number, status: PendingResult['status']) =>
      result(checkId, index, status, { location });
    const up = await recordResults(db, dialect, [
      at('milano', 0, 'up'),
      at('brescia', 0, 'up'),
      at('cloud', 0, 'up'),
    ]);
    expect(up.at(-1)?.toState).toBe('up');
    const one = await recordResults(db, dialect, [at('milano', 1, 'down')]);
    expect(one.map((c) => c.toState)).toEqual(['degraded']);
    const two = await recordResults(db, dialect, [at('brescia', 1, 'down')]);
    expect(two.map((c) => c.toState)).toEqual(['down']);
  });
});

describeEachDialect('recording results inside maintenance windows', (storage) => {
  it('marks them and counts them apart in every rollup, whose merge keeps both counts', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db);
    // results 2 and 3 fall inside the window
    const isInMaintenance = (id: number, at: number) =>
      id === checkId && at >= t0 + 2 * 30_000 && at < t0 + 4 * 30_000;
    await recordResults(
      db,
      dialect,
      [result(checkId, 0, 'up'), result(checkId, 1, 'down'), result(checkId, 2, 'down')],
      {
        isInMaintenance,
      },
    );
    await recordResults(db, dialect, [result(checkId, 3, 'degraded'), result(checkId, 4, 'up')], {
      isInMaintenance,
    });
    const marked = await db
      .selectFrom('checkResults')
      .select(['inMaintenance'])
      .where('checkId', '=', checkId)
      .orderBy('plannedAt')
      .execute();
    expect(marked.map((r) => r.inMaintenance)).toEqual([0, 0, 1, 1, 0]);
    const day = await db
      .selectFrom('checkRollups')
      .selectAll()
      .where('checkId', '=', checkId)
      .where('resolution', '=', '1d')
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({
      upCount: 2,
      degradedCount: 1,
      downCount: 2,
      maintenanceUpCount: 0,
      maintenanceDegradedCount: 1,
      maintenanceDownCount: 1,
    });
  });
});
