// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} references are the subject of these tests
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { createApiClient } from '../../../cli/api-client';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { openChannelRow } from '../notifications/channel-rows';
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
  parseConfigurationYaml,
  stringifyConfiguration,
} from './configuration.yaml';
import { notificationChannelsSection, notificationRulesSection } from './notifications.section';

const yaml = String.raw;

function notificationsText(prefix: string): string {
  return yaml`
apiVersion: regia/v1
teams:
  - { name: ${prefix} Ops }
notificationChannels:
  - name: ${prefix} mail
    language: it
    settings:
      kind: email
      host: smtp.example.com
      username: regia
      password: "${'$'}{SMTP_PASSWORD}"
      from: regia@example.com
      to: [ops@example.com]
  - name: ${prefix} slack
    settings: { kind: slack, webhookUrl: "${'$'}{SLACK_URL}" }
notificationRules:
  - name: ${prefix} downs to ops
    events: [check.down, incident.opened]
    teams: [${prefix} Ops]
    maxSeverity: 2
    channels: [${prefix} mail, ${prefix} slack]
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

describeEachDialect('notification channels and rules as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = (): ConfigurationTarget => ({ mode: 'local', ctx, actor: systemActor('cli') });
  const planOf = (target: ConfigurationTarget, text: string, env: Record<string, string> = {}) =>
    planConfiguration(target, parseConfigurationYaml(text), { env });
  const secretsOf = async (name: string) => {
    const row = await ctx.db
      .selectFrom('notificationChannels')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { raw: row.settings, open: openChannelRow(ctx.secrets, row).settings };
  };

  it('applies channels with secrets from the environment, exports them masked, and reads the export back unchanged', async () => {
    const env = {
      SMTP_PASSWORD: 'smtp-secret-1',
      SLACK_URL: 'https://hooks.slack.com/services/T/B/slack-secret',
    };
    const plan = await planOf(local(), notificationsText('nc'), env);
    expect(plan.counts).toEqual({ create: 4, update: 0, unchanged: 0 });
    expect(formatPlan(plan)).not.toContain('secret');
    await applyConfiguration(local(), plan);

    const mail = await secretsOf('nc mail');
    expect(mail.raw).not.toContain('smtp-secret-1');
    expect(mail.open).toMatchObject({ kind: 'email', password: 'smtp-secret-1' });
    const rule = await ctx.db
      .selectFrom('notificationRules')
      .selectAll()
      .where('name', '=', 'nc downs to ops')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(rule.channelIds)).toHaveLength(2);
    expect(JSON.parse(rule.teamIds)).toHaveLength(1);

    const exported = stringifyConfiguration(await exportConfiguration(local()));
    expect(exported).not.toContain('smtp-secret-1');
    expect(exported).not.toContain('slack-secret');
    expect(exported).toContain('password: "********"');
    expect(exported).toContain('channels:\n      - nc mail\n      - nc slack');
    expect((await planOf(local(), exported)).counts).toMatchObject({ create: 0, update: 0 });

    // The same password from the environment changes nothing; a new one is an update, never shown.
    expect((await planOf(local(), notificationsText('nc'), env)).counts).toMatchObject({
      create: 0,
      update: 0,
    });
    const changed = await planOf(local(), notificationsText('nc'), {
      ...env,
      SMTP_PASSWORD: 'smtp-secret-2',
    });
    expect(formatPlan(changed)).toContain(
      '~ notification channel "nc mail": settings.password "********" → "******** (new value)"',
    );
    await applyConfiguration(local(), changed);
    expect((await secretsOf('nc mail')).open).toMatchObject({ password: 'smtp-secret-2' });
  });

  it('reports unknown channels and teams, unset variables and masked secrets with nothing stored', async () => {
    const text = yaml`
apiVersion: regia/v1
notificationChannels:
  - name: bad telegram
    settings: { kind: telegram, botToken: "********", chatId: "-1001" }
  - name: bad hook
    settings: { kind: webhook, url: "https://hooks.example.com", signingSecret: "${'$'}{UNSET_SECRET}" }
notificationRules:
  - { name: bad rule, events: [check.down], channels: [nowhere], teams: [nobody] }
`;
    const issues = await issuesOf(() => planOf(local(), text));
    expect(issues.map((issue) => issue.path)).toEqual([
      'notificationChannels[0].settings.botToken',
      'notificationChannels[1].settings.signingSecret',
      'notificationRules[0].channels',
      'notificationRules[0].teams',
    ]);
    expect(
      await ctx.db.selectFrom('notificationChannels').select('id').where('name', 'like', 'bad%').execute(),
    ).toEqual([]);
  });

  it('works against a server through the API, with the token rights', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const server = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const manager = await createUserWithToken(ctx, 'manager');
    const remote: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server, token: manager.token }),
    };
    const env = { SMTP_PASSWORD: 'remote-secret', SLACK_URL: 'https://hooks.slack.com/services/T/B/remote' };
    // Teams are the admin's to create; the manager's token applies the notifications only.
    const admin = await createUserWithToken(ctx, 'admin');
    const asAdmin: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server, token: admin.token }),
    };
    await applyConfiguration(asAdmin, await planOf(asAdmin, notificationsText('api'), env));
    expect((await secretsOf('api mail')).open).toMatchObject({ password: 'remote-secret' });
    const exported = stringifyConfiguration(await exportConfiguration(asAdmin));
    expect(exported).not.toContain('remote-secret');
    const again = await planOf(asAdmin, exported);
    expect(again.counts).toMatchObject({ create: 0, update: 0 });
    // A manager reads and changes notifications through the API like an admin.
    expect((await planOf(remote, exported)).counts).toMatchObject({ create: 0, update: 0 });
    await applyConfiguration(
      remote,
      await planOf(remote, notificationsText('api'), { ...env, SMTP_PASSWORD: 'rotated' }),
    );
    expect((await secretsOf('api mail')).open).toMatchObject({ password: 'rotated' });
    // A role that may not manage notifications exports none of them, rather than failing.
    const lead = await createUserWithToken(ctx, 'lead');
    const asLead: ConfigurationTarget = {
      mode: 'remote',
      api: createApiClient({ server, token: lead.token }),
    };
    expect(await notificationChannelsSection.exportSection(asLead)).toEqual([]);
    expect(await notificationRulesSection.exportSection(asLead)).toEqual([]);
  });
});
