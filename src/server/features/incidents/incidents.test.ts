import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { IncidentDetail, IncidentPage } from '../../../shared/contracts/incidents';
import type { ErrorBody } from '../../../shared/errors';
import {
  buildIncidentWorld,
  type Headers,
  type IncidentWorld,
  insertChannelAndRule,
  insertCheck,
  outboxOf,
  postIncident,
  recordStatus,
} from './incidents.test-support';

const minute = 60_000;

describeEachDialect('incidents API', (storage) => {
  let world: IncidentWorld;
  let app: FastifyInstance;
  let admin: Headers;
  beforeAll(async () => {
    world = await buildIncidentWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
  });
  afterAll(() => world?.close());

  const post = (url: string, headers: Headers, payload: unknown = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/incidents${url}`, headers, payload: payload as object });
  const get = (url: string, headers: Headers = admin) =>
    app.inject({ url: `/api/v1/incidents${url}`, headers });
  const auditOf = (id: number) =>
    world.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorLabel'])
      .where('entityType', '=', 'incident')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();

  describe('a manual incident, from opening to review', () => {
    it('keeps the four moments apart and shows their intervals', async () => {
      const channelId = await insertChannelAndRule(world.ctx.db, [
        'incident.opened',
        'incident.acknowledged',
        'incident.resolved',
      ]);
      const item = await world.item({ criticality: 2 });
      const dependant = await world.item({ criticality: 1 });
      await world.dependsOn(dependant.id, item.id);
      const start = world.ctx.clock.now;
      const created = await postIncident(app, world.users.member.headers, {
        title: 'Slow invoices',
        description: 'Users say invoices take minutes',
        itemId: item.id,
      });
      expect(created).toMatchObject({
        title: 'Slow invoices',
        origin: 'manual',
        state: 'open',
        severity: 2,
        teamId: world.ops.id,
        itemName: item.name,
        detectedAt: start,
        acknowledgedAt: null,
        restoredAt: null,
        resolvedAt: null,
        autoResolve: false,
        canChange: true,
        durations: { toAcknowledgeMs: null, toRestoreMs: null, toResolveMs: null },
        impacted: [{ id: dependant.id, depth: 1 }],
      });
      expect(created.events.map((e) => e.kind)).toEqual(['created']);

      world.ctx.clock.now = start + 5 * minute;
      const acknowledged = json<IncidentDetail>(
        await post(`/${created.id}/acknowledge`, world.users.lead.headers),
      );
      expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedAt: start + 5 * minute });
      // a second acknowledgement changes nothing
      world.ctx.clock.now = start + 6 * minute;
      const again = await post(`/${created.id}/acknowledge`, admin);
      expect(again.statusCode).toBe(200);
      expect(json<IncidentDetail>(again).acknowledgedAt).toBe(start + 5 * minute);

      world.ctx.clock.now = start + 30 * minute;
      const resolved = json<IncidentDetail>(
        await post(`/${created.id}/resolve`, world.users.member.headers, { note: 'index rebuilt' }),
      );
      expect(resolved).toMatchObject({
        state: 'resolved',
        restoredAt: start + 30 * minute,
        resolvedAt: start + 30 * minute,
        durations: { toAcknowledgeMs: 5 * minute, toRestoreMs: 30 * minute, toResolveMs: 30 * minute },
      });
      expect(resolved.events.map((e) => [e.kind, e.body])).toEqual([
        ['created', 'Opened by hand: Slow invoices'],
        ['acknowledged', `Acknowledged by ${world.users.lead.user.name}`],
        ['resolved', 'index rebuilt'],
      ]);
      const keys = (await outboxOf(world.ctx.db, channelId)).map((row) => row.idempotencyKey);
      expect(keys).toEqual([
        `incident:${created.id}:opened`,
        `incident:${created.id}:acknowledged`,
        `incident:${created.id}:resolved`,
      ]);

      const review = await app.inject({
        method: 'PUT',
        url: `/api/v1/incidents/${created.id}/review`,
        headers: admin,
        payload: { cause: 'A missing index after the upgrade', actions: 'Check indexes after upgrades' },
      });
      expect(review.statusCode).toBe(200);
      expect(json<IncidentDetail>(review)).toMatchObject({
        reviewCause: 'A missing index after the upgrade',
        reviewActions: 'Check indexes after upgrades',
        reviewedById: world.users.admin.user.id,
        reviewedByName: world.users.admin.user.name,
      });
      expect((await auditOf(created.id)).map((a) => a.action)).toEqual([
        'incident.create',
        'incident.acknowledge',
        'incident.resolve',
        'incident.review',
      ]);
    });

    it('assigns, comments as plain text, changes severity and public summary, reopens', async () => {
      const created = await postIncident(app, admin, { title: 'VPN drops', teamId: world.net.id });
      expect(created).toMatchObject({ itemId: null, severity: 3, teamId: world.net.id });
      const assigned = await post(`/${created.id}/assign`, admin, { assigneeId: world.users.member.user.id });
      expect(json<IncidentDetail>(assigned)).toMatchObject({
        assigneeId: world.users.member.user.id,
        assigneeName: world.users.member.user.name,
      });
      const markup = '<script>alert(1)</script> **bold**';
      const commented = await post(`/${created.id}/comments`, admin, { body: markup });
      expect(commented.statusCode).toBe(201);
      expect(json<IncidentDetail>(commented).events.at(-1)).toMatchObject({ kind: 'comment', body: markup });
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/incidents/${created.id}`,
        headers: admin,
        payload: { severity: 1, publicSummary: 'Remote access is disrupted' },
      });
      expect(json<IncidentDetail>(patched)).toMatchObject({
        severity: 1,
        publicSummary: 'Remote access is disrupted',
      });
      expect(json<IncidentDetail>(patched).events.map((e) => e.kind)).toEqual([
        'created',
        'assigned',
        'comment',
        'severity',
        'publicSummary',
      ]);
      expect((await post(`/${created.id}/reopen`, admin)).statusCode).toBe(409);
      expect((await post(`/${created.id}/resolve`, admin)).statusCode).toBe(200);
      expect((await post(`/${created.id}/resolve`, admin)).statusCode).toBe(409);
      const reopened = json<IncidentDetail>(
        await post(`/${created.id}/reopen`, admin, { note: 'back again' }),
      );
      expect(reopened).toMatchObject({ state: 'open', resolvedAt: null, restoredAt: null, reopenCount: 1 });
      const unassigned = await post(`/${created.id}/assign`, admin, { assigneeId: null });
      expect(json<IncidentDetail>(unassigned).assigneeId).toBeNull();
      expect((await auditOf(created.id)).map((a) => a.action)).toEqual([
        'incident.create',
        'incident.assign',
        'incident.comment',
        'incident.update',
        'incident.resolve',
        'incident.reopen',
        'incident.assign',
      ]);
    });
  });

  describe('automatic incidents seen through the API', () => {
    it('shows the gathered checks with their state, and refuses a second open incident on the item', async () => {
      const item = await world.item({ criticality: 1 });
      const checkId = await insertCheck(world.ctx.db, { itemId: item.id, name: 'portal https' });
      await recordStatus(world, checkId, 'down', world.ctx.clock.now);
      const page = json<IncidentPage>(await get(`?itemId=${item.id}`));
      expect(page.total).toBe(1);
      const detail = json<IncidentDetail>(await get(`/${page.rows[0]!.id}`, world.users.auditor.headers));
      expect(detail).toMatchObject({ origin: 'check', severity: 1, canChange: false });
      expect(detail.checks).toMatchObject([
        { checkId, name: 'portal https', state: 'down', message: 'connection refused', recoveredAt: null },
      ]);
      const duplicate = await post('', admin, { title: 'again', itemId: item.id });
      expect(duplicate.statusCode).toBe(409);
    });
  });

  describe('lists', () => {
    it('filters by state, severity, team, item and text, sorts and pages', async () => {
      const a = await postIncident(app, admin, {
        title: 'Printer queue stuck zeta',
        severity: 4,
        teamId: world.net.id,
      });
      await postIncident(app, admin, { title: 'Mail delayed zeta', severity: 2, teamId: world.net.id });
      await post(`/${a.id}/acknowledge`, admin);
      const byText = json<IncidentPage>(await get('?q=ZETA&sort=severity&direction=asc'));
      expect(byText.rows.map((row) => row.title)).toEqual(['Mail delayed zeta', 'Printer queue stuck zeta']);
      expect(json<IncidentPage>(await get('?q=zeta&state=acknowledged')).rows.map((r) => r.id)).toEqual([
        a.id,
      ]);
      expect(json<IncidentPage>(await get('?q=zeta&severity=4')).total).toBe(1);
      expect(json<IncidentPage>(await get(`?q=zeta&teamId=${world.ops.id}`)).total).toBe(0);
      expect(json<IncidentPage>(await get('?q=zeta&isOpen=true')).total).toBe(2);
      const paged = json<IncidentPage>(await get('?q=zeta&pageSize=1&page=2'));
      expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(paged.rows).toHaveLength(1);
      expect(json<IncidentPage>(await get('?q=100%25')).total).toBe(0);
    });
  });

  describe('access and validation', () => {
    let opsIncident: IncidentDetail;
    let netIncident: IncidentDetail;
    beforeAll(async () => {
      opsIncident = await postIncident(app, admin, { title: 'Ops thing', teamId: world.ops.id });
      netIncident = await postIncident(app, admin, { title: 'Net thing', teamId: world.net.id });
    });

    // Every route of the feature, with a valid body, so that only the caller or the id can fail it.
    const routes = (id: number | string) =>
      [
        ['GET', '', undefined],
        ['POST', '', { title: 'x' }],
        ['GET', `/${id}`, undefined],
        ['PATCH', `/${id}`, { severity: 2 }],
        ['POST', `/${id}/acknowledge`, {}],
        ['POST', `/${id}/assign`, { assigneeId: null }],
        ['POST', `/${id}/comments`, { body: 'x' }],
        ['POST', `/${id}/resolve`, {}],
        ['POST', `/${id}/reopen`, {}],
        ['PUT', `/${id}/review`, { cause: 'x' }],
      ] as const;

    it('answers 401 to every route without credentials', async () => {
      for (const [method, url, payload] of routes(opsIncident.id)) {
        const response = await app.inject({ method, url: `/api/v1/incidents${url}`, payload });
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 401 });
      }
    });

    it('answers 404 to every action on an incident that does not exist', async () => {
      for (const [method, url, payload] of routes(999999).filter(([, url]) => url !== '')) {
        const response = await app.inject({
          method,
          url: `/api/v1/incidents${url}`,
          headers: admin,
          payload,
        });
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 404 });
      }
    });

    it('lets auditors read and refuses them every change, and keeps requesters out', async () => {
      const auditor = world.users.auditor.headers;
      expect((await get('', auditor)).statusCode).toBe(200);
      expect((await get(`/${opsIncident.id}`, auditor)).statusCode).toBe(200);
      for (const action of ['acknowledge', 'resolve', 'reopen', 'assign', 'comments']) {
        expect(
          (await post(`/${opsIncident.id}/${action}`, auditor, { body: 'x', assigneeId: null })).statusCode,
        ).toBe(403);
      }
      expect((await post('', auditor, { title: 'x' })).statusCode).toBe(403);
      expect((await get('', world.users.requester.headers)).statusCode).toBe(403);
    });

    it("keeps leads and members to their own teams' incidents", async () => {
      const member = world.users.member.headers;
      const lead = world.users.lead.headers;
      const refused = await post(`/${netIncident.id}/acknowledge`, member);
      expect(refused.statusCode).toBe(403);
      expect(json<ErrorBody>(refused).error.code).toBe('forbidden');
      expect((await post(`/${netIncident.id}/comments`, lead, { body: 'hi' })).statusCode).toBe(403);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/incidents/${netIncident.id}`,
        headers: member,
        payload: { severity: 1 },
      });
      expect(patch.statusCode).toBe(403);
      expect((await post('', member, { title: 'for Net', teamId: world.net.id })).statusCode).toBe(403);
      expect((await post('', member, { title: 'for nobody' })).statusCode).toBe(403);
      expect((await post(`/${opsIncident.id}/comments`, member, { body: 'mine' })).statusCode).toBe(201);
      expect(
        (await post(`/${netIncident.id}/comments`, world.users.manager.headers, { body: 'ok' })).statusCode,
      ).toBe(201);
      const detail = json<IncidentDetail>(await get(`/${netIncident.id}`, member));
      expect(detail.canChange).toBe(false);
    });

    it('answers 404 for an incident that does not exist', async () => {
      expect((await get('/999999')).statusCode).toBe(404);
      expect((await post('/999999/acknowledge', admin)).statusCode).toBe(404);
      expect((await post('/999999/comments', admin, { body: 'x' })).statusCode).toBe(404);
    });

    it('answers 400 to invalid input', async () => {
      const cases: [string, unknown][] = [
        ['', {}],
        ['', { title: '' }],
        ['', { title: 'x', severity: 5 }],
        ['', { title: 'x', unknownField: 1 }],
        ['', { title: 'x', itemId: 999999 }],
        ['', { title: 'x', teamId: 999999 }],
        [`/${opsIncident.id}/comments`, { body: '   ' }],
        [`/${opsIncident.id}/comments`, { body: 'x'.repeat(10_001) }],
        [`/${opsIncident.id}/assign`, { assigneeId: 999999 }],
        [`/${opsIncident.id}/assign`, { assigneeId: 'me' }],
        [`/${opsIncident.id}/resolve`, { note: 1 }],
      ];
      for (const [url, payload] of cases) {
        const response = await post(url, admin, payload);
        expect({ url, payload, status: response.statusCode }).toEqual({ url, payload, status: 400 });
      }
      expect((await get('?state=closed')).statusCode).toBe(400);
      expect((await get('?sort=title')).statusCode).toBe(400);
      expect((await get('?pageSize=1000')).statusCode).toBe(400);
      expect((await get('/abc')).statusCode).toBe(400);
      const review = await app.inject({
        method: 'PUT',
        url: `/api/v1/incidents/${opsIncident.id}/review`,
        headers: admin,
        payload: { actions: 'no cause' },
      });
      expect(review.statusCode).toBe(400);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/incidents/${opsIncident.id}`,
        headers: admin,
        payload: { state: 'resolved' },
      });
      expect(patch.statusCode).toBe(400);
    });

    it('lets admins change how automatic incidents behave, audited', async () => {
      expect(json(await get('/settings', world.users.auditor.headers))).toEqual({ autoResolve: true });
      const put = (headers: Headers, autoResolve: boolean) =>
        app.inject({ method: 'PUT', url: '/api/v1/incidents/settings', headers, payload: { autoResolve } });
      expect((await put(world.users.manager.headers, false)).statusCode).toBe(403);
      expect(json(await put(admin, false))).toEqual({ autoResolve: false });
      expect(json(await put(admin, true))).toEqual({ autoResolve: true });
      const audit = await world.ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', '=', 'settings.incidents.update')
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('announces every change on the event bus after the commit', async () => {
      const heard: (number | null)[] = [];
      const off = world.ctx.events.on('incident.changed', (event) => heard.push(event.incidentId));
      try {
        await post(`/${opsIncident.id}/comments`, admin, { body: 'ping' });
        expect(heard).toEqual([opsIncident.id]);
      } finally {
        off();
      }
    });
  });
});
