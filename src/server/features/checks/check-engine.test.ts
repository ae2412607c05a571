import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { insertTestCheck } from '../../../../test/checks';
import { describeEachDialect } from '../../../../test/db';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { CheckEngine } from './check-engine';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('the local runner end to end', (storage) => {
  let target: HttpTarget;
  let isHealthy = true;
  beforeAll(async () => {
    target = await startHttpTarget({
      '/': {
        handle: (_request, response) => {
          response.statusCode = isHealthy ? 200 : 500;
          response.end(isHealthy ? 'ok' : 'broken');
        },
      },
    });
  });
  afterAll(() => target?.close());

  it('runs checks on schedule, stores results and state, and records the state change', async () => {
    const ctx = buildTestContext(storage(), { now: () => Date.now() });
    // Intervals under 10 s are refused by the API; the engine itself runs what it is given.
    const checkId = await insertTestCheck(ctx.db, {
      intervalSeconds: 1,
      settings: { kind: 'http', url: target.url('/') },
    });
    const changes: string[] = [];
    ctx.events.on('check.stateChanged', (change) => {
      if (change.checkId === checkId) changes.push(change.toState);
    });
    const engine = new CheckEngine(ctx);
    await engine.start();
    await sleep(2300);
    isHealthy = false;
    await sleep(2000);
    await engine.stop();

    const results = await ctx.db
      .selectFrom('checkResults')
      .select(['status', 'plannedAt', 'connectMs'])
      .where('checkId', '=', checkId)
      .orderBy('plannedAt')
      .execute();
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results[0]?.status).toBe('up');
    expect(results.at(-1)?.status).toBe('down');
    expect(results.every((r) => r.connectMs !== null)).toBe(true);
    // one result per planned second, none duplicated
    expect(new Set(results.map((r) => r.plannedAt)).size).toBe(results.length);
    const state = await ctx.db
      .selectFrom('checkStates')
      .selectAll()
      .where('checkId', '=', checkId)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('down');
    expect(state.lastMessage).toContain('500');
    expect(changes).toEqual(['up', 'down']);
    // a fresh connection per run: the target saw one connection per request
    expect(target.connectionCount()).toBeGreaterThanOrEqual(results.length);
  });
});
