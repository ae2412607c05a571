import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { insertTestCheck } from '../../../../test/checks';
import { describeEachDialect } from '../../../../test/db';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { startRunner } from '../../../cli/commands/runner';
import { CliError } from '../../../cli/support';
import type { CreatedRunner, RunnerResult } from '../../../shared/contracts/runners';
import { createRunnerClient } from './runner-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = pino({ level: process.env.REGIA_TEST_LOG ?? 'silent' });

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 6000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A TCP relay to the app that can refuse connections for a while (the server "down"). */
async function startRelay(targetPort: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** closes the port (connections refused) and cuts every open connection */
    async down() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async up() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describeEachDialect('regia runner against a real server', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let target: HttpTarget;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let serverUrl: string;
  let created: CreatedRunner;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  let isHealthy = true;

  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage(), { now: () => Date.now() }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    serverUrl = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
    admin = await createUserWithToken(ctx, 'admin');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/runners',
      headers: admin.headers,
      payload: { name: 'Remote A', location: 'remote-a' },
    });
    created = json<CreatedRunner>(response);
    target = await startHttpTarget({
      '/': {
        handle: (_request, res) => {
          res.statusCode = isHealthy ? 200 : 500;
          res.end(isHealthy ? 'ok' : 'broken');
        },
      },
    });
    relay = await startRelay((app.server.address() as net.AddressInfo).port);
  });
  afterAll(async () => {
    await relay?.close();
    await target?.close();
    await app?.close();
  });

  it('runs the checks of its location, reports them, and loses nothing while the server is unreachable', async () => {
    const checkId = await insertTestCheck(ctx.db, {
      intervalSeconds: 1,
      locations: ['remote-a'],
      settings: { kind: 'http', url: target.url('/') },
    });
    const changes: string[] = [];
    ctx.events.on('check.stateChanged', (change) => {
      if (change.checkId === checkId) changes.push(change.toState);
    });
    const stateOf = async () =>
      (
        await ctx.db
          .selectFrom('checkStates')
          .select('state')
          .where('checkId', '=', checkId)
          .executeTakeFirst()
      )?.state;
    const storedCount = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('checkResults')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('checkId', '=', checkId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    const runner = await startRunner({
      server: relay.url,
      token: created.token,
      log,
      pollEveryMs: 300,
      flushEveryMs: 100,
      waitForServer: false,
    });
    if (!runner) throw new Error('runner did not start');
    expect(runner.identity).toEqual({ id: created.id, name: 'Remote A', location: 'remote-a' });
    await waitFor('the state to go up', async () => (await stateOf()) === 'up');

    // The server becomes unreachable for a while: results pile up in the buffer, then all arrive.
    await relay.down();
    const storedBefore = await storedCount();
    await waitFor('results to wait in the buffer', () => runner.buffer.size >= 2, 4000);
    expect(await storedCount()).toBe(storedBefore);
    const buffered = runner.buffer.size;
    await relay.up();
    await waitFor(
      'the kept results to arrive',
      async () => (await storedCount()) >= storedBefore + buffered,
      6000,
    );

    isHealthy = false;
    await waitFor('the state to go down', async () => (await stateOf()) === 'down');
    const { unsent } = await runner.stop(5000);
    expect(unsent).toBe(0);

    const rows = await ctx.db
      .selectFrom('checkResults')
      .selectAll()
      .where('checkId', '=', checkId)
      .orderBy('plannedAt')
      .execute();
    expect(rows.every((r) => r.location === 'remote-a')).toBe(true);
    // every result the scheduler handed over was stored, once
    expect(rows.length).toBe(runner.counts.handed);
    expect(runner.counts.dropped).toBe(0);
    const gaps = rows.slice(1).map((row, i) => row.plannedAt - rows[i]!.plannedAt);
    expect(gaps.every((gap) => gap === 1000)).toBe(true);
    expect(rows[0]?.status).toBe('up');
    expect(rows.at(-1)?.status).toBe('down');
    expect(changes).toEqual(['up', 'down']);

    // the same results reported again (an answer lost after the commit) are stored once
    const replay: RunnerResult[] = rows.map((row) => ({
      checkId: row.checkId,
      plannedAt: row.plannedAt,
      startedAt: row.startedAt,
      status: row.status as RunnerResult['status'],
      latencyMs: row.latencyMs,
      phases: { dnsMs: row.dnsMs, connectMs: row.connectMs, tlsMs: row.tlsMs, firstByteMs: row.firstByteMs },
      message: row.message,
      details: {},
    }));
    const client = createRunnerClient({ server: serverUrl, token: created.token });
    const ack = await client.sendReport(replay);
    expect(ack).toEqual({ accepted: rows.length, refused: [] });
    expect(await storedCount()).toBe(rows.length);
    expect(changes).toEqual(['up', 'down']);
  });

  it('keeps runner and user credentials apart over HTTP', async () => {
    const call = (path: string, token?: string) =>
      fetch(`${serverUrl}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await call('/checks', created.token)).status).toBe(403);
    expect((await call('/auth/me', created.token)).status).toBe(403);
    expect((await call('/runners', created.token)).status).toBe(403);
    expect((await call('/runner/checks', admin.token)).status).toBe(403);
    expect((await call('/runner/checks')).status).toBe(401);
    expect((await call('/runner/checks', created.token)).status).toBe(200);
  });

  it('stops a running runner whose token is revoked', async () => {
    const doomed = json<CreatedRunner>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/runners',
        headers: admin.headers,
        payload: { name: 'Doomed', location: 'remote-b' },
      }),
    );
    let refusedWith = '';
    const runner = await startRunner({
      server: serverUrl,
      token: doomed.token,
      log,
      pollEveryMs: 100,
      onRefused: (error) => {
        refusedWith = error.message;
      },
    });
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/runners/${doomed.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    await waitFor('the runner to notice', () => refusedWith !== '', 3000);
    expect(refusedWith).toContain('HTTP 401');
    await runner?.stop(1000);
  });

  it('says clearly when the token is refused or is not a runner token', async () => {
    const refused = await startRunner({ server: serverUrl, token: 'rr_revoked-or-unknown', log }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).message).toMatch(/refused the runner token.*HTTP 401/s);
    const userToken = await startRunner({ server: serverUrl, token: admin.token, log }).catch(
      (e: unknown) => e,
    );
    expect((userToken as CliError).message).toContain('not a runner token');
    const missing = await startRunner({ server: serverUrl, token: undefined, log }).catch((e: unknown) => e);
    expect((missing as CliError).message).toContain('REGIA_RUNNER_TOKEN');
  });
});
