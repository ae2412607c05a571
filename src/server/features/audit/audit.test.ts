import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { verifyAuditChain } from './audit.repository';

describeEachDialect('audit log', (storage) => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  let ctx: Awaited<ReturnType<typeof buildTestApp>>['ctx'];
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    admin = await createUserWithToken(ctx, 'admin');
  });
  afterAll(() => app?.close());

  it('records who changed what, with before and after', async () => {
    const created = json<{ id: number }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: admin.headers,
        payload: { name: 'Rete', description: 'network' },
      }),
    );
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${created.id}`,
      headers: admin.headers,
      payload: { description: 'LAN and WAN' },
    });
    const page = json<{
      rows: {
        action: string;
        actorLabel: string;
        before: { description: string };
        after: { description: string };
      }[];
    }>(
      await app.inject({
        url: `/api/v1/audit?entityType=team&entityId=${created.id}`,
        headers: admin.headers,
      }),
    );
    expect(page.rows.map((r) => r.action)).toEqual(['team.update', 'team.create']);
    expect(page.rows[0]).toMatchObject({
      actorLabel: admin.user.email,
      before: { description: 'network' },
      after: { description: 'LAN and WAN' },
    });
  });

  it('is refused by the database itself when updated or deleted', async () => {
    await expect(sql`UPDATE audit_log SET actor_label = 'someone else'`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain, and finds a forged record', async () => {
    const verified = json<{ isIntact: boolean; checked: number }>(
      await app.inject({ url: '/api/v1/audit/verify', headers: admin.headers }),
    );
    expect(verified.isIntact).toBe(true);
    expect(verified.checked).toBeGreaterThan(2);
    // A forger who bypasses the triggers (drops them) still cannot fix the chain.
    const last = await ctx.db
      .selectFrom('auditLog')
      .select(['id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    if (ctx.dialect === 'sqlite') {
      await sql`DROP TRIGGER audit_log_no_update`.execute(ctx.db);
      await sql`UPDATE audit_log SET after = '{"forged":true}' WHERE id = ${last.id - 1}`.execute(ctx.db);
    } else {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(ctx.db);
      await sql`UPDATE audit_log SET after = '{"forged":true}' WHERE id = ${last.id - 1}`.execute(ctx.db);
    }
    const broken = await verifyAuditChain(ctx.db);
    expect(broken).toMatchObject({ isIntact: false, firstBrokenId: last.id - 1 });
  });

  it('is not readable by a member', async () => {
    const member = await createUserWithToken(ctx, 'member');
    expect((await app.inject({ url: '/api/v1/audit', headers: member.headers })).statusCode).toBe(403);
  });

  it('never stores a password or hash in a record', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'p@example.test', name: 'P', role: 'member', password: 'never in the log please' },
    });
    const rows = await ctx.db.selectFrom('auditLog').select(['before', 'after']).execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain('never in the log please');
    expect(text).not.toContain('argon2');
  });
});
