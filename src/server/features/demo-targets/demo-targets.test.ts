import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json } from '../../../../test/app';
import { createTestStorage } from '../../../../test/db';
import { CheckSpec } from '../../../shared/contracts/configuration';
import { probePolicy } from '../../net/address-policy';
import { runProbe } from '../checks/probes/run-probe';
import { demoChecks } from '../demo/demo.checks';
import demoTargetsRoutes, { flakyFailureRate, slowTargetMs } from './demo-targets.routes';

/** The demo targets alone, with a random source the test sets. */
async function targetsWith(random: { value: number }): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(demoTargetsRoutes, { random: () => random.value });
  return app;
}

describe('demo targets', () => {
  const random = { value: 0.5 };
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await targetsWith(random);
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app?.close());

  it('answers as designed: ok, slow, flaky, down and a JSON health', async () => {
    const ok = await app.inject({ url: '/demo-targets/ok' });
    expect([ok.statusCode, ok.body]).toEqual([200, 'ok']);

    random.value = 0;
    const started = performance.now();
    const slow = await app.inject({ url: '/demo-targets/slow' });
    const took = performance.now() - started;
    expect(slow.statusCode).toBe(200);
    expect(took).toBeGreaterThanOrEqual(slowTargetMs.min - 5);
    expect(took).toBeLessThan(slowTargetMs.max);

    random.value = flakyFailureRate - 0.01;
    expect((await app.inject({ url: '/demo-targets/flaky' })).statusCode).toBe(500);
    random.value = flakyFailureRate;
    expect((await app.inject({ url: '/demo-targets/flaky' })).statusCode).toBe(200);

    const down = await app.inject({ url: '/demo-targets/down' });
    expect([down.statusCode, down.body]).toEqual([503, 'maintenance']);
    const health = await app.inject({ url: '/demo-targets/json' });
    expect(json(health)).toEqual({ status: 'ok', db: 'up' });
  });

  it('fails about 30 % of the time at random', async () => {
    const real = Fastify();
    await real.register(demoTargetsRoutes);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, async () => (await real.inject({ url: '/demo-targets/flaky' })).statusCode),
    );
    const failures = statuses.filter((status) => status === 500).length;
    // 200 draws at p = 0.3: outside 25..95 is far beyond six standard deviations.
    expect(failures).toBeGreaterThan(25);
    expect(failures).toBeLessThan(95);
    await real.close();
  });

  it("gives the demo's live checks the results a newcomer should see", async () => {
    random.value = 0.5;
    const port = (app.server.address() as { port: number }).port;
    const live = demoChecks({ host: '127.0.0.1', port })
      .map((check) => CheckSpec.parse(check))
      .filter((check) => !check.isPaused && check.settings.kind !== 'heartbeat');
    const results = await Promise.all(
      live.map(async (check) => {
        const result = await runProbe(check.settings, {
          timeoutMs: check.timeoutMs,
          degradedAboveMs: check.degradedAboveMs ?? undefined,
          policy: probePolicy,
        });
        return [check.name, result.status];
      }),
    );
    expect(Object.fromEntries(results)).toEqual({
      'Portale fornitori – pagina di accesso': 'up',
      'Intranet – home page': 'degraded',
      'Ordini clienti – API': 'up',
      'Magazzino WMS – servizio web': 'down',
      'Produzione MES – health': 'up',
      'Regia – porta web': 'up',
    });
  });
});

describe('demo targets in Regia', () => {
  it('are public, at the root, and not in the API documentation', async () => {
    const storage = await createTestStorage('sqlite');
    const { app } = await buildTestApp(storage);
    try {
      const ok = await app.inject({ url: '/demo-targets/ok' });
      expect([ok.statusCode, ok.body]).toEqual([200, 'ok']);
      expect((await app.inject({ url: '/demo-targets/down' })).statusCode).toBe(503);
      expect((await app.inject({ url: '/api/v1/demo-targets/ok' })).statusCode).toBe(404);
      const openApi = await app.inject({ url: '/api/openapi.json' });
      expect(openApi.body).not.toContain('demo-targets');
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
