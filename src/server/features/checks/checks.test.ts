import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { type HttpTarget, startHttpTarget } from '../../../../test/targets/http-target';
import { findClosedPort } from '../../../../test/targets/socket-targets';
import { recordResults } from './result-recorder';

type CheckBody = {
  id: number;
  state: string;
  settings: { headers?: Record<string, string> };
  pushUrl?: string | null;
};

describeEachDialect('checks API', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  let target: HttpTarget;
  let counter = 0;
  const name = () => `check ${++counter}`;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    admin = await createUserWithToken(ctx, 'admin');
    target = await startHttpTarget({ '/': { body: 'all good' }, '/broken': { status: 503 } });
  });
  afterAll(async () => {
    await target?.close();
    await app?.close();
  });

  const create = (body: object) =>
    app.inject({ method: 'POST', url: '/api/v1/checks', headers: admin.headers, payload: body });

  it('creates an HTTP check, keeps header secrets sealed and answers them masked', async () => {
    const response = await create({
      name: name(),
      settings: { kind: 'http', url: target.url('/'), headers: { Authorization: 'Bearer s3cret-value' } },
      intervalSeconds: 30,
    });
    expect(response.statusCode).toBe(201);
    const check = json<CheckBody>(response);
    expect(check.state).toBe('unknown');
    expect(check.settings.headers?.Authorization).toBe('********');
    expect(response.body).not.toContain('s3cret-value');
    const stored = await ctx.db
      .selectFrom('checks')
      .select('settings')
      .where('id', '=', check.id)
      .executeTakeFirstOrThrow();
    expect(stored.settings).not.toContain('s3cret-value');

    // Saving the form back with the masked value keeps the secret; the probe still sends it.
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/checks/${check.id}`,
      headers: admin.headers,
      payload: {
        settings: { kind: 'http', url: target.url('/'), headers: { Authorization: '********' } },
        retries: 2,
      },
    });
    expect(patched.statusCode).toBe(200);
    const run = await app.inject({
      method: 'POST',
      url: `/api/v1/checks/${check.id}/run`,
      headers: admin.headers,
    });
    expect(json(run)).toMatchObject({ status: 'up' });
    expect(target.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret-value');
  });

  it('refuses an interval under 10 s, a bad cron and an unknown field with field messages', async () => {
    const short = await create({
      name: name(),
      settings: { kind: 'tcp', host: '127.0.0.1', port: 80 },
      intervalSeconds: 5,
    });
    expect(short.statusCode).toBe(400);
    const cron = await create({
      name: name(),
      settings: { kind: 'tcp', host: '127.0.0.1', port: 80 },
      intervalSeconds: null,
      cron: 'every tuesday',
    });
    expect(json<{ error: { details: { path: string }[] } }>(cron).error.details[0]?.path).toBe('body.cron');
    const unknown = await create({
      name: name(),
      settings: { kind: 'tcp', host: '127.0.0.1', port: 80, extra: 1 },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('runs unsaved settings at once and says why a target is down', async () => {
    const up = json<{ status: string; phases: { connectMs: number | null } }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: { settings: { kind: 'http', url: target.url('/') } },
      }),
    );
    expect(up.status).toBe('up');
    expect(up.phases.connectMs).not.toBeNull();
    const port = await findClosedPort();
    const down = json<{ status: string; message: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: { settings: { kind: 'tcp', host: '127.0.0.1', port }, timeoutMs: 2000 },
      }),
    );
    expect(down).toMatchObject({ status: 'down' });
    expect(down.message).toMatch(/refused/);
    const status = json<{ status: string; message: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: { settings: { kind: 'http', url: target.url('/broken') } },
      }),
    );
    expect(status.message).toContain('503');
  });

  it('takes heartbeats on a secret push URL and turns the check up', async () => {
    const created = json<CheckBody>(
      await create({
        name: name(),
        settings: { kind: 'heartbeat', graceSeconds: 60 },
        intervalSeconds: 3600,
      }),
    );
    expect(created.pushUrl).toMatch(/\/api\/v1\/heartbeats\/hb_/);
    const path = new URL(created.pushUrl!).pathname;
    const beat = await app.inject({ method: 'POST', url: `${path}?message=backup%20ok` });
    expect(beat.statusCode).toBe(200);
    const check = json<CheckBody>(
      await app.inject({ url: `/api/v1/checks/${created.id}`, headers: admin.headers }),
    );
    expect(check.state).toBe('up');
    expect((await app.inject({ url: '/api/v1/heartbeats/hb_not-a-real-token' })).statusCode).toBe(404);
    const renewed = json<CheckBody>(
      await app.inject({
        method: 'POST',
        url: `/api/v1/checks/${created.id}/push-token`,
        headers: admin.headers,
      }),
    );
    expect(renewed.pushUrl).not.toBe(created.pushUrl);
    expect((await app.inject({ url: path })).statusCode).toBe(404);
  });

  it('reports availability from rollups with the rule it used, and lists results and events', async () => {
    const created = json<CheckBody>(
      await create({ name: name(), settings: { kind: 'tcp', host: '127.0.0.1', port: 80 } }),
    );
    const at = ctx.now() - 3_600_000;
    const statuses = ['up', 'up', 'up', 'degraded', 'down', 'up', 'up', 'up', 'up', 'down'] as const;
    await recordResults(
      ctx.db,
      ctx.dialect,
      statuses.map((status, i) => ({
        checkId: created.id,
        location: 'local',
        plannedAt: at + i * 60_000,
        startedAt: at + i * 60_000,
        status,
        latencyMs: 10 * (i + 1),
        dnsMs: null,
        connectMs: 1,
        tlsMs: null,
        firstByteMs: null,
        message: status,
        details: {},
      })),
    );
    const report = json<{
      figures: { period: string; availability: number; samples: number; ruleText: string }[];
    }>(
      await app.inject({
        url: `/api/v1/checks/${created.id}/availability?degradedCountsAs=half`,
        headers: admin.headers,
      }),
    );
    const day = report.figures.find((f) => f.period === '24h')!;
    expect(day.samples).toBe(10);
    expect(day.availability).toBeCloseTo(0.75);
    expect(day.ruleText).toContain('half');
    const ninety = report.figures.find((f) => f.period === '90d')!;
    expect(ninety.samples).toBe(10);
    const results = json<{ total: number; rows: { status: string }[] }>(
      await app.inject({ url: `/api/v1/checks/${created.id}/results?status=down`, headers: admin.headers }),
    );
    expect(results.total).toBe(2);
    const events = json<{ rows: { toState: string }[] }>(
      await app.inject({ url: `/api/v1/checks/${created.id}/events`, headers: admin.headers }),
    );
    expect(events.rows.map((e) => e.toState)).toEqual(['down', 'up', 'down', 'degraded', 'up']);
    const list = json<{ rows: { id: number; sparkline: (number | null)[] }[] }>(
      await app.inject({ url: '/api/v1/checks?pageSize=200', headers: admin.headers }),
    );
    const row = list.rows.find((r) => r.id === created.id)!;
    expect(row.sparkline).toHaveLength(24);
    expect(row.sparkline.filter((v) => v !== null).length).toBeGreaterThan(0);
  });

  it('keeps members out of other teams’ checks and auditors out of every change', async () => {
    const team = json<{ id: number }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: admin.headers,
        payload: { name: `Rete ${counter}` },
      }),
    );
    const created = json<CheckBody>(
      await create({
        name: name(),
        ownerTeamId: team.id,
        settings: { kind: 'tcp', host: '127.0.0.1', port: 80 },
      }),
    );
    const member = await createUserWithToken(ctx, 'member');
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/v1/checks/${created.id}`,
      headers: member.headers,
      payload: { isPaused: true },
    });
    expect(change.statusCode).toBe(403);
    const auditor = await createUserWithToken(ctx, 'auditor');
    expect(
      (await app.inject({ url: `/api/v1/checks/${created.id}`, headers: auditor.headers })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/checks/${created.id}`, headers: auditor.headers }))
        .statusCode,
    ).toBe(403);
  });
});
