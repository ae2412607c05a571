import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ProcedureRun, ProcedureTest } from '../../../shared/contracts/procedures';
import type { ErrorBody } from '../../../shared/errors';
import {
  listProcedureEvents,
  markMissedProcedureTests,
  recordProcedureOutcome,
} from './procedure-runs.service';
import {
  buildProcedureTest,
  buildProcedureWorld,
  fetchProcedureTest,
  type Headers,
  type ProcedureWorld,
  postProcedureTest,
  postRun,
  renewTokens,
} from './procedures.test-support';

const start = Date.parse('2026-11-25T09:00:00Z');

describeEachDialect('procedure test outcomes and missed due dates', (storage) => {
  let world: ProcedureWorld;
  let app: FastifyInstance;
  let member: Headers;
  beforeAll(async () => {
    world = await buildProcedureWorld(storage());
    app = world.app;
  });
  beforeEach(async () => {
    world.ctx.clock.now = start;
    await renewTokens(world);
    member = world.users.member.headers;
  });
  afterAll(() => world?.close());

  const eventsOf = (id: number) =>
    world.ctx.db
      .selectFrom('procedureEvents')
      .select(['fromState', 'toState', 'message', 'runId'])
      .where('procedureTestId', '=', id)
      .orderBy('id')
      .execute();

  describe('recording outcomes', () => {
    it('moves the state with each outcome and writes one event per change, in the same transaction', async () => {
      const test = await postProcedureTest(
        app,
        member,
        buildProcedureTest(world.ops.id, { checklist: ['Restore', 'Verify'] }),
      );
      const checklist = [{ result: 'done' as const }, { result: 'notApplicable' as const, note: 'no app' }];

      const pass = await postRun(app, member, test.id, {
        outcome: 'pass',
        effectiveDate: '2026-11-24',
        notes: '# Restored\nAll **good**.',
        checklist,
      });
      expect(pass).toMatchObject({
        outcome: 'pass',
        effectiveDate: '2026-11-24',
        notes: '# Restored\nAll **good**.',
        recordedById: world.users.member.user.id,
        recordedByLabel: world.users.member.user.email,
        recordedAt: start,
        attachments: [],
        checklist: [
          { step: 'Restore', result: 'done', note: '' },
          { step: 'Verify', result: 'notApplicable', note: 'no app' },
        ],
      });
      expect(await fetchProcedureTest(app, member, test.id)).toMatchObject({
        state: 'up',
        stateMessage: 'pass, performed 2026-11-24',
        lastRun: { id: pass.id, outcome: 'pass', effectiveDate: '2026-11-24' },
        dueAt: Date.parse('2027-01-01T08:00:00Z'),
      });

      world.ctx.clock.now += 1000;
      const again = await postRun(app, member, test.id, {
        outcome: 'pass',
        effectiveDate: '2026-11-25',
        checklist,
      });
      world.ctx.clock.now += 1000;
      const partial = await postRun(app, member, test.id, {
        outcome: 'partial',
        effectiveDate: '2026-11-25',
        checklist,
      });
      world.ctx.clock.now += 1000;
      const fail = await postRun(app, member, test.id, {
        outcome: 'fail',
        effectiveDate: '2026-11-25',
        checklist,
      });
      expect((await fetchProcedureTest(app, member, test.id)).state).toBe('down');

      // pass after pass is no change: three events for four outcomes
      expect(await eventsOf(test.id)).toEqual([
        { fromState: 'unknown', toState: 'up', message: 'pass, performed 2026-11-24', runId: pass.id },
        { fromState: 'up', toState: 'degraded', message: 'partial, performed 2026-11-25', runId: partial.id },
        { fromState: 'degraded', toState: 'down', message: 'fail, performed 2026-11-25', runId: fail.id },
      ]);
      const history = json<{ rows: ProcedureRun[] }>(
        await app.inject({
          url: `/api/v1/procedure-tests/${test.id}/runs`,
          headers: world.users.auditor.headers,
        }),
      );
      expect(history.rows.map((run) => run.id)).toEqual([fail.id, partial.id, again.id, pass.id]);

      const audit = await world.ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityType', '=', 'procedureTest')
        .where('entityId', '=', String(test.id))
        .execute();
      expect(audit.filter((entry) => entry.action === 'procedureTest.outcome')).toHaveLength(4);

      const since = await listProcedureEvents(world.ctx, { since: start + 1500, procedureTestId: test.id });
      expect(since.map((event) => event.toState)).toEqual(['degraded', 'down']);
    });

    it('keeps a back-dated outcome in the history without changing the state', async () => {
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
      await postRun(app, member, test.id, { outcome: 'pass', effectiveDate: '2026-11-20' });
      const old = await postRun(app, member, test.id, { outcome: 'fail', effectiveDate: '2026-10-02' });
      const after = await fetchProcedureTest(app, member, test.id);
      expect(after).toMatchObject({ state: 'up', lastRun: { effectiveDate: '2026-11-20' } });
      expect(after.lastRun?.id).not.toBe(old.id);
      expect(await eventsOf(test.id)).toHaveLength(1);
    });

    it.each([
      [
        'an effective date in the future',
        { outcome: 'pass', effectiveDate: '2026-11-26' },
        'body.effectiveDate',
      ],
      ['a day that does not exist', { outcome: 'pass', effectiveDate: '2026-02-30' }, 'body.effectiveDate'],
      ['an unknown outcome', { outcome: 'maybe', effectiveDate: '2026-11-25' }, 'body.outcome'],
      ['too few checklist results', { outcome: 'pass', effectiveDate: '2026-11-25' }, 'body.checklist'],
      [
        'notes over 20,000 characters',
        { outcome: 'pass', effectiveDate: '2026-11-25', notes: 'x'.repeat(20_001) },
        'body.notes',
      ],
    ])('refuses %s with 400 and records nothing', async (_what, payload, field) => {
      const test = await postProcedureTest(
        app,
        member,
        buildProcedureTest(world.ops.id, { checklist: ['One'] }),
      );
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/procedure-tests/${test.id}/runs`,
        headers: member,
        payload,
      });
      expect(response.statusCode).toBe(400);
      const body = json<ErrorBody>(response);
      expect((body.error.details as { path: string }[]).map((d) => d.path)).toContain(field);
      expect((await fetchProcedureTest(app, member, test.id)).state).toBe('unknown');
    });

    it('accepts today in Rome although it is still yesterday in UTC', async () => {
      world.ctx.clock.now = Date.parse('2026-11-25T23:30:00Z'); // 00:30 on 26 November in Rome
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
      const run = await postRun(app, member, test.id, { outcome: 'pass', effectiveDate: '2026-11-26' });
      expect(run.effectiveDate).toBe('2026-11-26');
    });

    it('computes the next due date across the end of summer time', async () => {
      world.ctx.clock.now = Date.parse('2026-10-24T10:00:00Z');
      await renewTokens(world);
      const test = await postProcedureTest(
        app,
        world.users.member.headers,
        buildProcedureTest(world.ops.id, { schedule: '0 9 * * 1', kind: 'patchAudit', graceDays: 1 }),
      );
      expect(test.dueAt).toBe(Date.parse('2026-10-26T08:00:00Z'));
      const run = await postRun(app, world.users.member.headers, test.id, {
        outcome: 'pass',
        effectiveDate: '2026-10-24',
      });
      const after = await fetchProcedureTest(app, world.users.member.headers, test.id);
      expect(after).toMatchObject({
        lastRun: { id: run.id },
        dueAt: Date.parse('2026-10-26T08:00:00Z'),
        dueDate: '2026-10-26',
        graceEndsAt: Date.parse('2026-10-27T23:00:00Z'),
      });
    });
  });

  describe('missed due dates', () => {
    it('turns a test down once when its due date and grace pass, and back up with a new outcome', async () => {
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id, { graceDays: 3 }));
      const pass = await postRun(app, member, test.id, { outcome: 'pass', effectiveDate: '2026-11-25' });
      expect(test.dueAt).toBe(Date.parse('2027-01-01T08:00:00Z'));
      const graceEndsAt = Date.parse('2027-01-04T23:00:00Z');
      const ofThisTest = (changes: { procedureTestId: number }[]) =>
        changes.filter((change) => change.procedureTestId === test.id);

      expect(ofThisTest(await markMissedProcedureTests(world.ctx, graceEndsAt - 1))).toEqual([]);
      world.ctx.clock.now = graceEndsAt + 60_000;
      const first = ofThisTest(await markMissedProcedureTests(world.ctx, world.ctx.clock.now));
      expect(first).toEqual([
        {
          procedureTestId: test.id,
          fromState: 'up',
          toState: 'down',
          at: graceEndsAt + 60_000,
          message: 'missed: due 2027-01-01',
          runId: null,
        },
      ]);
      world.ctx.clock.now += 3_600_000;
      expect(ofThisTest(await markMissedProcedureTests(world.ctx, world.ctx.clock.now))).toEqual([]);
      expect((await eventsOf(test.id)).map((event) => event.toState)).toEqual(['up', 'down']);

      await renewTokens(world);
      const headers = world.users.member.headers;
      expect(await fetchProcedureTest(app, headers, test.id)).toMatchObject({
        state: 'down',
        stateMessage: 'missed: due 2027-01-01',
        isOverdue: true,
        isMissed: true,
        lastRun: { id: pass.id },
      });
      const missedList = await app.inject({
        url: `/api/v1/procedure-tests?state=down&overdue=true&ownerTeamId=${world.ops.id}`,
        headers,
      });
      expect(json<{ rows: ProcedureTest[] }>(missedList).rows.map((t) => t.id)).toContain(test.id);

      await postRun(app, headers, test.id, { outcome: 'pass', effectiveDate: '2027-01-05' });
      expect(await fetchProcedureTest(app, headers, test.id)).toMatchObject({
        state: 'up',
        isOverdue: false,
        isMissed: false,
        dueAt: Date.parse('2027-04-01T07:00:00Z'),
      });
      expect(await eventsOf(test.id)).toMatchObject([
        { toState: 'up' },
        { toState: 'down', message: 'missed: due 2027-01-01' },
        { fromState: 'down', toState: 'up', message: 'pass, performed 2027-01-05' },
      ]);
      expect(ofThisTest(await markMissedProcedureTests(world.ctx, world.ctx.clock.now))).toEqual([]);
    });

    it('counts a never-performed test as missed from its creation’s first due date', async () => {
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
      const later = Date.parse('2027-01-02T00:00:00Z');
      const changes = await markMissedProcedureTests(world.ctx, later);
      expect(changes.filter((c) => c.procedureTestId === test.id)).toMatchObject([
        { fromState: 'unknown', toState: 'down', message: 'missed: due 2027-01-01' },
      ]);
    });

    it('writes no second event when a failed test is also missed, and runs handlers in the transaction', async () => {
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
      const seen: string[] = [];
      await recordProcedureOutcome(
        world.ctx,
        { userId: null, label: 'test' },
        test.id,
        { outcome: 'fail', effectiveDate: '2026-11-25' },
        {
          handlers: [
            async (trx, change) => void seen.push(`${change.toState}:${Boolean(trx.isTransaction)}`),
          ],
        },
      );
      expect(seen).toEqual(['down:true']);
      const changes = await markMissedProcedureTests(world.ctx, Date.parse('2027-01-02T00:00:00Z'));
      expect(changes.filter((c) => c.procedureTestId === test.id)).toEqual([]);
      const row = await world.ctx.db
        .selectFrom('procedureTests')
        .select(['state', 'stateMessage', 'isMissed'])
        .where('id', '=', test.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'down', stateMessage: 'missed: due 2027-01-01', isMissed: 1 });
      expect(await eventsOf(test.id)).toHaveLength(1);
    });

    it('records a miss once even when two servers run the job at the same time', async () => {
      const test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
      const later = Date.parse('2027-01-02T00:00:00Z');
      const both = await Promise.all([
        markMissedProcedureTests(world.ctx, later),
        markMissedProcedureTests(world.ctx, later),
      ]);
      expect(both.flat().filter((c) => c.procedureTestId === test.id)).toHaveLength(1);
      expect(await eventsOf(test.id)).toHaveLength(1);
    });
  });
});
