import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { insertTestCheck } from '../../../../test/checks';
import { createTestStorage, testDialects, testPostgresUrl } from '../../../../test/db';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { connect, type Storage } from '../../db/connect';
import { CheckEngine } from '../checks/check-engine';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two servers ("replicas") on one PostgreSQL database: each due slot is claimed by one of them.
describe.skipIf(!testDialects.includes('postgres'))('two servers on one PostgreSQL database', () => {
  let first: Storage;
  let second: Storage;
  let target: HttpTarget;
  beforeAll(async () => {
    first = await createTestStorage('postgres');
    const schema = await sql<{ schema: string }>`select current_schema() as schema`.execute(first.db);
    // A second pool on the same schema, as a second server process would open.
    second = connect(testPostgresUrl, { searchPath: schema.rows[0]!.schema, poolSize: 4 });
    target = await startHttpTarget({ '/': { body: 'ok' } });
  });
  afterAll(async () => {
    await target?.close();
    await second?.close();
    await first?.close();
  });

  it('runs each planned slot of a 1-second check exactly once, with no slot skipped', async () => {
    const checkId = await insertTestCheck(first.db, {
      intervalSeconds: 1,
      settings: { kind: 'http', url: target.url('/') },
    });
    const engines = [first, second].map(
      (storage) => new CheckEngine(buildTestContext(storage, { now: () => Date.now() })),
    );
    await Promise.all(engines.map((engine) => engine.start()));
    await sleep(3300);
    await Promise.all(engines.map((engine) => engine.stop()));

    const rows = await first.db
      .selectFrom('checkResults')
      .select(['plannedAt', 'location'])
      .where('checkId', '=', checkId)
      .orderBy('plannedAt')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // each slot ran once: as many requests reached the target as results were stored...
    const started = engines.map((engine) => engine.scheduler.stats.started);
    expect(target.requests.length).toBe(rows.length);
    expect(started[0]! + started[1]!).toBe(rows.length);
    // ...and no slot in the middle was skipped
    const gaps = rows.slice(1).map((row, i) => row.plannedAt - rows[i]!.plannedAt);
    expect(gaps.every((gap) => gap === 1000)).toBe(true);
  });
});
