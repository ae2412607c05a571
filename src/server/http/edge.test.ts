import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../test/app';
import { describeEachDialect } from '../../../test/db';

describeEachDialect('bad input at the edge gives a 4xx in the one error shape', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let headers: Record<string, string>;
  beforeAll(async () => {
    const built = await buildTestApp(storage());
    app = built.app;
    headers = (await createUserWithToken(built.ctx, 'admin')).headers;
  });
  afterAll(() => app?.close());

  const cases: [string, () => InjectOptions, number, string][] = [
    [
      'malformed JSON',
      () => ({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{"name": ',
      }),
      400,
      'bad_request',
    ],
    [
      'an unknown field',
      () => ({ method: 'POST', url: '/api/v1/teams', headers, payload: { name: 'A', isAdmin: true } }),
      400,
      'validation_failed',
    ],
    [
      'a wrong type',
      () => ({ method: 'POST', url: '/api/v1/teams', headers, payload: { name: 42 } }),
      400,
      'validation_failed',
    ],
    [
      'a wrong type in the query',
      () => ({ url: '/api/v1/users?page=abc', headers }),
      400,
      'validation_failed',
    ],
    [
      'an unknown query field',
      () => ({ url: '/api/v1/users?orderBy=passwordHash', headers }),
      400,
      'validation_failed',
    ],
    [
      'a sort field off the allow-list',
      () => ({ url: '/api/v1/users?sort=passwordHash', headers }),
      400,
      'validation_failed',
    ],
    ['a non-numeric id', () => ({ url: '/api/v1/teams/abc', headers }), 400, 'validation_failed'],
    [
      'an oversized body',
      () => ({
        method: 'POST',
        url: '/api/v1/teams',
        headers,
        payload: { name: 'A', description: 'x'.repeat(2_000_000) },
      }),
      413,
      'payload_too_large',
    ],
    [
      'a body of another type',
      () => ({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: 'name=A',
      }),
      415,
      'unsupported_media_type',
    ],
    ['a missing object', () => ({ url: '/api/v1/teams/424242', headers }), 404, 'not_found'],
    ['an unknown route', () => ({ url: '/api/v1/nothing-here', headers }), 404, 'not_found'],
  ];

  for (const [name, request, status, code] of cases) {
    it(`answers ${status} ${code} to ${name}`, async () => {
      const response = await app.inject(request());
      expect(response.statusCode).toBe(status);
      const body = json<{ error: { code: string; message: string } }>(response);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('names the failing field in validation details', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'not-an-email', name: 'X', role: 'admin', password: 'short' },
    });
    const body = json<{ error: { details: { path: string }[] } }>(response);
    expect(body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const response = await app.inject({ url: '/api/v1/auth/me', headers });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(json(await app.inject({ url: '/readyz' }))).toEqual({ status: 'ready' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('regia_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('regia_process_cpu_seconds_total');
    const openapi = json<{ openapi: string; paths: Record<string, unknown> }>(
      await app.inject({ url: '/api/openapi.json' }),
    );
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/auth/login');
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('never shows a secret in an answer', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'secret@example.test', name: 'S', role: 'member', password: 'my secret password' },
    });
    expect(created.body).not.toContain('my secret password');
    expect(created.body).not.toContain('argon2');
    const list = await app.inject({ url: '/api/v1/users', headers });
    expect(list.body).not.toContain('argon2');
    expect(list.body).not.toContain('passwordHash');
  });
});
