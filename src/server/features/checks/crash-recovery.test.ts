import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestCheck } from '../../../../test/checks';
import { freePort, sleep, startServerProcess } from '../../../../test/server-process';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { connect } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';

// The real server process, killed without warning in the middle of its runs, then started again.
describe('a server killed with SIGKILL during runs', () => {
  let dir: string;
  let target: HttpTarget;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-crash-'));
    target = await startHttpTarget({ '/': { body: 'ok', delayMs: 150 } });
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (port: number) => startServerProcess(dir, port);

  it('loses no committed result, stores none twice, and resumes without a burst', async () => {
    const file = path.join(dir, 'regia.db');
    const setup = connect(`sqlite://${file}`);
    await migrateToLatest(setup);
    const checkIds: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      checkIds.push(
        await insertTestCheck(setup.db, {
          intervalSeconds: 1,
          settings: { kind: 'http', url: target.url('/') },
        }),
      );
    }
    await setup.close();

    const port = await freePort();
    server = await start(port);
    await sleep(3500);
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    const killedAt = Date.now();

    const afterCrash = connect(`sqlite://${file}`);
    const beforeRestart = await afterCrash.db
      .selectFrom('checkResults')
      .select(['checkId', 'plannedAt'])
      .execute();
    await afterCrash.close();
    expect(beforeRestart.length).toBeGreaterThanOrEqual(5);

    await sleep(2500); // two missed slots per check while nobody runs
    server = await start(port);
    const restartedAt = Date.now();
    await sleep(3000);
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));

    const final = connect(`sqlite://${file}`);
    const results = await final.db
      .selectFrom('checkResults')
      .select(['checkId', 'plannedAt', 'startedAt'])
      .orderBy('plannedAt')
      .execute();
    await final.close();
    // Everything committed before the kill is still there.
    const keys = new Set(results.map((r) => `${r.checkId}:${r.plannedAt}`));
    for (const r of beforeRestart) expect(keys.has(`${r.checkId}:${r.plannedAt}`)).toBe(true);
    // Nothing is stored twice.
    expect(keys.size).toBe(results.length);
    for (const checkId of checkIds) {
      const planned = results.filter((r) => r.checkId === checkId).map((r) => r.plannedAt);
      // No catch-up burst: no slot planned while the server was down was run after the restart,
      const replayed = results.filter(
        (r) => r.checkId === checkId && r.plannedAt > killedAt + 200 && r.plannedAt < restartedAt - 1500,
      );
      expect(replayed).toHaveLength(0);
      // and after the restart the check keeps its one-a-second rhythm.
      const resumed = planned.filter((at) => at >= restartedAt);
      for (let i = 1; i < resumed.length; i += 1) expect(resumed[i]! - resumed[i - 1]!).toBe(1000);
      expect(resumed.length).toBeGreaterThanOrEqual(1);
    }
  }, 60_000);
});
