import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ProcedureTest, ProcedureTestPage } from '../../../shared/contracts/procedures';
import type { ErrorBody } from '../../../shared/errors';
import { createItem } from '../inventory/inventory.service';
import { listProcedureTests } from './procedures.service';
import {
  buildProcedureTest,
  buildProcedureWorld,
  fetchProcedureTest,
  type Headers,
  type ProcedureWorld,
  postProcedureTest,
} from './procedures.test-support';

const system = { userId: null, label: 'test' };

describeEachDialect('procedure tests', (storage) => {
  let world: ProcedureWorld;
  let app: FastifyInstance;
  let admin: Headers;
  beforeAll(async () => {
    world = await buildProcedureWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
  });
  afterAll(() => world?.close());

  const auditOf = (id: number) =>
    world.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after'])
      .where('entityType', '=', 'procedureTest')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();

  describe('create, get, update, delete', () => {
    it('creates a test with a cron schedule, due at its next occurrence, and audits every change', async () => {
      world.ctx.clock.now = Date.parse('2026-11-25T09:00:00Z');
      const item = await createItem(world.ctx, system, { kind: 'database', name: 'erp-db', criticality: 1 });
      const created = await postProcedureTest(
        app,
        admin,
        buildProcedureTest(world.ops.id, {
          name: '  ERP restore ',
          itemId: item.id,
          graceDays: 5,
          checklist: ['Restore last night backup to the test host', 'Start ERP', 'Check last order'],
        }),
      );
      expect(created).toMatchObject({
        name: 'ERP restore',
        kind: 'backupRestore',
        itemName: 'erp-db',
        ownerTeamName: 'Ops',
        timezone: 'Europe/Rome',
        state: 'unknown',
        dueAt: Date.parse('2027-01-01T08:00:00Z'),
        dueDate: '2027-01-01',
        // end of 6 January in Rome
        graceEndsAt: Date.parse('2027-01-06T23:00:00Z'),
        isOverdue: false,
        isMissed: false,
        lastRun: null,
        checklist: ['Restore last night backup to the test host', 'Start ERP', 'Check last order'],
      });
      expect(await fetchProcedureTest(app, world.users.auditor.headers, created.id)).toEqual(created);

      world.ctx.clock.now += 60_000;
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/procedure-tests/${created.id}`,
        headers: admin,
        payload: { schedule: '0 9 15 * *', graceDays: 0, description: 'monthly now' },
      });
      expect(patched.statusCode).toBe(200);
      expect(json(patched)).toMatchObject({
        schedule: '0 9 15 * *',
        description: 'monthly now',
        dueAt: Date.parse('2026-12-15T08:00:00Z'),
        graceEndsAt: Date.parse('2026-12-15T23:00:00Z'),
      });

      const same = await app.inject({
        method: 'PATCH',
        url: `/api/v1/procedure-tests/${created.id}`,
        headers: admin,
        payload: { description: 'monthly now' },
      });
      expect(json(same)).toEqual(json(patched));

      const deleted = await app.inject({
        method: 'DELETE',
        url: `/api/v1/procedure-tests/${created.id}`,
        headers: admin,
      });
      expect(json(deleted)).toEqual({ ok: true });
      const gone = await app.inject({ url: `/api/v1/procedure-tests/${created.id}`, headers: admin });
      expect(gone.statusCode).toBe(404);

      const audit = await auditOf(created.id);
      expect(audit.map((entry) => entry.action)).toEqual([
        'procedureTest.create',
        'procedureTest.update',
        'procedureTest.delete',
      ]);
      expect(JSON.parse(audit[1]?.before ?? '{}')).toMatchObject({ schedule: '0 9 1 1,4,7,10 *' });
      expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ schedule: '0 9 15 * *' });
    });

    it.each([
      ['an unknown field', { isAdmin: true }, 'body'],
      ['a cron expression croner refuses', { schedule: '0 9 32 * *' }, 'body.schedule'],
      ['a six-field cron expression', { schedule: '*/5 * * * * *' }, 'body.schedule'],
      ['an unknown kind', { kind: 'toaster' }, 'body.kind'],
      ['a checklist of 51 steps', { checklist: Array.from({ length: 51 }, () => 'step') }, 'body.checklist'],
      ['a negative grace', { graceDays: -1 }, 'body.graceDays'],
      ['a schedule that never occurs', { schedule: '0 0 30 2 *' }, 'body.schedule'],
      ['an owner team that does not exist', { ownerTeamId: 999_999 }, 'body.ownerTeamId'],
      ['an item that does not exist', { itemId: 999_999 }, 'body.itemId'],
    ])('refuses %s with 400 and the field', async (_what, change, field) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/procedure-tests',
        headers: admin,
        payload: { ...buildProcedureTest(world.ops.id), ...change },
      });
      expect(response.statusCode).toBe(400);
      const body = json<ErrorBody>(response);
      expect(body.error.code).toBe('validation_failed');
      expect((body.error.details as { path: string }[]).map((d) => d.path)).toContain(field);
    });

    it('refuses a second test with the same name with 409', async () => {
      const test = await postProcedureTest(app, admin, buildProcedureTest(world.ops.id));
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/procedure-tests',
        headers: admin,
        payload: buildProcedureTest(world.net.id, { name: test.name }),
      });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('team rules', () => {
    it('lets leads and members change only their own teams’ tests, and managers any', async () => {
      const { member, lead, manager, auditor, requester } = world.users;
      const own = await postProcedureTest(app, member.headers, buildProcedureTest(world.ops.id));
      expect(own.ownerTeamId).toBe(world.ops.id);
      const other = await postProcedureTest(app, manager.headers, buildProcedureTest(world.net.id));

      const forOtherTeam = await app.inject({
        method: 'POST',
        url: '/api/v1/procedure-tests',
        headers: member.headers,
        payload: buildProcedureTest(world.net.id),
      });
      expect(forOtherTeam.statusCode).toBe(403);
      for (const headers of [member.headers, lead.headers]) {
        const patch = await app.inject({
          method: 'PATCH',
          url: `/api/v1/procedure-tests/${other.id}`,
          headers,
          payload: { description: 'mine now' },
        });
        expect(patch.statusCode).toBe(403);
        const record = await app.inject({
          method: 'POST',
          url: `/api/v1/procedure-tests/${other.id}/runs`,
          headers,
          payload: { outcome: 'pass', effectiveDate: '2026-11-20' },
        });
        expect(record.statusCode).toBe(403);
      }
      const giveAway = await app.inject({
        method: 'PATCH',
        url: `/api/v1/procedure-tests/${own.id}`,
        headers: lead.headers,
        payload: { ownerTeamId: world.net.id },
      });
      expect(giveAway.statusCode).toBe(403);
      const deleteOther = await app.inject({
        method: 'DELETE',
        url: `/api/v1/procedure-tests/${other.id}`,
        headers: member.headers,
      });
      expect(deleteOther.statusCode).toBe(403);

      for (const [method, url] of [
        ['POST', '/api/v1/procedure-tests'],
        ['PATCH', `/api/v1/procedure-tests/${own.id}`],
        ['DELETE', `/api/v1/procedure-tests/${own.id}`],
        ['POST', `/api/v1/procedure-tests/${own.id}/runs`],
      ] as const) {
        const response = await app.inject({ method, url, headers: auditor.headers, payload: {} });
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 403 });
      }
      expect(
        (await app.inject({ url: '/api/v1/procedure-tests', headers: auditor.headers })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ url: '/api/v1/procedure-tests', headers: requester.headers })).statusCode,
      ).toBe(403);

      const byManager = await app.inject({
        method: 'PATCH',
        url: `/api/v1/procedure-tests/${own.id}`,
        headers: manager.headers,
        payload: { ownerTeamId: world.net.id },
      });
      expect(json<ProcedureTest>(byManager).ownerTeamName).toBe('Net');
      // The other team's test is unchanged by every refused attempt.
      expect((await fetchProcedureTest(app, admin, other.id)).description).toBe('');
    });
  });

  describe('list', () => {
    it('filters by team, item, kind, state and overdue, and pages', async () => {
      world.ctx.clock.now = Date.parse('2026-11-25T09:00:00Z');
      const item = await createItem(world.ctx, system, { kind: 'server', name: 'dr-site', criticality: 2 });
      const drill = await postProcedureTest(
        app,
        admin,
        buildProcedureTest(world.net.id, { kind: 'disasterRecoveryDrill', itemId: item.id }),
      );
      // Weekly on Thursdays: due 26 November 09:00 in Rome, overdue once the clock passes it.
      const review = await postProcedureTest(
        app,
        admin,
        buildProcedureTest(world.net.id, { kind: 'accessReview', schedule: '0 9 * * 4' }),
      );
      const list = (query: string) =>
        app
          .inject({ url: `/api/v1/procedure-tests?${query}`, headers: world.users.auditor.headers })
          .then((response) => json<ProcedureTestPage>(response));

      expect((await list(`itemId=${item.id}`)).rows.map((t) => t.id)).toEqual([drill.id]);
      expect((await list('kind=accessReview')).rows.map((t) => t.id)).toEqual([review.id]);
      const netIds = (await list(`ownerTeamId=${world.net.id}&pageSize=200`)).rows.map((t) => t.id);
      expect(netIds).toEqual(expect.arrayContaining([drill.id, review.id]));
      expect((await list('overdue=true')).rows.map((t) => t.id)).not.toContain(review.id);

      world.ctx.clock.now = Date.parse('2026-11-26T08:00:01Z');
      const overdue = await list(`overdue=true&ownerTeamId=${world.net.id}`);
      expect(overdue.rows.map((t) => t.id)).toEqual([review.id]);
      expect(overdue.rows[0]).toMatchObject({ isOverdue: true, isMissed: false, state: 'unknown' });
      expect((await list(`overdue=false&ownerTeamId=${world.net.id}`)).rows.map((t) => t.id)).toContain(
        drill.id,
      );
      expect((await list(`state=unknown&kind=disasterRecoveryDrill`)).rows.map((t) => t.id)).toEqual([
        drill.id,
      ]);
      expect((await list('state=up&kind=disasterRecoveryDrill')).rows).toEqual([]);

      const page = await list('pageSize=1&page=2&sort=name');
      expect(page).toMatchObject({ page: 2, pageSize: 1 });
      expect(page.rows).toHaveLength(1);
      expect(page.total).toBeGreaterThanOrEqual(2);

      const bad = await app.inject({ url: '/api/v1/procedure-tests?sort=password', headers: admin });
      expect(bad.statusCode).toBe(400);

      // The same through the service, as other features call it.
      const direct = await listProcedureTests(world.ctx, system, {
        overdue: true,
        ownerTeamId: world.net.id,
      });
      expect(direct.rows.map((t) => t.id)).toEqual([review.id]);
    });
  });
});
