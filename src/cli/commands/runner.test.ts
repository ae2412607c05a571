import { type ChildProcess, spawn } from 'node:child_process';
import type net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../test/app';
import { insertTestCheck } from '../../../test/checks';
import { createTestStorage } from '../../../test/db';
import { type HttpTarget, startHttpTarget } from '../../../test/targets/http-target';
import type { Storage } from '../../server/db/connect';
import type { CreatedRunner } from '../../shared/contracts/runners';
import { describeError } from '../support';
import { runRunnerCommand } from './runner';

// `regia runner` against a real server: once as a real process (from sources through tsx, to
// prove SIGTERM stops it cleanly), then in-process through the function its action calls.

const root = path.resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = pino({ level: process.env.REGIA_TEST_LOG ?? 'silent' });

function regia(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, REGIA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

describe('regia runner (the command)', () => {
  let storage: Storage;
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let target: HttpTarget;
  let server: string;
  let runner: CreatedRunner;
  let checkId: number;

  beforeAll(async () => {
    storage = await createTestStorage('sqlite');
    ({ app, ctx } = await buildTestApp(storage, { now: () => Date.now() }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    server = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
    const admin = await createUserWithToken(ctx, 'admin');
    runner = json<CreatedRunner>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/runners',
        headers: admin.headers,
        payload: { name: 'Edge', location: 'edge' },
      }),
    );
    target = await startHttpTarget({ '/': { body: 'ok' } });
    checkId = await insertTestCheck(ctx.db, {
      intervalSeconds: 1,
      locations: ['edge'],
      settings: { kind: 'http', url: target.url('/') },
    });
  });
  afterAll(async () => {
    await target?.close();
    await app?.close();
    await storage?.close();
  });

  it('runs, reports, and stops with exit 0 on SIGTERM after sending what is pending', async () => {
    const run = regia(['runner', '--server', server], { REGIA_RUNNER_TOKEN: runner.token });
    const until = Date.now() + 15_000;
    let stored = 0;
    while (Date.now() < until && stored < 2) {
      await sleep(100);
      const rows = await ctx.db
        .selectFrom('checkResults')
        .select('location')
        .where('checkId', '=', checkId)
        .execute();
      stored = rows.length;
      expect(rows.every((r) => r.location === 'edge')).toBe(true);
    }
    expect(stored).toBeGreaterThanOrEqual(2);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output.stdout).toContain('runner started');
    expect(run.output.stdout).toContain('runner stopped');
    expect(run.output.stdout).not.toContain(runner.token);
  });

  it('prints a clear error when the token is refused (exit 1 through main)', async () => {
    const error = await runRunnerCommand(
      { server, token: 'rr_unknown', pollSeconds: 30 },
      { log, stop: new AbortController() },
    ).catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({
      exitCode: 1,
      lines: [expect.stringContaining('The server refused the runner token')],
    });
  });

  it('--location-check: says who the runner is, runs each check once and exits', async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      await runRunnerCommand(
        { server, locationCheck: true, pollSeconds: 30 },
        { log, stop: new AbortController(), env: { REGIA_RUNNER_TOKEN: runner.token } },
      );
    } finally {
      spy.mockRestore();
    }
    const text = printed.join('');
    expect(text).toContain(`Runner "Edge" (id ${runner.id}) at location edge: token accepted`);
    expect(text).toMatch(new RegExp(`check ${checkId} http .*: up in \\d+ ms`));
  });
});
