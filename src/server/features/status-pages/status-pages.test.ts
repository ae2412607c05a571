import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { PublicStatusPage, StatusPage, StatusPagePage } from '../../../shared/contracts/status-pages';
import type { ErrorBody } from '../../../shared/errors';
import { recordOptionsOf } from '../../reactions';
import { type PendingResult, recordResults } from '../checks/result-recorder';
import {
  buildMaintenanceWorld,
  buildWindow,
  type Headers,
  type MaintenanceWorld,
  postWindow,
} from '../maintenance/maintenance.test-support';

const at = (iso: string) => Date.parse(iso);

function result(checkId: number, startedAt: number, status: PendingResult['status']): PendingResult {
  return {
    checkId,
    location: 'local',
    plannedAt: startedAt,
    startedAt,
    status,
    latencyMs: 10,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    message: status === 'down' ? 'connect ECONNREFUSED 10.0.0.7:443' : 'ok',
    details: {},
  };
}

describeEachDialect('status pages', (storage) => {
  let world: MaintenanceWorld;
  let manager: Headers;
  beforeAll(async () => {
    world = await buildMaintenanceWorld(storage());
    manager = world.users.manager.headers;
    world.ctx.clock.now = at('2026-11-25T12:00:00Z');
  });
  afterAll(() => world?.app.close());

  const createPage = async (payload: object) => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/status-pages',
      headers: manager,
      payload,
    });
    if (response.statusCode !== 201)
      throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    return json<StatusPage>(response);
  };
  const publicGet = (slug: string) => world.app.inject({ url: `/api/v1/public/status-pages/${slug}` });

  it('creates, changes and deletes pages, audited; only admins and managers change them', async () => {
    const page = await createPage({
      slug: '  ERP-Services ',
      title: 'ERP services',
      services: [{ itemId: world.items.erp.id, displayName: 'Gestionale' }],
    });
    expect(page).toMatchObject({
      slug: 'erp-services',
      language: 'en',
      isPublished: false,
      services: [
        {
          itemId: world.items.erp.id,
          itemName: world.items.erp.name,
          displayName: 'Gestionale',
          position: 0,
        },
      ],
    });
    const changed = json<StatusPage>(
      await world.app.inject({
        method: 'PATCH',
        url: `/api/v1/status-pages/${page.id}`,
        headers: manager,
        payload: {
          language: 'it',
          services: [
            { itemId: world.items.crm.id, displayName: 'CRM' },
            { itemId: world.items.erp.id, displayName: 'Gestionale' },
          ],
        },
      }),
    );
    expect(changed.services.map((s) => [s.displayName, s.position])).toEqual([
      ['CRM', 0],
      ['Gestionale', 1],
    ]);
    for (const role of ['lead', 'member', 'auditor'] as const) {
      const response = await world.app.inject({
        method: 'PATCH',
        url: `/api/v1/status-pages/${page.id}`,
        headers: world.users[role].headers,
        payload: { isPublished: true },
      });
      expect({ role, status: response.statusCode }).toEqual({ role, status: 403 });
    }
    const list = json<StatusPagePage>(
      await world.app.inject({ url: '/api/v1/status-pages', headers: world.users.auditor.headers }),
    );
    expect(list.rows.map((row) => row.slug)).toContain('erp-services');
    const deleted = await world.app.inject({
      method: 'DELETE',
      url: `/api/v1/status-pages/${page.id}`,
      headers: manager,
    });
    expect(deleted.statusCode).toBe(200);
    const audit = await world.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'statusPage')
      .where('entityId', '=', String(page.id))
      .orderBy('id')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'statusPage.create',
      'statusPage.update',
      'statusPage.delete',
    ]);
  });

  it.each([
    ['a slug with a slash', { slug: 'a/b' }, 'body.slug'],
    ['a slug with a space inside', { slug: 'a b' }, 'body.slug'],
    ['a slug ending in a hyphen', { slug: 'erp-' }, 'body.slug'],
    ['an unknown language', { slug: 'x1', language: 'de' }, 'body.language'],
    [
      'an unknown item',
      { slug: 'x2', services: [{ itemId: 999_999, displayName: 'X' }] },
      'body.services.0.itemId',
    ],
    [
      'an empty display name',
      { slug: 'x3', services: [{ itemId: 1, displayName: ' ' }] },
      'body.services.0.displayName',
    ],
    ['an unknown field', { slug: 'x4', isAdmin: true }, 'body'],
  ])('refuses %s with 400 and the field', async (_what, change, field) => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/status-pages',
      headers: manager,
      payload: { title: 'T', ...change },
    });
    expect(response.statusCode).toBe(400);
    expect((json<ErrorBody>(response).error.details as { path: string }[]).map((d) => d.path)).toContain(
      field,
    );
  });

  it('refuses a slug already used with 409', async () => {
    await createPage({ slug: 'taken', title: 'One' });
    const again = await world.app.inject({
      method: 'POST',
      url: '/api/v1/status-pages',
      headers: manager,
      payload: { slug: 'TAKEN', title: 'Two' },
    });
    expect(again.statusCode).toBe(409);
  });

  describe('the public page', () => {
    it('answers the same 404 for an unknown slug and an unpublished page, whose preview editors still see', async () => {
      const draft = await createPage({
        slug: 'draft-page',
        title: 'Draft',
        services: [{ itemId: world.items.erp.id, displayName: 'Gestionale' }],
      });
      const unpublished = await publicGet('draft-page');
      const unknown = await publicGet('no-such-page');
      expect(unpublished.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(json(unpublished)).toEqual(json(unknown));
      const preview = await world.app.inject({
        url: `/api/v1/status-pages/${draft.id}/preview`,
        headers: world.users.auditor.headers,
      });
      expect(preview.statusCode).toBe(200);
      expect(json<PublicStatusPage>(preview).services.map((s) => s.name)).toEqual(['Gestionale']);
      expect((await world.app.inject({ url: `/api/v1/status-pages/${draft.id}/preview` })).statusCode).toBe(
        401,
      );
    });

    it('shows public names, states, 90 days, incidents and planned maintenance, and nothing internal', async () => {
      const { ctx, items, checks } = world;
      await recordResults(
        ctx.db,
        ctx.dialect,
        [
          result(checks.erp.id, at('2026-11-25T10:00:00Z'), 'up'),
          result(checks.vm.id, at('2026-11-25T10:00:00Z'), 'up'),
          result(checks.vm.id, at('2026-11-25T10:01:00Z'), 'down'),
          result(checks.switch.id, at('2026-11-25T10:00:00Z'), 'up'),
        ],
        recordOptionsOf(ctx.reactions),
      );
      // An open incident on vm-1 (which the ERP relies on), one with a public summary, one without.
      const incident = (itemId: number, publicSummary: string, title: string) =>
        ctx.db
          .insertInto('incidents')
          .values({
            title,
            description: `ssh ${items.vm.name}.internal.example failed`,
            publicSummary,
            itemId,
            teamId: world.ops.id,
            severity: 2,
            origin: 'manual',
            state: 'open',
            autoResolve: 0,
            assigneeId: null,
            parentIncidentId: null,
            detectedAt: at('2026-11-25T10:01:00Z'),
            acknowledgedAt: null,
            restoredAt: null,
            resolvedAt: null,
            reviewCause: null,
            reviewActions: null,
            reviewedAt: null,
            reviewedById: null,
            createdById: null,
            updatedAt: at('2026-11-25T10:01:00Z'),
          })
          .execute();
      // vm-1 going down opened an incident already (the incidents feature): give it a public summary.
      const opened = await ctx.db
        .updateTable('incidents')
        .set({ publicSummary: 'Slow answers from the ordering system' })
        .where('itemId', '=', items.vm.id)
        .where('resolvedAt', 'is', null)
        .returning('id')
        .execute();
      if (opened.length === 0) {
        await incident(
          items.vm.id,
          'Slow answers from the ordering system',
          `${items.vm.name} hypervisor down`,
        );
      }
      await incident(items.switch.id, '', `${items.switch.name} port flapping`);
      // Planned work in 3 days on the switch, and one in 20 days (beyond the 14 shown).
      await postWindow(
        world.app,
        world.users.admin.headers,
        buildWindow({
          title: 'Network upgrade',
          startsAt: at('2026-11-28T21:00:00Z'),
          itemIds: [items.switch.id],
        }),
      );
      await postWindow(
        world.app,
        world.users.admin.headers,
        buildWindow({ title: 'Far away', startsAt: at('2026-12-15T21:00:00Z'), itemIds: [items.switch.id] }),
      );
      const hostile = '<img src=x onerror=alert(1)>';
      await createPage({
        slug: 'status',
        title: `Servizi ${hostile}`,
        language: 'it',
        isPublished: true,
        services: [
          { itemId: items.erp.id, displayName: 'Gestionale' },
          { itemId: items.switch.id, displayName: 'Rete' },
        ],
      });

      const response = await publicGet('Status');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const view = json<PublicStatusPage>(response);
      // Text is data: stored and answered as written; the page renders it as text.
      expect(view.title).toBe(`Servizi ${hostile}`);
      expect(view.language).toBe('it');
      expect(view.overall).toBe('down');
      expect(view.services.map((s) => [s.name, s.state])).toEqual([
        ['Gestionale', 'down'],
        ['Rete', 'up'],
      ]);
      expect(view.services[0]?.days).toHaveLength(90);
      expect(view.services[0]?.days.at(-1)).toEqual({ day: '2026-11-25', availability: 0.5 });
      expect(view.incidents.map(({ summary, services }) => ({ summary, services }))).toEqual([
        { summary: 'Slow answers from the ordering system', services: ['Gestionale'] },
        { summary: null, services: ['Rete'] },
      ]);
      expect(view.maintenance).toEqual([
        {
          title: 'Network upgrade',
          startsAt: at('2026-11-28T21:00:00Z'),
          endsAt: at('2026-11-28T22:00:00Z'),
          isActive: false,
          services: ['Rete'],
        },
      ]);

      // Nothing internal: no item names, hosts, check names, check messages, incident titles or ids.
      const body = response.body;
      for (const secret of [
        ...Object.values(items).map((item) => item.name),
        ...Object.values(checks).map((check) => check.name),
        'internal.example',
        'ECONNREFUSED',
        '10.0.0.7',
        'hypervisor',
        'flapping',
        'itemId',
        'checkId',
        'vm-1',
      ]) {
        expect({ secret, leaked: body.includes(secret) }).toEqual({ secret, leaked: false });
      }
    });

    it('limits how often one address may ask', async () => {
      let last = 200;
      for (let i = 0; i < 70 && last !== 429; i += 1) last = (await publicGet('status')).statusCode;
      expect(last).toBe(429);
    });
  });
});
