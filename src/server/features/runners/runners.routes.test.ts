import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { insertTestCheck } from '../../../../test/checks';
import { describeEachDialect } from '../../../../test/db';
import { publicOperations } from '../../../../test/public-operations';
import type {
  CreatedRunner,
  RunnerChecks,
  RunnerReportAck,
  RunnerResult,
} from '../../../shared/contracts/runners';
import { AppError } from '../../../shared/errors';
import { hashSecret } from '../auth/secrets';
import { acceptReport } from './runners.service';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];
type Ctx = Awaited<ReturnType<typeof buildTestApp>>['ctx'];
type OpenApi = { paths: Record<string, Record<string, unknown>> };

const runnerOperations = new Set(['GET /api/v1/runner/checks', 'POST /api/v1/runner/results']);

function result(checkId: number, plannedAt: number, status: RunnerResult['status'] = 'up'): RunnerResult {
  return {
    checkId,
    plannedAt,
    startedAt: plannedAt + 3,
    status,
    latencyMs: 12.5,
    phases: { dnsMs: null, connectMs: 1.2, tlsMs: null, firstByteMs: 8 },
    message: status === 'up' ? 'HTTP 200' : 'HTTP 500 (expected 200-399)',
    details: { statusCode: status === 'up' ? 200 : 500 },
  };
}

describeEachDialect('remote runners: admin and runner API', (storage) => {
  let app: App;
  let ctx: Ctx;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  let runner: CreatedRunner;
  let runnerHeaders: { authorization: string };
  let mine: number;
  let paused: number;
  let elsewhere: number;

  async function createRunner(name: string, location: string) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/runners',
      headers: admin.headers,
      payload: { name, location },
    });
    expect(response.statusCode).toBe(201);
    return json<CreatedRunner>(response);
  }

  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    admin = await createUserWithToken(ctx, 'admin');
    runner = await createRunner('Milano probe', 'milano-dc');
    runnerHeaders = { authorization: `Bearer ${runner.token}` };
    mine = await insertTestCheck(ctx.db, {
      locations: ['local', 'milano-dc'],
      downQuorum: 2,
      settings: {
        kind: 'http',
        url: 'http://127.0.0.1:1/',
        headers: { 'X-Api-Key': ctx.secrets.encrypt('s3cret-value') },
      },
    });
    paused = await insertTestCheck(ctx.db, { locations: ['milano-dc'] });
    await ctx.db.updateTable('checks').set({ isPaused: 1 }).where('id', '=', paused).execute();
    elsewhere = await insertTestCheck(ctx.db, { locations: ['local', 'roma-dc'] });
  });
  afterAll(() => app?.close());

  describe('admin side', () => {
    it('registers a runner and shows its token once, keeping only the hash', async () => {
      expect(runner.token).toMatch(/^rr_[A-Za-z0-9_-]{40,}$/);
      expect(runner).toMatchObject({
        name: 'Milano probe',
        location: 'milano-dc',
        lastSeenAt: null,
        online: false,
      });
      const row = await ctx.db
        .selectFrom('runners')
        .selectAll()
        .where('id', '=', runner.id)
        .executeTakeFirstOrThrow();
      expect(row.tokenHash).toBe(hashSecret(runner.token));
      const listed = json<{ rows: Record<string, unknown>[] }>(
        await app.inject({ url: '/api/v1/runners', headers: admin.headers }),
      );
      const entry = listed.rows.find((r) => r.id === runner.id)!;
      expect(entry).toBeDefined();
      expect(entry.token).toBeUndefined();
      expect(entry.tokenHash).toBeUndefined();
      const audit = await ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'runner.create')
        .where('entityId', '=', String(runner.id))
        .executeTakeFirstOrThrow();
      expect(audit.after).toContain('milano-dc');
      expect(audit.after).not.toContain(runner.token);
      expect(audit.after).not.toContain(row.tokenHash);
    });

    it('refuses the reserved location, a location that is not a slug, unknown fields and a taken name', async () => {
      const post = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/runners', headers: admin.headers, payload });
      expect((await post({ name: 'x', location: 'local' })).statusCode).toBe(400);
      expect((await post({ name: 'x', location: 'Milano DC' })).statusCode).toBe(400);
      expect((await post({ name: 'x', location: 'a'.repeat(60) })).statusCode).toBe(400);
      expect((await post({ name: 'x', location: 'x-dc', tokenHash: 'abc' })).statusCode).toBe(400);
      expect((await post({ name: 'Milano probe', location: 'x-dc' })).statusCode).toBe(409);
    });

    it('is for admins only', async () => {
      const manager = await createUserWithToken(ctx, 'manager');
      expect((await app.inject({ url: '/api/v1/runners', headers: manager.headers })).statusCode).toBe(403);
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/runners',
        headers: manager.headers,
        payload: { name: 'sneaky', location: 'x-dc' },
      });
      expect(create.statusCode).toBe(403);
    });

    it('revokes a runner: its token stops working at once, and the revocation is audited', async () => {
      const doomed = await createRunner('Doomed probe', 'torino-dc');
      const headers = { authorization: `Bearer ${doomed.token}` };
      expect((await app.inject({ url: '/api/v1/runner/checks', headers })).statusCode).toBe(200);
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/v1/runners/${doomed.id}`,
        headers: admin.headers,
      });
      expect(revoke.statusCode).toBe(200);
      const after = await app.inject({ url: '/api/v1/runner/checks', headers });
      expect(after.statusCode).toBe(401);
      expect(json(after)).toMatchObject({ error: { code: 'unauthenticated' } });
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/v1/runners/${doomed.id}`, headers: admin.headers }))
          .statusCode,
      ).toBe(404);
      const audit = await ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityType', '=', 'runner')
        .where('entityId', '=', String(doomed.id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['runner.create', 'runner.revoke']);
    });
  });

  describe('runner side', () => {
    it("answers the runner's checks with real settings and a version, and 304 when unchanged", async () => {
      const response = await app.inject({ url: '/api/v1/runner/checks', headers: runnerHeaders });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toContain('no-store');
      const body = json<RunnerChecks>(response);
      expect(body.runner).toEqual({ id: runner.id, name: 'Milano probe', location: 'milano-dc' });
      expect(body.checks.map((c) => c.id)).toEqual([mine]);
      const check = body.checks[0]!;
      expect(check.settings).toMatchObject({ kind: 'http', headers: { 'X-Api-Key': 's3cret-value' } });
      expect(check.cadence).toEqual({ intervalSeconds: 30 });
      expect(check.timeoutMs).toBe(5000);
      expect(response.headers.etag).toBe(`"${body.version}"`);

      const again = await app.inject({
        url: '/api/v1/runner/checks',
        headers: { ...runnerHeaders, 'if-none-match': `"${body.version}"` },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');

      // a cron check carries the server's timezone; any change gives a new version
      await ctx.db
        .updateTable('checks')
        .set({ cron: '*/5 * * * *', intervalSeconds: null })
        .where('id', '=', mine)
        .execute();
      const changed = await app.inject({
        url: '/api/v1/runner/checks',
        headers: { ...runnerHeaders, 'if-none-match': `"${body.version}"` },
      });
      expect(changed.statusCode).toBe(200);
      const next = json<RunnerChecks>(changed);
      expect(next.version).not.toBe(body.version);
      expect(next.checks[0]!.cadence).toEqual({ cron: '*/5 * * * *', timezone: ctx.config.timezone });
      await ctx.db
        .updateTable('checks')
        .set({ cron: null, intervalSeconds: 30 })
        .where('id', '=', mine)
        .execute();
    });

    it("carries the admin's probe policy, and a new version when it changes", async () => {
      const first = json<RunnerChecks>(
        await app.inject({ url: '/api/v1/runner/checks', headers: runnerHeaders }),
      );
      expect(first.probePolicy).toEqual({ allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] });
      const policy = {
        probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: ['10.66.0.0/16'] },
        webhooks: { allowedCidrs: [] },
      };
      const put = await app.inject({
        method: 'PUT',
        url: '/api/v1/settings/outbound-policy',
        headers: admin.headers,
        payload: policy,
      });
      expect(put.statusCode).toBe(200);
      const second = json<RunnerChecks>(
        await app.inject({ url: '/api/v1/runner/checks', headers: runnerHeaders }),
      );
      expect(second.version).not.toBe(first.version);
      expect(second.probePolicy.deniedCidrs).toEqual(['10.66.0.0/16']);
      await app.inject({
        method: 'PUT',
        url: '/api/v1/settings/outbound-policy',
        headers: admin.headers,
        payload: { ...policy, probes: { ...policy.probes, deniedCidrs: [] } },
      });
    });

    it('counts a call as the runner being seen', async () => {
      await app.inject({ url: '/api/v1/runner/checks', headers: runnerHeaders });
      const listed = json<{ rows: { id: number; online: boolean; lastSeenAt: number | null }[] }>(
        await app.inject({ url: '/api/v1/runners', headers: admin.headers }),
      );
      expect(listed.rows.find((r) => r.id === runner.id)).toMatchObject({
        online: true,
        lastSeenAt: ctx.clock.now,
      });
      ctx.clock.now += 3 * 60_000;
      const later = json<{ rows: { id: number; online: boolean }[] }>(
        await app.inject({ url: '/api/v1/runners', headers: admin.headers }),
      );
      expect(later.rows.find((r) => r.id === runner.id)?.online).toBe(false);
    });

    it("stores results under the runner's location, once, and refuses those of other checks", async () => {
      const base = ctx.clock.now - 60_000;
      const stateChanges: string[] = [];
      const off = ctx.events.on('check.stateChanged', (change) => {
        if (change.checkId === mine) stateChanges.push(change.toState);
      });
      const report = {
        results: [result(mine, base), result(elsewhere, base), result(paused, base), result(999_999, base)],
      };
      const post = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/runner/results',
          headers: runnerHeaders,
          payload: report,
        });
      const first = await post();
      expect(first.statusCode).toBe(200);
      const ack = json<RunnerReportAck>(first);
      expect(ack.accepted).toBe(1);
      expect(ack.refused.map((r) => [r.index, r.checkId])).toEqual([
        [1, elsewhere],
        [2, paused],
        [3, 999_999],
      ]);
      expect(ack.refused[0]!.reason).toContain('milano-dc');
      // the same report again (a retry after a lost answer): stored once
      expect((await post()).statusCode).toBe(200);
      const stored = await ctx.db
        .selectFrom('checkResults')
        .selectAll()
        .where('plannedAt', '=', base)
        .execute();
      expect(stored.map((r) => [r.checkId, r.location])).toEqual([[mine, 'milano-dc']]);
      expect(stored[0]).toMatchObject({ status: 'up', latencyMs: 13, connectMs: 1, firstByteMs: 8 });
      // quorum 2 over local and milano-dc: one location up is enough for up
      expect(stateChanges).toEqual(['up']);

      // one location down of two, quorum 2: not down
      await post2(mine, base + 30_000, 'down');
      const state = await ctx.db
        .selectFrom('checkStates')
        .select('state')
        .where('checkId', '=', mine)
        .executeTakeFirstOrThrow();
      expect(state.state).not.toBe('down');
      off();
    });

    async function post2(checkId: number, plannedAt: number, status: RunnerResult['status']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/runner/results',
        headers: runnerHeaders,
        payload: { results: [result(checkId, plannedAt, status)] },
      });
      expect(response.statusCode).toBe(200);
    }

    it('validates reports strictly: no location in the body, bounded sizes, sane times', async () => {
      const post = (payload: unknown) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/runner/results',
          headers: runnerHeaders,
          payload: payload as object,
        });
      const good = result(mine, ctx.clock.now - 5000);
      expect((await post({ results: [{ ...good, location: 'local' }] })).statusCode).toBe(400);
      expect((await post({ results: [] })).statusCode).toBe(400);
      expect((await post({ results: [good], extra: 1 })).statusCode).toBe(400);
      expect((await post({ results: [{ ...good, status: 'fine' }] })).statusCode).toBe(400);
      expect((await post({ results: [{ ...good, checkId: '1 OR 1=1' }] })).statusCode).toBe(400);
      expect((await post({ results: [{ ...good, message: 'x'.repeat(2001) }] })).statusCode).toBe(400);
      expect((await post({ results: [{ ...good, details: { nested: { a: 1 } } }] })).statusCode).toBe(400);
      const many = Array.from({ length: 1001 }, (_, i) =>
        result(mine, ctx.clock.now - 10_000_000 + i * 1000),
      );
      expect((await post({ results: many })).statusCode).toBe(400);
      const future = await post({ results: [result(mine, ctx.clock.now + 3_600_000)] });
      expect(json<RunnerReportAck>(future).refused[0]?.reason).toContain('future');
    });

    it('answers 503, storing nothing, when storage fails, so the runner sends the report again', async () => {
      const fresh = await insertTestCheck(ctx.db, { locations: ['milano-dc'] });
      const plannedAt = ctx.clock.now - 7000;
      // the first result changes the state, so the handler runs inside the transaction and fails it
      const failing = async () => {
        throw new Error('disk full');
      };
      const identity = { id: runner.id, name: runner.name, location: 'milano-dc' };
      const failingCtx = { ...ctx, reactions: { ...ctx.reactions, checkStateChanged: [failing] } };
      const error = await acceptReport(failingCtx, identity, { results: [result(fresh, plannedAt)] }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'service_unavailable' });
      const stored = await ctx.db
        .selectFrom('checkResults')
        .select('id')
        .where('checkId', '=', fresh)
        .execute();
      expect(stored).toEqual([]);
    });
  });

  describe('who may call what', () => {
    let operations: { method: string; path: string; key: string }[];
    beforeAll(async () => {
      const document = json<OpenApi>(await app.inject({ url: '/api/openapi.json' }));
      operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({
          method: method.toUpperCase(),
          path,
          key: `${method.toUpperCase()} ${path}`,
        })),
      );
    });

    it('answers 401 to anonymous callers and to unknown runner tokens on the runner routes', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/runner/checks'],
        ['POST', '/api/v1/runner/results'],
      ] as const) {
        expect(
          (await app.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode,
        ).toBe(401);
        const unknown = await app.inject({
          method,
          url,
          headers: { authorization: 'Bearer rr_not-a-real-token' },
          payload: method === 'POST' ? {} : undefined,
        });
        expect(unknown.statusCode).toBe(401);
      }
    });

    it("answers 403 to a user's API token (even an admin's) on the runner routes", async () => {
      for (const key of runnerOperations) expect(operations.some((o) => o.key === key)).toBe(true);
      const checks = await app.inject({ url: '/api/v1/runner/checks', headers: admin.headers });
      expect(checks.statusCode).toBe(403);
      const results = await app.inject({
        method: 'POST',
        url: '/api/v1/runner/results',
        headers: admin.headers,
        payload: { results: [result(mine, ctx.clock.now - 90_000)] },
      });
      expect(results.statusCode).toBe(403);
      const stored = await ctx.db
        .selectFrom('checkResults')
        .select('id')
        .where('plannedAt', '=', ctx.clock.now - 90_000)
        .execute();
      expect(stored).toEqual([]);
    });

    it('answers 403 to a runner token on every other non-public route, and changes nothing', async () => {
      const count = async () =>
        Number(
          (
            await ctx.db
              .selectFrom('auditLog')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      let tried = 0;
      for (const operation of operations) {
        if (publicOperations.has(operation.key) || runnerOperations.has(operation.key)) continue;
        const response = await app.inject({
          method: operation.method as 'GET',
          url: operation.path.replace(/\{[^}]+\}/g, '1'),
          headers: runnerHeaders,
          payload: ['POST', 'PUT', 'PATCH', 'DELETE'].includes(operation.method) ? {} : undefined,
        });
        expect({ op: operation.key, status: response.statusCode }).toEqual({
          op: operation.key,
          status: 403,
        });
        tried += 1;
      }
      expect(tried).toBeGreaterThan(20);
      expect(await count()).toBe(before);
    });
  });
});
