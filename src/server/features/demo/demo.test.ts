import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { localDateOf } from '../../../shared/domain/calendar-dates';
import type { AppContext } from '../../context';
import { verifyAudit } from '../audit/audit.service';
import { exportConfiguration, planConfiguration, systemActor } from '../configuration/configuration.service';
import { parseConfigurationYaml, stringifyConfiguration } from '../configuration/configuration.yaml';
import { demoBacklogs } from './demo.backlogs';
import { buildDemoDocument, demoAdminEmail, demoPassword } from './demo.data';
import { demoRequests } from './demo.requests';
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
      (document.users?.length ?? 0) +
        5 +
        (document.items?.length ?? 0) +
        (document.relations?.length ?? 0) +
        (document.checks?.length ?? 0) +
        (document.maintenanceWindows?.length ?? 0) +
        (document.notificationChannels?.length ?? 0) +
        (document.notificationRules?.length ?? 0) +
        (document.statusPages?.length ?? 0) +
        (document.workflows?.length ?? 0) +
        (document.workRecurrences?.length ?? 0),
    );

    // Operations: a planned and a weekly maintenance, channels and rules, a published status page,
    // and one open incident someone has acknowledged.
    expect(document.maintenanceWindows?.length).toBe(2);
    const incidents = await ctx.db
      .selectFrom('incidents')
      .select(['state', 'acknowledgedAt', 'origin'])
      .execute();
    expect(incidents).toEqual([
      { state: 'acknowledged', acknowledgedAt: expect.any(Number), origin: 'manual' },
    ]);
    const page = await ctx.db
      .selectFrom('statusPages')
      .select(['slug', 'isPublished'])
      .executeTakeFirstOrThrow();
    expect(page).toEqual({ slug: 'stato-servizi', isPublished: 1 });
    const upcoming = await ctx.db
      .selectFrom('maintenanceWindows')
      .select('startsAt')
      .where('recurrence', 'is', null)
      .executeTakeFirstOrThrow();
    expect(upcoming.startsAt).toBeGreaterThan(ctx.now());

    // Checks: paused examples on the company's hosts, live ones against this Regia's demo targets.
    const checks = await ctx.db
      .selectFrom('checks')
      .select(['name', 'kind', 'settings', 'isPaused', 'itemId'])
      .orderBy('name')
      .execute();
    expect(checks.length).toBeGreaterThanOrEqual(10);
    const isLive = (check: (typeof checks)[number]) =>
      check.kind === 'heartbeat' || check.settings.includes('127.0.0.1');
    const live = checks.filter(isLive);
    const examples = checks.filter((check) => !isLive(check));
    expect(live.map((check) => [check.kind, check.isPaused])).toEqual(
      expect.arrayContaining([
        ['http', 0],
        ['tcp', 0],
        ['heartbeat', 0],
      ]),
    );
    expect(live.every((check) => check.isPaused === 0)).toBe(true);
    expect(
      new Set(live.filter((c) => c.kind === 'http').map((c) => c.settings.match(/demo-targets\/(\w+)/)?.[1])),
    ).toEqual(new Set(['ok', 'slow', 'flaky', 'down', 'json']));
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.every((check) => check.isPaused === 1 && check.name.endsWith('(esempio)'))).toBe(true);
    expect(new Set(examples.map((check) => check.kind))).toEqual(
      new Set(['http', 'tls', 'dns', 'ping', 'tcp']),
    );
    expect(checks.filter((check) => check.itemId !== null).length).toBeGreaterThanOrEqual(checks.length - 1);
    // The default port of the configuration (tests listen nowhere), and the push URL shown once.
    expect(result.checks).toMatchObject({
      live: live.length,
      paused: examples.length,
      targetsUrl: 'http://127.0.0.1:8080/demo-targets/',
      heartbeat: {
        check: 'Backup notturno NAS',
        pushUrl: expect.stringMatching(/\/api\/v1\/heartbeats\/hb_/),
      },
    });
    const beat = await app.inject({
      method: 'POST',
      url: new URL(result.checks.heartbeat.pushUrl ?? '').pathname,
    });
    expect(beat.statusCode).toBe(200);
    // The live targets answer on this app as the checks expect.
    expect((await app.inject({ url: '/demo-targets/ok' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/demo-targets/down' })).statusCode).toBe(503);
    // Work: a backlog per team, some in progress, some done, some late, WIP limits reached, blockers.
    const work = await ctx.db
      .selectFrom('workItems')
      .innerJoin('teams', 'teams.id', 'workItems.teamId')
      .select(['teams.name as team', 'workItems.category', 'workItems.dueDate', 'workItems.stateId'])
      .execute();
    const backlogs = demoBacklogs();
    // The backlogs, and the work item each accepted request became.
    const acceptances = demoRequests().filter((r) => r.steps?.some((step) => step.action === 'accept'));
    expect(acceptances).toHaveLength(1);
    expect(result.workItems).toBe(Object.values(backlogs).flat().length + acceptances.length);
    expect(work.length).toBe(result.workItems);
    expect(new Set(work.map((item) => item.team))).toEqual(new Set(Object.keys(backlogs)));
    const workToday = localDateOf(ctx.now(), ctx.config.timezone);
    const overdue = work.filter(
      (item) => item.category !== 'done' && item.dueDate !== null && item.dueDate < workToday,
    );
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(work.filter((item) => item.category === 'in_progress').length).toBeGreaterThanOrEqual(8);
    expect(work.filter((item) => item.category === 'done').length).toBeGreaterThanOrEqual(5);
    const limited = await ctx.db
      .selectFrom('workflowStates')
      .select(['id', 'wipLimit'])
      .where('wipLimit', 'is not', null)
      .execute();
    const full = limited.filter(
      (state) => work.filter((item) => item.stateId === state.id).length === state.wipLimit,
    );
    expect(full.length).toBeGreaterThanOrEqual(2);
    const dependencies = await ctx.db.selectFrom('workItemDependencies').select('blockerId').execute();
    expect(dependencies.length).toBeGreaterThanOrEqual(4);
    expect(await ctx.db.selectFrom('workRecurrences').select('name').execute()).toHaveLength(4);
    // Requests from colleagues: several waiting in triage across teams, one of each outcome.
    const requests = await ctx.db
      .selectFrom('requests')
      .innerJoin('teams', 'teams.id', 'requests.teamId')
      .innerJoin('users', 'users.id', 'requests.requesterId')
      .select([
        'requests.id',
        'requests.title',
        'requests.status',
        'requests.workItemId',
        'requests.declineReason',
        'requests.submittedAt',
        'teams.name as team',
        'users.role as requesterRole',
      ])
      .execute();
    expect(requests).toHaveLength(demoRequests().length);
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(requests.every((row) => row.requesterRole === 'requester')).toBe(true);
    expect(requests.every((row) => row.submittedAt < ctx.now())).toBe(true);
    const waiting = requests.filter((row) => row.status === 'triage');
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(new Set(waiting.map((row) => row.team)).size).toBeGreaterThanOrEqual(3);
    const byStatus = (status: string) => requests.filter((row) => row.status === status);
    expect(byStatus('declined')).toEqual([
      expect.objectContaining({ declineReason: expect.stringMatching(/\w/) }),
    ]);
    const [merged] = byStatus('merged');
    expect(byStatus('merged')).toHaveLength(1);
    const mergedInto = await ctx.db
      .selectFrom('workItems')
      .select(['title', 'teamId'])
      .where('id', '=', merged?.workItemId ?? 0)
      .executeTakeFirstOrThrow();
    expect(mergedInto.title).toBe('Nuovi access point Wi-Fi magazzino Bergamo');
    // The accepted one is a work item of type request, and its thread went on there.
    const [accepted] = byStatus('accepted');
    expect(byStatus('accepted')).toHaveLength(1);
    const acceptedItem = await ctx.db
      .selectFrom('workItems')
      .select(['type', 'title', 'assigneeId'])
      .where('id', '=', accepted?.workItemId ?? 0)
      .executeTakeFirstOrThrow();
    expect(acceptedItem).toMatchObject({ type: 'request', title: accepted?.title });
    expect(acceptedItem.assigneeId).not.toBeNull();
    // Whoever tries the demo as its admin finds open work of their own on "My work".
    const adminsWork = await ctx.db
      .selectFrom('workItems')
      .innerJoin('users', 'users.id', 'workItems.assigneeId')
      .select('workItems.title')
      .where('users.email', '=', demoAdminEmail)
      .where('workItems.category', '!=', 'done')
      .execute();
    expect(adminsWork.length).toBeGreaterThanOrEqual(2);
    const threads = await ctx.db
      .selectFrom('comments')
      .select(['entityType', 'entityId'])
      .where('entityType', 'in', ['request', 'workItem'])
      .execute();
    expect(
      threads.filter((c) => c.entityType === 'workItem' && c.entityId === accepted?.workItemId).length,
    ).toBe(3);
    expect(threads.filter((c) => c.entityType === 'request').length).toBeGreaterThanOrEqual(2);
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
    // The teams have their backlogs: no second copy.
    expect(again.workItems).toBe(0);
    const requests = await ctx.db.selectFrom('requests').select('id').execute();
    expect(requests).toHaveLength(demoRequests().length);
    // The heartbeat exists: its push URL was shown when it was made, and is not made again.
    expect(again.checks.heartbeat.pushUrl).toBeNull();
  });

  it('exports to a file that applies back as all unchanged', async () => {
    const target = { mode: 'local' as const, ctx, actor: systemActor('cli') };
    const text = stringifyConfiguration(await exportConfiguration(target));
    // The demo's one secret (an Authorization header) is exported masked.
    expect(text).toContain('Authorization: "********"');
    expect(text).not.toMatch(/Basic \w/);
    const plan = await planConfiguration(target, parseConfigurationYaml(text));
    expect(plan.counts.create + plan.counts.update).toBe(0);
    expect(plan.counts.unchanged).toBeGreaterThan(300);
  });
});
