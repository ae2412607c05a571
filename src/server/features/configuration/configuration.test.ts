import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { createApiClient } from '../../../cli/api-client';
import {
  ConfigurationDocument,
  type ConfigurationDocumentInput,
} from '../../../shared/contracts/configuration';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { verifyAudit } from '../audit/audit.service';
import { findItemByName } from '../inventory/inventory.service';
import { createTeam, listTeams } from '../teams/teams.service';
import { defaultStates } from '../workflows/workflows.service';
import type { ConfigurationTarget } from './configuration.section';
import {
  applyConfiguration,
  exportConfiguration,
  formatPlan,
  planConfiguration,
  systemActor,
} from './configuration.service';
import {
  type ConfigurationIssue,
  parseConfigurationFile,
  parseConfigurationYaml,
  stringifyConfiguration,
} from './configuration.yaml';

const yaml = String.raw;

/** A small configuration whose names all start with a prefix, so tests share one database. */
function documentText(prefix: string): string {
  return yaml`
apiVersion: regia/v1
users:
  - { email: ${prefix}.Anna@example.test, name: Anna Verdi, role: lead }
  - { email: ${prefix}.bruno@example.test, name: Bruno Neri, role: member }
teams:
  - name: ${prefix} Applicazioni
    description: ERP e MES
    members:
      - { email: ${prefix}.anna@example.test, lead: true }
      - { email: ${prefix}.bruno@example.test }
items:
  - name: ${prefix} ERP
    kind: application
    criticality: 2
    owner: ${prefix} Applicazioni
    vendor: SAP
    environment: production
    warrantyEnd: 2027-06-30
    annualCostCents: 1860000
    tags: [sap, erp]
    attributes: { sid: PRD, users: 120, ha: true }
  - { name: ${prefix}-vm01, kind: virtualMachine, criticality: 1, owner: ${prefix} Applicazioni }
  - { name: ${prefix}-esx01, kind: server, criticality: 1 }
relations:
  - { source: ${prefix} ERP, kind: runsOn, target: ${prefix}-vm01 }
  - { source: ${prefix}-vm01, kind: runsOn, target: ${prefix}-esx01 }
`;
}

function issuesOf(work: () => unknown): ConfigurationIssue[] {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details))
      return error.details as ConfigurationIssue[];
    throw error;
  }
  throw new Error('expected a validation error');
}

async function issuesOfAsync(work: () => Promise<unknown>): Promise<ConfigurationIssue[]> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details))
      return error.details as ConfigurationIssue[];
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('configuration YAML', () => {
  it('refuses aliases, before any expansion', () => {
    const bomb = 'apiVersion: regia/v1\nitems:\n  - &a { name: A, kind: server, criticality: 1 }\n  - *a\n';
    expect(issuesOf(() => parseConfigurationYaml(bomb))).toEqual([
      { path: '(yaml)', line: 4, message: 'aliases are not allowed (*a)' },
    ]);
  });

  it('refuses an unknown field with its path and line, and every other error with it', () => {
    const text =
      'apiVersion: regia/v1\nitems:\n  - name: ERP\n    kind: application\n    criticality: 9\n    colour: red\n';
    expect(issuesOf(() => parseConfigurationYaml(text))).toEqual([
      { path: 'items[0].criticality', line: 5, message: expect.stringMatching(/<=4/) },
      { path: 'items[0].colour', line: 6, message: 'unknown field' },
    ]);
  });

  it('refuses a file over the size limit before parsing it, duplicate keys, unknown tags and a wrong version', () => {
    expect(() => parseConfigurationYaml(`apiVersion: regia/v1\n#${'x'.repeat(2000)}`, 1024)).toThrow(
      /limit is 1024/,
    );
    expect(
      issuesOf(() => parseConfigurationYaml('apiVersion: regia/v1\napiVersion: regia/v1\n'))[0]?.message,
    ).toMatch(/unique/);
    expect(
      issuesOf(() => parseConfigurationYaml('apiVersion: regia/v1\nteams: !!js/function x\n'))[0]?.message,
    ).toMatch(/tag/);
    expect(issuesOf(() => parseConfigurationYaml('apiVersion: regia/v2\n'))[0]).toMatchObject({
      path: 'apiVersion',
      line: 1,
    });
  });

  it('finds the line of a path, for problems found after parsing', () => {
    const { lineOf } = parseConfigurationFile(documentText('lines'));
    expect(lineOf('items[0].owner')).toBe(16);
    expect(lineOf('relations[1].target')).toBe(27);
    expect(lineOf('teams[0].members[1].email')).toBe(11);
  });

  it('writes what it reads: an empty section is an empty list, and no anchors even for repeated values', () => {
    const document = parseConfigurationYaml(documentText('x'));
    const written = stringifyConfiguration({ ...document, teams: [] }, 'header');
    expect(written).not.toMatch(/[&*]\w/);
    expect(parseConfigurationYaml(written)).toEqual({ ...document, teams: [] });
    expect(parseConfigurationYaml('apiVersion: regia/v1\nteams:\n').teams).toEqual([]);
  });
});

describeEachDialect('configuration as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = () => ({ mode: 'local' as const, ctx, actor: systemActor('cli') });
  const planOf = async (target: ConfigurationTarget, text: string) =>
    planConfiguration(target, parseConfigurationYaml(text));
  const onlyPrefixed = (document: ConfigurationDocument, prefix: string) => ({
    apiVersion: document.apiVersion,
    users: document.users.filter((user) => user.email.startsWith(prefix)),
    teams: document.teams.filter((team) => team.name.startsWith(prefix)),
    items: document.items.filter((item) => item.name.startsWith(prefix)),
    relations: document.relations.filter((relation) => relation.source.startsWith(prefix)),
    checks: document.checks.filter((check) => check.name.startsWith(prefix)),
    maintenanceWindows: document.maintenanceWindows.filter((window) => window.title.startsWith(prefix)),
    statusPages: document.statusPages.filter((page) => page.slug.startsWith(prefix)),
    notificationChannels: document.notificationChannels.filter((channel) => channel.name.startsWith(prefix)),
    notificationRules: document.notificationRules.filter((rule) => rule.name.startsWith(prefix)),
    workflows: document.workflows.filter((workflow) => workflow.team.startsWith(prefix)),
    workRecurrences: document.workRecurrences.filter((recurrence) => recurrence.team.startsWith(prefix)),
  });
  let serverUrl: string | undefined;
  /** The app listening on a free port, once, for the API tests. */
  const server = async () => {
    if (!serverUrl) {
      await app.listen({ host: '127.0.0.1', port: 0 });
      serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    }
    return serverUrl;
  };

  it('plans, dry-runs without writing, applies with audit records, then finds nothing to do', async () => {
    const text = documentText('plan');
    const target = local();
    const plan = await planOf(target, text);
    expect(plan.counts).toEqual({ create: 8, update: 0, unchanged: 0 });
    expect(formatPlan(plan)).toContain('+ item "plan ERP"');
    // Planning is the dry run: nothing is written.
    expect(await findItemByName(ctx, target.actor, 'plan ERP')).toBeNull();
    const auditBefore = await ctx.db.selectFrom('auditLog').select('id').execute();
    const outcome = await applyConfiguration(target, plan);
    expect(outcome.passwords.map((p) => p.email)).toEqual([
      'plan.anna@example.test',
      'plan.bruno@example.test',
    ]);
    const erp = await findItemByName(ctx, target.actor, 'plan ERP');
    expect(erp).toMatchObject({
      ownerTeamName: 'plan Applicazioni',
      tags: ['erp', 'sap'],
      attributes: { sid: 'PRD', users: 120, ha: true },
    });
    const team = (await listTeams(ctx)).find((t) => t.name === 'plan Applicazioni');
    expect(team?.members.map((m) => [m.email, m.isLead])).toEqual([
      ['plan.anna@example.test', true],
      ['plan.bruno@example.test', false],
    ]);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorLabel', 'actorId'])
      .where('id', '>', Math.max(0, ...auditBefore.map((row) => row.id)))
      .execute();
    expect(audit.filter((r) => r.action === 'item.create')).toHaveLength(3);
    expect(audit.filter((r) => r.action === 'relation.create')).toHaveLength(2);
    expect(audit.every((r) => r.actorLabel === 'cli' && r.actorId === null)).toBe(true);
    expect((await verifyAudit(ctx)).isIntact).toBe(true);

    expect((await planOf(target, text)).counts).toEqual({ create: 0, update: 0, unchanged: 8 });

    const changed = text
      .replace('criticality: 2', 'criticality: 1')
      .replace('tags: [sap, erp]', 'tags: [erp, sap, s4]');
    const update = await planOf(target, changed);
    expect(formatPlan(update)).toContain(
      '~ item "plan ERP": criticality 2 → 1, tags ["erp","sap"] → ["erp","s4","sap"]',
    );
    expect(update.counts).toEqual({ create: 0, update: 1, unchanged: 7 });
    await applyConfiguration(target, update);
    expect(await findItemByName(ctx, target.actor, 'plan ERP')).toMatchObject({
      criticality: 1,
      tags: ['erp', 's4', 'sap'],
    });
  });

  it('round-trips: export, then apply of the export, changes nothing', async () => {
    const target = local();
    await applyConfiguration(target, await planOf(target, documentText('trip')));
    const exported = stringifyConfiguration(await exportConfiguration(target));
    expect(exported).not.toMatch(/password/i);
    const plan = await planOf(target, exported);
    expect(plan.counts.create + plan.counts.update).toBe(0);
    // The same objects, in key order, with tags as sets.
    const written = parseConfigurationYaml(documentText('trip'));
    const expected = {
      ...written,
      items: written.items
        .map((item) => ({ ...item, tags: [...item.tags].sort() }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      // Every team has a workflow, the default one unless changed: export writes it.
      workflows: written.teams
        .map((team) => ({ team: team.name, states: defaultStates }))
        .sort((a, b) => (a.team < b.team ? -1 : 1)),
    };
    expect(onlyPrefixed(parseConfigurationYaml(exported), 'trip')).toEqual(expected);
  });

  it('reports unknown references and duplicates with their paths, before writing anything', async () => {
    const text = yaml`
apiVersion: regia/v1
teams:
  - { name: refs Rete, members: [{ email: nobody@example.test }] }
items:
  - { name: refs-fw01, kind: networkDevice, criticality: 1, owner: Nessuno }
  - { name: refs-fw01, kind: networkDevice, criticality: 2 }
relations:
  - { source: refs-fw01, kind: dependsOn, target: refs-isp01 }
`;
    const issues = await issuesOfAsync(() => planOf(local(), text));
    expect(issues.map((i) => i.path)).toEqual([
      'teams[0].members[0].email',
      'items[1]',
      'items[0].owner',
      'relations[0].target',
    ]);
    expect((await listTeams(ctx)).some((t) => t.name === 'refs Rete')).toBe(false);
  });

  it('applies the whole plan or nothing', async () => {
    const target = local();
    const text = yaml`
apiVersion: regia/v1
users:
  - { email: atomic.person@example.test, name: New Person, role: member }
teams:
  - { name: atomic Team }
`;
    const plan = await planOf(target, text);
    expect(plan.counts).toMatchObject({ create: 2 });
    // Someone makes the team between plan and apply: the team fails, so the user is not kept either.
    await createTeam(ctx, { userId: null, label: 'test' }, { name: 'atomic Team', description: '' });
    await expect(applyConfiguration(target, plan)).rejects.toThrow(/team with this name exists/);
    const users = await ctx.db
      .selectFrom('users')
      .select('email')
      .where('email', '=', 'atomic.person@example.test')
      .execute();
    expect(users).toEqual([]);
  });

  it('works against a server through the API, with the rights of the token', async () => {
    const admin = await createUserWithToken(ctx, 'admin');
    const remote: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server: await server(), token: admin.token }),
    };
    const text = documentText('remote');
    const plan = await planOf(remote, text);
    expect(plan.counts.create).toBe(8);
    await applyConfiguration(remote, plan);
    expect((await planOf(remote, text)).counts).toMatchObject({ create: 0, update: 0 });
    expect(await exportConfiguration(remote)).toEqual(await exportConfiguration(local()));
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('actorLabel', '=', admin.user.email)
      .execute();
    expect(audit.filter((r) => r.action === 'item.create')).toHaveLength(3);

    const member = await createUserWithToken(ctx, 'member');
    const asMember: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server: await server(), token: member.token }),
    };
    const newUser: ConfigurationDocumentInput = {
      apiVersion: 'regia/v1',
      users: [{ email: 'sneaky@example.test', name: 'Sneaky', role: 'admin' }],
    };
    const memberPlan = await planConfiguration(asMember, ConfigurationDocument.parse(newUser));
    await expect(applyConfiguration(asMember, memberPlan)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
