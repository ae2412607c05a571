// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} references are the subject of these tests
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { createApiClient } from '../../../cli/api-client';
import { CheckSettings } from '../../../shared/contracts/check-kinds';
import { CheckSpec } from '../../../shared/contracts/configuration';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { verifyAudit } from '../audit/audit.service';
import { openSettings } from '../checks/check-secrets';
import { createCheck } from '../checks/checks.service';
import { expandEnvironment } from './checks.section';
import type { ConfigurationTarget } from './configuration.section';
import {
  applyConfiguration,
  exportConfiguration,
  formatApplyOutcome,
  formatPlan,
  planConfiguration,
  systemActor,
} from './configuration.service';
import {
  type ConfigurationIssue,
  parseConfigurationYaml,
  stringifyConfiguration,
} from './configuration.yaml';

const yaml = String.raw;

/** Teams, an item and three checks (HTTP with a secret from the environment, TLS on cron, heartbeat). */
function checksText(prefix: string, interval = 60): string {
  return yaml`
apiVersion: regia/v1
teams:
  - { name: ${prefix} App }
  - { name: ${prefix} Rete }
items:
  - { name: ${prefix} ERP, kind: application, criticality: 1, owner: ${prefix} App }
checks:
  - name: ${prefix} ERP web
    item: ${prefix} ERP
    intervalSeconds: ${interval}
    retries: 1
    settings:
      kind: http
      url: https://erp.example.test/login
      headers: { Authorization: "Bearer ${'$'}{${prefix.toUpperCase()}_TOKEN}", X-Tenant: "t-$${'$'}{literal}" }
      expectedStatus: [200, "300-399"]
  - name: ${prefix} ERP certificate
    item: ${prefix} ERP
    owner: ${prefix} Rete
    cron: "0 3 * * *"
    settings: { kind: tls, host: erp.example.test, warningDays: 30 }
  - name: ${prefix} backup
    intervalSeconds: 86400
    owner: ${prefix} Rete
    settings: { kind: heartbeat, graceSeconds: 3600 }
`;
}

async function issuesOf(work: () => Promise<unknown>): Promise<ConfigurationIssue[]> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details))
      return error.details as ConfigurationIssue[];
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('checks in configuration files', () => {
  it('expands ${NAME} from the environment, $${ as a literal, and reports what is missing or malformed', () => {
    const env = { TOKEN: 's3cret', EMPTY: '' };
    expect(expandEnvironment('Bearer ${TOKEN}', env)).toEqual({
      value: 'Bearer s3cret',
      missing: [],
      malformed: false,
    });
    expect(expandEnvironment('$${TOKEN} and ${TOKEN}', env).value).toBe('${TOKEN} and s3cret');
    expect(expandEnvironment('${MISSING}${EMPTY}', env).missing).toEqual(['MISSING', 'EMPTY']);
    expect(expandEnvironment('${lower-case}', env).malformed).toBe(true);
    expect(expandEnvironment('$TOKEN costs $5', env)).toMatchObject({
      value: '$TOKEN costs $5',
      malformed: false,
    });
  });

  it('takes an interval of 60 s by default, none with a cron schedule, and refuses both', () => {
    const settings = { kind: 'tcp', host: 'db1', port: 5432 } as const;
    expect(CheckSpec.parse({ name: 'a', settings }).intervalSeconds).toBe(60);
    expect(CheckSpec.parse({ name: 'a', settings, cron: '*/5 * * * *' }).intervalSeconds).toBeNull();
    expect(
      CheckSpec.safeParse({ name: 'a', settings, cron: '*/5 * * * *', intervalSeconds: 30 }).success,
    ).toBe(false);
  });
});

describeEachDialect('checks as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = (): ConfigurationTarget => ({ mode: 'local', ctx, actor: systemActor('cli') });
  const planOf = (target: ConfigurationTarget, text: string, env: Record<string, string> = {}) =>
    planConfiguration(target, parseConfigurationYaml(text), { env });
  const storedHeaders = async (name: string) => {
    const row = await ctx.db
      .selectFrom('checks')
      .select('settings')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    const settings = openSettings(ctx.secrets, CheckSettings.parse(JSON.parse(row.settings)));
    return { raw: row.settings, headers: settings.kind === 'http' ? settings.headers : {} };
  };
  const checkRow = (name: string) =>
    ctx.db.selectFrom('checks').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  it('creates checks through the checks service: audited, secrets sealed, push URL once, runners told after commit', async () => {
    const target = local();
    const text = checksText('cc');
    const plan = await planOf(target, text, { CC_TOKEN: 'first-secret' });
    expect(plan.counts).toEqual({ create: 6, update: 0, unchanged: 0 });
    const shown = formatPlan(plan);
    expect(shown).toContain('+ check "cc ERP web"');
    expect(shown).not.toContain('first-secret');

    // Runners hear of each check once it is committed: at that moment another connection sees it.
    const seen: Promise<unknown>[] = [];
    const off = ctx.events.on('check.definitionChanged', ({ checkId }) =>
      seen.push(ctx.db.selectFrom('checks').select('id').where('id', '=', checkId).executeTakeFirst()),
    );
    const outcome = await applyConfiguration(target, plan);
    off();
    expect(await Promise.all(seen)).toEqual([
      { id: expect.any(Number) },
      { id: expect.any(Number) },
      { id: expect.any(Number) },
    ]);
    expect(outcome.pushUrls).toEqual([
      { check: 'cc backup', url: expect.stringMatching(/\/api\/v1\/heartbeats\/hb_[\w-]+$/) },
    ]);
    expect(formatApplyOutcome(outcome)).toContain(`cc backup  ${outcome.pushUrls[0]?.url}`);

    const web = await storedHeaders('cc ERP web');
    expect(web.headers).toEqual({ Authorization: 'Bearer first-secret', 'X-Tenant': 't-${literal}' });
    expect(web.raw).not.toContain('first-secret');
    const certificate = await checkRow('cc ERP certificate');
    expect(certificate).toMatchObject({ intervalSeconds: null, cron: '0 3 * * *' });
    const rete = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', 'cc Rete')
      .executeTakeFirstOrThrow();
    expect(certificate.ownerTeamId).toBe(rete.id);
    // No owner in the file: the check follows its item's team.
    expect((await checkRow('cc ERP web')).ownerTeamId).toBeNull();

    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorLabel', 'after'])
      .where('action', '=', 'check.create')
      .execute();
    expect(audit.filter((row) => row.actorLabel === 'cli')).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('first-secret');
    expect((await verifyAudit(ctx)).isIntact).toBe(true);

    // The same file and secret: nothing to do. A new secret: one change, its value never shown.
    expect((await planOf(target, text, { CC_TOKEN: 'first-secret' })).counts).toMatchObject({
      create: 0,
      update: 0,
    });
    const rotated = await planOf(target, checksText('cc', 30), { CC_TOKEN: 'second-secret' });
    const rotatedText = formatPlan(rotated);
    expect(rotatedText).toContain(
      '~ check "cc ERP web": intervalSeconds 60 → 30, settings.headers.Authorization "********" → "******** (new value)"',
    );
    expect(rotatedText).not.toContain('second-secret');
    await applyConfiguration(target, rotated);
    expect((await storedHeaders('cc ERP web')).headers.Authorization).toBe('Bearer second-secret');
    expect((await checkRow('cc ERP web')).intervalSeconds).toBe(30);
  });

  it('round-trips: export writes ******** for secrets, and applying the export changes nothing', async () => {
    const target = local();
    await applyConfiguration(
      target,
      await planOf(target, checksText('rt'), { RT_TOKEN: 'round-trip-secret' }),
    );
    const exported = stringifyConfiguration(await exportConfiguration(target));
    expect(exported).not.toContain('round-trip-secret');
    const plan = await planOf(target, exported);
    expect(plan.counts.create + plan.counts.update).toBe(0);
    const checks = parseConfigurationYaml(exported).checks.filter((check) => check.name.startsWith('rt '));
    expect(checks.map((check) => check.name)).toEqual(['rt ERP certificate', 'rt ERP web', 'rt backup']);
    // Written as a person would: defaults left out, owner only where it is not the item's team.
    const section = exported.slice(exported.indexOf('  - name: rt ERP certificate'));
    expect(section).toContain(yaml`  - name: rt ERP certificate
    item: rt ERP
    owner: rt Rete
    cron: 0 3 * * *
    settings:
      kind: tls
      host: erp.example.test
      warningDays: 30
  - name: rt ERP web
    item: rt ERP
    retries: 1
    settings:
      kind: http
      url: https://erp.example.test/login
      headers:
        Authorization: "********"
        X-Tenant: "********"
      expectedStatus: [ 200, 300-399 ]
`);
    // The secret is still the one stored.
    await applyConfiguration(target, plan);
    expect((await storedHeaders('rt ERP web')).headers.Authorization).toBe('Bearer round-trip-secret');
  });

  it('refuses, before writing, a missing variable, ******** with nothing stored, an unknown item or team and a kind change', async () => {
    const target = local();
    await applyConfiguration(target, await planOf(target, checksText('bad'), { BAD_TOKEN: 'x' }));
    const text = yaml`
apiVersion: regia/v1
checks:
  - name: bad new
    item: nothing here
    owner: Nessuno
    settings: { kind: http, url: "https://a.example.test/", headers: { Authorization: "********", X-Key: "${'$'}{NOT_SET}" } }
  - name: bad ERP web
    item: bad ERP
    settings: { kind: tcp, host: erp.example.test, port: 443 }
  - name: bad ERP certificate
    item: bad ERP
    settings: { kind: tls, host: erp.example.test, warningDays: 30 }
`;
    const issues = await issuesOf(() => planOf(target, text));
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['checks[0].settings.headers.X-Key', 'environment variable NOT_SET is not set or empty'],
      ['checks[0].item', 'no item "nothing here"'],
      ['checks[0].owner', 'no team "Nessuno"'],
      ['checks[0].settings.headers.Authorization', expect.stringMatching(/does not exist yet/)],
      ['checks[1].settings.kind', expect.stringMatching(/is a http check and its kind cannot change/)],
    ]);
    expect(await ctx.db.selectFrom('checks').select('id').where('name', '=', 'bad new').execute()).toEqual(
      [],
    );

    // ******** keeps the stored value; the owner is compared as it takes effect (the item's team).
    const kept = yaml`
apiVersion: regia/v1
checks:
  - name: bad ERP web
    item: bad ERP
    owner: bad App
    intervalSeconds: 60
    retries: 1
    settings:
      kind: http
      url: https://erp.example.test/login
      headers: { Authorization: "********", X-Tenant: "********" }
      expectedStatus: [200, "300-399"]
`;
    expect((await planOf(target, kept)).counts).toEqual({ create: 0, update: 0, unchanged: 1 });
    const dropped = await planOf(
      target,
      kept.replace(', X-Tenant: "********"', '').replace('retries: 1', 'isPaused: true'),
    );
    expect(formatPlan(dropped)).toContain(
      '~ check "bad ERP web": retries 1 → 0, isPaused false → true, settings.headers.X-Tenant "********" → none',
    );
    await applyConfiguration(target, dropped);
    expect((await storedHeaders('bad ERP web')).headers).toEqual({ Authorization: 'Bearer x' });
    expect((await checkRow('bad ERP web')).isPaused).toBe(1);
  });

  it('tells runners nothing when the apply rolls back', async () => {
    const target = local();
    const text = yaml`
apiVersion: regia/v1
checks:
  - { name: rollback a, settings: { kind: tcp, host: db1.example.test, port: 5432 } }
  - { name: rollback b, settings: { kind: tcp, host: db2.example.test, port: 5432 } }
`;
    const plan = await planOf(target, text);
    // Someone makes the second check between plan and apply: the apply fails and keeps nothing.
    await createCheck(ctx, systemActor('test'), {
      name: 'rollback b',
      settings: { kind: 'tcp', host: 'db2.example.test', port: 5432 },
    });
    const changed: number[] = [];
    const off = ctx.events.on('check.definitionChanged', ({ checkId }) => changed.push(checkId));
    await expect(applyConfiguration(target, plan)).rejects.toThrow(/check with this name exists/);
    off();
    expect(changed).toEqual([]);
    expect(await ctx.db.selectFrom('checks').select('id').where('name', '=', 'rollback a').execute()).toEqual(
      [],
    );
  });

  it('works against a server through the API: created with the token rights, secrets sent again', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const server = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const admin = await createUserWithToken(ctx, 'admin');
    const remote: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server, token: admin.token }),
    };
    const text = checksText('api');
    const plan = await planOf(remote, text, { API_TOKEN: 'remote-secret' });
    expect(plan.counts.create).toBe(6);
    const outcome = await applyConfiguration(remote, plan);
    expect(outcome.pushUrls.map((push) => push.check)).toEqual(['api backup']);
    expect((await storedHeaders('api ERP web')).headers.Authorization).toBe('Bearer remote-secret');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('actorLabel', '=', admin.user.email)
      .where('action', '=', 'check.create')
      .execute();
    expect(audit).toHaveLength(3);

    // The server never shows a stored secret: a value given in clear is sent again, a masked one kept.
    const again = await planOf(remote, text, { API_TOKEN: 'remote-secret' });
    expect(again.counts).toMatchObject({ create: 0, update: 1 });
    expect(formatPlan(again)).toContain('settings.headers.Authorization "********" → "******** (sent again');
    await applyConfiguration(remote, again);
    const exported = stringifyConfiguration(await exportConfiguration(remote));
    expect(exported).toBe(stringifyConfiguration(await exportConfiguration(local())));
    expect((await planOf(remote, exported)).counts).toMatchObject({ create: 0, update: 0 });
    expect((await storedHeaders('api ERP web')).headers.Authorization).toBe('Bearer remote-secret');
  });
});
