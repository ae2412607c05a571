import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { AppContext } from '../../context';
import { verifyAudit } from '../audit/audit.service';
import { exportConfiguration, planConfiguration, systemActor } from '../configuration/configuration.service';
import { parseConfigurationYaml, stringifyConfiguration } from '../configuration/configuration.yaml';
import { buildDemoDocument, demoAdminEmail, demoPassword } from './demo.data';
import { seedDemo } from './demo.service';

describeEachDialect('demo data', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  it('seeds a believable company through the services, with an intact audit chain', async () => {
    const result = await seedDemo(ctx);
    const document = buildDemoDocument(ctx.now());
    expect(document.items?.length).toBeGreaterThanOrEqual(140);
    expect(document.relations?.length).toBeGreaterThanOrEqual(150);
    const count = async (table: 'items' | 'relations' | 'teams' | 'users') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('items')).toBe(document.items?.length);
    expect(await count('relations')).toBe(document.relations?.length);
    expect(await count('teams')).toBe(5);
    expect(result.counts.create).toBe(
      (document.users?.length ?? 0) + 5 + (document.items?.length ?? 0) + (document.relations?.length ?? 0),
    );
    const audit = await verifyAudit(ctx);
    expect(audit).toMatchObject({ isIntact: true, firstBrokenId: null });
    expect(audit.checked).toBeGreaterThan(result.counts.create);

    // Lifecycle dates are relative to today: something has lapsed, something is coming up.
    const today = new Date(ctx.now()).toISOString().slice(0, 10);
    const inSixMonths = new Date(ctx.now() + 183 * 86_400_000).toISOString().slice(0, 10);
    const items = document.items ?? [];
    expect(items.some((item) => item.warrantyEnd && item.warrantyEnd < today)).toBe(true);
    expect(
      items.some(
        (item) => item.endOfSupport && item.endOfSupport >= today && item.endOfSupport <= inSixMonths,
      ),
    ).toBe(true);

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demoAdminEmail, password: demoPassword },
    });
    expect(login.statusCode).toBe(200);
    const impact = await app.inject({
      url: `/api/v1/items/${(await ctx.db.selectFrom('items').select('id').where('name', '=', 'bs-netapp01').executeTakeFirstOrThrow()).id}/impact`,
      headers: { cookie: `regia_session=${login.cookies.find((c) => c.name === 'regia_session')?.value}` },
    });
    // The storage failing takes the hosts, their virtual machines, the applications and the business services with it.
    const impacted = json<{ impacted: { name: string }[] }>(impact).impacted.map((i) => i.name);
    expect(impacted).toEqual(
      expect.arrayContaining(['esx-bs-01', 'bs-sap-prd01', 'SAP S/4HANA', 'Ordini clienti']),
    );
  });

  it('refuses to seed over existing data, and with --force finds everything already there', async () => {
    await expect(seedDemo(ctx)).rejects.toThrow(/already has 5 teams/);
    const again = await seedDemo(ctx, { force: true });
    expect(again.counts.create + again.counts.update).toBe(0);
  });

  it('exports to a file that applies back as all unchanged', async () => {
    const target = { mode: 'local' as const, ctx, actor: systemActor('cli') };
    const text = stringifyConfiguration(await exportConfiguration(target));
    const plan = await planConfiguration(target, parseConfigurationYaml(text));
    expect(plan.counts.create + plan.counts.update).toBe(0);
    expect(plan.counts.unchanged).toBeGreaterThan(300);
  });
});
