import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';

describeEachDialect('outbound address policy settings', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const metadataCheck = { settings: { kind: 'tcp', host: '169.254.169.254', port: 80 }, timeoutMs: 300 };

  it('refuses cloud metadata by default, and lets an admin allow it, audited', async () => {
    const admin = await createUserWithToken(ctx, 'admin');
    const refused = json<{ status: string; message: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: metadataCheck,
      }),
    );
    expect(refused.status).toBe('down');
    expect(refused.message).toMatch(/refused range/);

    const policy = {
      probes: { allowLinkLocal: true, allowedCidrs: [], deniedCidrs: ['10.99.0.0/16'] },
      webhooks: { allowedCidrs: ['192.168.50.0/24'] },
    };
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/outbound-policy',
      headers: admin.headers,
      payload: policy,
    });
    expect(put.statusCode).toBe(200);
    expect(
      json(await app.inject({ url: '/api/v1/settings/outbound-policy', headers: admin.headers })),
    ).toEqual(policy);
    const allowed = json<{ message: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: metadataCheck,
      }),
    );
    expect(allowed.message).not.toMatch(/refused range/);
    const denied = json<{ message: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/checks/test',
        headers: admin.headers,
        payload: { settings: { kind: 'tcp', host: '10.99.1.1', port: 80 }, timeoutMs: 300 },
      }),
    );
    expect(denied.message).toMatch(/denied range/);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'settings.outboundPolicy.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is changed by admins only, and refuses a bad range by field', async () => {
    const manager = await createUserWithToken(ctx, 'manager');
    const body = {
      probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] },
      webhooks: { allowedCidrs: [] },
    };
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/settings/outbound-policy',
          headers: manager.headers,
          payload: body,
        })
      ).statusCode,
    ).toBe(403);
    const admin = await createUserWithToken(ctx, 'admin');
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/outbound-policy',
      headers: admin.headers,
      payload: { ...body, probes: { ...body.probes, allowedCidrs: ['999.1.1.1/8'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(bad).error.details[0]?.path).toBe(
      'body.probes.allowedCidrs.0',
    );
  });
});
