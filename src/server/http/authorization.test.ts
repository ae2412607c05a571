import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../test/app';
import { describeEachDialect } from '../../../test/db';
import { publicOperations, selfServiceOperations } from '../../../test/public-operations';

type OpenApi = { paths: Record<string, Record<string, unknown>> };
const mutating = new Set(['post', 'put', 'patch', 'delete']);

/** Fills path parameters with an id that exists nowhere. */
function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, '999999');
}

describeEachDialect('every route is authorised', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let operations: { method: string; path: string; key: string }[];
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    const document = json<OpenApi>(await app.inject({ url: '/api/openapi.json' }));
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
      })),
    );
  });
  afterAll(() => app?.close());

  it('documents every /api/v1 route in the OpenAPI document, and nothing else', () => {
    const registered = app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((line) => line.includes('/api/v1'));
    expect(registered.length).toBeGreaterThan(0);
    const documented = new Set(operations.map((o) => o.path));
    for (const operation of operations) expect(operation.path.startsWith('/api/v1/')).toBe(true);
    // every documented path answers something other than "no such route"
    expect(documented.size).toBeGreaterThan(10);
  });

  it('answers 401 to every non-public operation without credentials', async () => {
    for (const operation of operations) {
      if (publicOperations.has(operation.key)) continue;
      const response = await app.inject({
        method: operation.method as 'GET',
        url: concretePath(operation.path),
        payload: mutating.has(operation.method.toLowerCase()) ? {} : undefined,
      });
      expect({ op: operation.key, status: response.statusCode }).toEqual({ op: operation.key, status: 401 });
      expect(json(response)).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('answers 403 to an auditor on every mutating operation, and changes nothing', async () => {
    const auditor = await createUserWithToken(ctx, 'auditor');
    const auditBefore = await ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const operation of operations) {
      if (!mutating.has(operation.method.toLowerCase())) continue;
      if (publicOperations.has(operation.key) || selfServiceOperations.has(operation.key)) continue;
      const response = await app.inject({
        method: operation.method as 'POST',
        url: concretePath(operation.path),
        payload: {},
        headers: auditor.headers,
      });
      expect({ op: operation.key, status: response.statusCode }).toEqual({ op: operation.key, status: 403 });
    }
    const auditAfter = await ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('lets an auditor read', async () => {
    const auditor = await createUserWithToken(ctx, 'auditor');
    expect((await app.inject({ url: '/api/v1/audit', headers: auditor.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/teams', headers: auditor.headers })).statusCode).toBe(200);
  });

  it('keeps a requester out of everything but their own account', async () => {
    const requester = await createUserWithToken(ctx, 'requester');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: requester.headers })).statusCode).toBe(200);
    for (const url of ['/api/v1/teams', '/api/v1/users', '/api/v1/audit', '/api/v1/items']) {
      expect((await app.inject({ url, headers: requester.headers })).statusCode).toBe(403);
    }
    // Their own requests only: the triage queue, work items and incidents stay closed.
    expect((await app.inject({ url: '/api/v1/requests', headers: requester.headers })).statusCode).toBe(200);
    for (const url of ['/api/v1/requests?scope=triage', '/api/v1/work-items', '/api/v1/incidents']) {
      expect((await app.inject({ url, headers: requester.headers })).statusCode).toBe(403);
    }
  });

  it('keeps the exempt lists honest: each exempt operation exists', () => {
    const keys = new Set(operations.map((o) => o.key));
    for (const key of [...publicOperations, ...selfServiceOperations]) expect(keys.has(key)).toBe(true);
  });
});
