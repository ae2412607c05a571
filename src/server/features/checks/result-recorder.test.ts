import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestCheck } from '../../../../test/checks';
import { createTestStorage, describeEachDialect } from '../../../../test/db';
import type { Storage } from '../../db/connect';
import { type PendingResult, type RecordOptions, recordResults as recordWithKysely } from './result-recorder';

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

// Every test runs on each dialect through Kysely, and once more on SQLite through the statements the
// recorder keeps prepared on the raw handle (the check engine's way): both must store the same.
function recordingTests(
  storage: () => Storage,
  recordResults: (
    db: Storage['db'],
    dialect: Storage['dialect'],
    results: PendingResult[],
    options?: RecordOptions,
  ) => ReturnType<typeof recordWithKysely>,
): void {
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

  it('stores and counts a run that comes twice in one batch once', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db, { retries: 1 });
    const changes = await recordResults(db, dialect, [
      result(checkId, 0, 'up'),
      result(checkId, 1, 'down'),
      result(checkId, 1, 'down'),
    ]);
    // One failure is within the retry; counted twice it would have turned the check down.
    expect(changes.map((c) => c.toState)).toEqual(['up']);
    const rows = await db.selectFrom('checkResults').select('id').where('checkId', '=', checkId).execute();
    expect(rows).toHaveLength(2);
    const day = await db
      .selectFrom('checkRollups')
      .selectAll()
      .where('checkId', '=', checkId)
      .where('resolution', '=', '1d')
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({ upCount: 1, downCount: 1 });
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

  it('keeps when the state last changed while it holds, across batches and within one', async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db);
    await recordResults(db, dialect, [result(checkId, 0, 'up'), result(checkId, 1, 'up')]);
    await recordResults(db, dialect, [result(checkId, 2, 'up')]);
    const held = await db
      .selectFrom('checkStates')
      .selectAll()
      .where('checkId', '=', checkId)
      .executeTakeFirstOrThrow();
    expect(held).toMatchObject({ state: 'up', changedAt: t0 + 3, lastResultAt: t0 + 2 * 30_000 + 3 });
    await recordResults(db, dialect, [result(checkId, 3, 'down'), result(checkId, 4, 'down')]);
    const down = await db
      .selectFrom('checkStates')
      .selectAll()
      .where('checkId', '=', checkId)
      .executeTakeFirstOrThrow();
    expect(down).toMatchObject({ state: 'down', changedAt: t0 + 3 * 30_000 + 3, lastStatus: 'down' });
  });

  it('stores a batch of hundreds of results from many checks, and a replay of it not again', async () => {
    const { db, dialect } = storage();
    const checkIds: number[] = [];
    for (let index = 0; index < 150; index += 1) checkIds.push(await insertTestCheck(db));
    const batch = checkIds.flatMap((checkId, index) => [
      result(checkId, 0, 'up', { details: { statusCode: 200 } }),
      result(checkId, 1, index % 3 === 0 ? 'down' : 'up', { latencyMs: 1000 + index }),
    ]);
    const changes = await recordResults(db, dialect, batch);
    // every check comes up; each third then goes down (no retries)
    expect(changes).toHaveLength(150 + 50);
    expect(await recordResults(db, dialect, batch)).toEqual([]);
    const stored = await db
      .selectFrom('checkResults')
      .select(['checkId', 'latencyMs', 'details'])
      .where('checkId', 'in', checkIds)
      .execute();
    expect(stored).toHaveLength(300);
    expect(stored.filter((row) => row.details === '{"statusCode":200}')).toHaveLength(150);
    const states = await db
      .selectFrom('checkStates')
      .select(['checkId', 'state'])
      .where('checkId', 'in', checkIds)
      .execute();
    expect(states.filter((row) => row.state === 'down').map((row) => row.checkId)).toEqual(
      checkIds.filter((_, index) => index % 3 === 0),
    );
    const days = await db
      .selectFrom('checkRollups')
      .selectAll()
      .where('checkId', 'in', checkIds)
      .where('resolution', '=', '1d')
      .orderBy('checkId')
      .execute();
    expect(days).toHaveLength(150);
    expect(days[1]).toMatchObject({ upCount: 2, downCount: 0, latencyMin: 10, latencyMax: 1001 });
    expect(days[0]).toMatchObject({ upCount: 1, downCount: 1, latencySum: 1010 });
  });

  it("writes a state-change handler's rows in the same transaction, and nothing when one fails", async () => {
    const { db, dialect } = storage();
    const checkId = await insertTestCheck(db);
    const seen: string[] = [];
    await recordResults(db, dialect, [result(checkId, 0, 'up')], {
      handlers: [
        async (trx, change) => {
          // The result the change points at is already there for the handler to read.
          const row = await trx
            .selectFrom('checkResults')
            .select('message')
            .where('id', '=', change.resultId)
            .executeTakeFirstOrThrow();
          seen.push(`${change.toState}: ${row.message}`);
        },
      ],
    });
    expect(seen).toEqual(['up: HTTP 200']);
    const failing = async () => {
      throw new Error('disk full');
    };
    await expect(
      recordResults(db, dialect, [result(checkId, 1, 'down')], { handlers: [failing] }),
    ).rejects.toThrow('disk full');
    const results = await db.selectFrom('checkResults').select('id').where('checkId', '=', checkId).execute();
    expect(results).toHaveLength(1);
    const state = await db
      .selectFrom('checkStates')
      .selectAll()
      .where('checkId', '=', checkId)
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ state: 'up', lastStatus: 'up' });
    const day = await db
      .selectFrom('checkRollups')
      .selectAll()
      .where('checkId', '=', checkId)
      .where('resolution', '=', '1d')
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({ upCount: 1, downCount: 0 });
  });

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
}

describeEachDialect('recording results', (storage) => recordingTests(storage, recordWithKysely));

describe('recording results on kept SQLite statements', () => {
  let storage: Storage | undefined;
  beforeAll(async () => {
    storage = await createTestStorage('sqlite');
  });
  afterAll(() => storage?.close());
  recordingTests(
    () => storage!,
    (db, dialect, results, options) =>
      recordWithKysely(db, dialect, results, { ...options, sqlite: storage!.sqlite }),
  );
});
