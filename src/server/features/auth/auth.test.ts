import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildTestApp,
  createUserWithToken,
  json,
  loginCookie,
  testOrigin,
  testPassword,
  testSetupCode,
} from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';

describeEachDialect('first-run setup and sessions', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  it('opens setup only with the one-time code, then closes it for good', async () => {
    expect(json(await app.inject({ url: '/api/v1/setup' }))).toEqual({ isOpen: true });
    const body = { email: 'Admin@Example.test', name: 'Ada', password: testPassword };
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, code: 'NOPE' },
      headers: { origin: testOrigin },
    });
    expect(wrong.statusCode).toBe(403);
    const done = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, code: testSetupCode },
      headers: { origin: testOrigin },
    });
    expect(done.statusCode).toBe(200);
    expect(json(done)).toMatchObject({ email: 'admin@example.test', role: 'admin' });
    const cookie = done.cookies.find((c) => c.name === 'regia_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(json(await app.inject({ url: '/api/v1/setup' }))).toEqual({ isOpen: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, email: 'x@example.test', code: testSetupCode },
      headers: { origin: testOrigin },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'setup_closed' } });
  });

  it('gives the same answer for an unknown user and a wrong password, and throttles guessing', async () => {
    const { user } = await createUserWithToken(ctx, 'member');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'whatever-it-is' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'whatever-it-is' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    for (let i = 0; i < 4; i += 1) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'whatever-it-is' },
        remoteAddress: `10.0.0.${i}`,
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: testPassword },
      remoteAddress: '10.0.1.1',
    });
    expect(locked.statusCode).toBe(429);
    expect(json<{ error: { message: string } }>(locked).error.message).toMatch(/Too many failed sign-ins/);
    ctx.clock.now += 16 * 60_000;
    const later = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: testPassword },
      remoteAddress: '10.0.1.1',
    });
    expect(later.statusCode).toBe(200);
  });

  it('ends every session when the password changes, and keeps the browser that changed it signed in', async () => {
    const { user } = await createUserWithToken(ctx, 'lead');
    const first = await loginCookie(app, user.email);
    const second = await loginCookie(app, user.email);
    const change = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: testPassword, newPassword: 'a much newer password' },
      headers: { cookie: first, origin: testOrigin },
    });
    expect(change.statusCode).toBe(200);
    const renewed = change.cookies.find((c) => c.name === 'regia_session');
    expect(renewed).toBeDefined();
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    const me = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `regia_session=${renewed?.value}` },
    });
    expect(json(me)).toMatchObject({ email: user.email });
  });

  it('ends sessions and refuses tokens of a disabled account', async () => {
    const admin = await createUserWithToken(ctx, 'admin');
    const target = await createUserWithToken(ctx, 'member');
    const cookie = await loginCookie(app, target.user.email);
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target.user.id}`,
      payload: { isDisabled: true },
      headers: admin.headers,
    });
    expect(disable.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: target.headers })).statusCode).toBe(401);
  });

  it('refuses cookie-authenticated changes from another origin or without one', async () => {
    const { user } = await createUserWithToken(ctx, 'manager');
    const cookie = await loginCookie(app, user.email);
    const payload = { name: 'Cross Site Team' };
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload,
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    const bare = await app.inject({ method: 'POST', url: '/api/v1/teams', payload, headers: { cookie } });
    expect(bare.statusCode).toBe(403);
    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload,
      headers: { cookie, origin: testOrigin },
    });
    expect(same.statusCode).toBe(201);
  });

  it('shows an API token once, stores only its hash, and stops it when revoked', async () => {
    const { headers } = await createUserWithToken(ctx, 'member');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'cli', expiresInDays: 30 },
      headers,
    });
    expect(created.statusCode).toBe(201);
    const token = json<{ id: number; token: string }>(created);
    expect(token.token).toMatch(/^rg_/);
    const stored = await ctx.db
      .selectFrom('apiTokens')
      .select('tokenHash')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token.token);
    const listed = await app.inject({
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(listed.body).not.toContain(token.token);
    await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers });
    expect(
      (await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token.token}` } }))
        .statusCode,
    ).toBe(401);
  });

  it("tells the signed-in user the organisation's timezone, from sign-in and from /auth/me", async () => {
    const configured = ctx.config.timezone;
    // A zone other than the default, so the answer must come from the configuration.
    ctx.config.timezone = 'America/New_York';
    try {
      const { user, headers } = await createUserWithToken(ctx, 'member');
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: testPassword },
        headers: { origin: testOrigin, host: 'localhost:80' },
      });
      expect(json(login)).toMatchObject({ email: user.email, timezone: 'America/New_York' });
      const me = await app.inject({ url: '/api/v1/auth/me', headers });
      expect(json(me)).toMatchObject({ id: user.id, timezone: 'America/New_York' });
    } finally {
      ctx.config.timezone = configured;
    }
  });
});
