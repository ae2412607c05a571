import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createUserWithToken, json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { type SmtpTarget, startSmtpTarget } from '../../../../test/targets/smtp';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/targets/webhook-receiver';
import type {
  Channel,
  ChannelTestOutcome,
  Delivery,
  DeliveryPage,
  Rule,
} from '../../../shared/contracts/notifications';
import type { AppContext } from '../../context';
import { updateOutboundPolicy } from '../settings/outbound-policy.service';
import { allowLoopbackWebhooks, buildWebhookChannel, system } from './notifications.test-support';

type Headers = Record<string, string>;

describeEachDialect('notification channels, rules and deliveries over HTTP', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let receiver: WebhookReceiver;
  let smtp: SmtpTarget;
  let manager: Headers;
  const forbidden: Record<string, Headers> = {};

  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
    receiver = await startWebhookReceiver();
    smtp = await startSmtpTarget({ user: 'regia', password: 'smtp-pass-123' });
    manager = (await createUserWithToken(ctx, 'manager')).headers;
    for (const role of ['lead', 'member', 'auditor'] as const) {
      forbidden[role] = (await createUserWithToken(ctx, role)).headers;
    }
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await smtp?.close();
  });

  const post = (url: string, payload: unknown, headers = manager) =>
    app.inject({ method: 'POST', url: `/api/v1/notifications${url}`, payload: payload as object, headers });
  const get = (url: string, headers = manager) =>
    app.inject({ method: 'GET', url: `/api/v1/notifications${url}`, headers });
  const patch = (url: string, payload: unknown, headers = manager) =>
    app.inject({ method: 'PATCH', url: `/api/v1/notifications${url}`, payload: payload as object, headers });

  it('answers 401 without credentials and 403 to roles without notifications.manage', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/notifications/channels' });
    expect(anonymous.statusCode).toBe(401);
    for (const headers of Object.values(forbidden)) {
      expect((await get('/channels', headers)).statusCode).toBe(403);
      expect((await get('/deliveries', headers)).statusCode).toBe(403);
      const create = await post('/channels', buildWebhookChannel(receiver.url()), headers);
      expect(create.statusCode).toBe(403);
    }
    const count = await ctx.db.selectFrom('notificationChannels').select('id').execute();
    expect(count).toEqual([]);
  });

  it('never returns, stores in clear, or audits a secret; "********" keeps it', async () => {
    const created = await post('/channels', {
      name: 'ops chat',
      settings: {
        kind: 'webhook',
        url: receiver.url('/signed'),
        signingSecret: 'topsecret-signing-key',
        headers: { 'X-Api-Key': 'topsecret-header' },
      },
    });
    expect(created.statusCode).toBe(201);
    const channel = json<Channel>(created);
    expect(channel.settings).toMatchObject({
      signingSecret: '********',
      headers: { 'X-Api-Key': '********' },
    });
    expect(channel.hasSecrets).toBe(true);
    const slack = json<Channel>(
      await post('/channels', {
        name: 'slack',
        language: 'it',
        settings: { kind: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/topsecret-slack' },
      }),
    );
    expect(slack.settings).toEqual({ kind: 'slack', webhookUrl: '********' });

    const listed = await get('/channels');
    const stored = await ctx.db.selectFrom('notificationChannels').select('settings').execute();
    const audit = await ctx.db.selectFrom('auditLog').select(['before', 'after']).execute();
    for (const text of [listed.body, JSON.stringify(stored), JSON.stringify(audit)]) {
      expect(text).not.toContain('topsecret');
    }

    // Renaming and sending the masked values back keeps the secrets: the signature still verifies.
    const renamed = await patch(`/channels/${channel.id}`, {
      name: 'ops chat (renamed)',
      settings: { ...channel.settings },
    });
    expect(renamed.statusCode).toBe(200);
    const outcome = json<ChannelTestOutcome>(await post(`/channels/${channel.id}/test`, {}));
    // The policy does not let webhooks reach 127.0.0.1 yet.
    expect(outcome.isSuccess).toBe(false);
    expect(outcome.message).toMatch(/refused range \(loopback\)/);
    expect(receiver.requests).toHaveLength(0);

    await allowLoopbackWebhooks(ctx);
    const sent = json<ChannelTestOutcome>(await post(`/channels/${channel.id}/test`, {}));
    expect(sent).toMatchObject({ isSuccess: true, statusCode: 200 });
    const [request] = await receiver.waitForRequests(1);
    const timestamp = String(request!.headers['x-regia-timestamp']);
    const expected = createHmac('sha256', 'topsecret-signing-key')
      .update(`${timestamp}.${request!.body}`)
      .digest('hex');
    expect(request!.headers['x-regia-signature']).toBe(`sha256=${expected}`);
    expect(request!.headers['x-api-key']).toBe('topsecret-header');
    expect(request!.headers['idempotency-key']).toMatch(/^test:/);
    const body = JSON.parse(request!.body) as {
      version: number;
      event: { kind: string };
      message: { title: string };
    };
    expect(body).toMatchObject({
      version: 1,
      event: { kind: 'test' },
      message: { title: 'Test notification from Regia' },
    });

    // The delivery log shows both tries of "send test", the refusal and the success.
    const log = json<DeliveryPage>(await get(`/deliveries?channelId=${channel.id}`));
    expect(log.rows.map((row) => row.status)).toEqual(['delivered', 'failed']);
    expect(log.rows[0]!.attempts[0]).toMatchObject({ isSuccess: true, statusCode: 200 });
    expect(log.rows[1]!.lastError).toMatch(/refused/);
  });

  it('refuses a masked secret with nothing stored, a change of kind, unknown fields and bad values', async () => {
    const masked = await post('/channels', {
      name: 'masked',
      settings: { kind: 'telegram', botToken: '********', chatId: '-100123' },
    });
    expect(masked.statusCode).toBe(400);
    const channel = json<Channel>(
      await post('/channels', buildWebhookChannel('https://hooks.example.com/y')),
    );
    const kind = await patch(`/channels/${channel.id}`, {
      settings: { kind: 'slack', webhookUrl: 'https://hooks.slack.com/x' },
    });
    expect(kind.statusCode).toBe(400);
    for (const settings of [
      { kind: 'webhook', url: 'file:///etc/passwd' },
      { kind: 'webhook', url: 'https://hooks.example.com', headers: { 'Idempotency-Key': 'mine' } },
      { kind: 'webhook', url: 'https://hooks.example.com', headers: { 'X-Bad': 'a\r\nb' } },
      { kind: 'email', host: 'smtp.example.com', from: 'not-an-address', to: ['ops@example.com'] },
      { kind: 'sms', number: '123' },
    ]) {
      const answer = await post('/channels', { name: `bad-${Math.random()}`, settings });
      expect(answer.statusCode, JSON.stringify(settings)).toBe(400);
    }
    expect(
      (await post('/channels', { ...buildWebhookChannel('https://x.example'), extra: 1 })).statusCode,
    ).toBe(400);
    const duplicate = await post(
      '/channels',
      buildWebhookChannel('https://x.example', { name: channel.name }),
    );
    expect(duplicate.statusCode).toBe(409);
  });

  it('sends a test e-mail through SMTP in the channel language, with the idempotency key', async () => {
    const policy = { probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] } };
    await updateOutboundPolicy(ctx, system, { ...policy, webhooks: { allowedCidrs: ['127.0.0.0/8'] } });
    const email = {
      kind: 'email',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'regia',
      password: 'smtp-pass-123',
      from: 'regia@example.com',
      to: ['ops@example.com', 'cto@example.com'],
    };
    const channel = json<Channel>(
      await post('/channels', { name: 'mail it', language: 'it', settings: email }),
    );
    expect(channel.settings).toMatchObject({ password: '********' });
    const outcome = json<ChannelTestOutcome>(await post(`/channels/${channel.id}/test`, {}));
    expect(outcome).toMatchObject({ isSuccess: true, statusCode: 250 });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.user).toBe('regia');
    expect(mail!.to).toEqual(['ops@example.com', 'cto@example.com']);
    expect(mail!.subject).toBe('[Regia] Notifica di prova da Regia');
    expect(mail!.text).toContain('Se leggi questo messaggio, il canale funziona.');
    expect(mail!.text).toContain('Canale di notifica: mail it');
    expect(mail!.headers['idempotency-key']).toMatch(/^test:/);

    const wrong = json<Channel>(
      await post('/channels', { name: 'mail wrong', settings: { ...email, password: 'wrong-password' } }),
    );
    const refused = json<ChannelTestOutcome>(await post(`/channels/${wrong.id}/test`, {}));
    expect(refused.isSuccess).toBe(false);
    expect(refused.message).not.toContain('wrong-password');
    expect(smtp.messages).toHaveLength(1);

    await updateOutboundPolicy(ctx, system, { ...policy, webhooks: { allowedCidrs: [] } });
    const blocked = json<ChannelTestOutcome>(await post(`/channels/${channel.id}/test`, {}));
    expect(blocked.isSuccess).toBe(false);
    expect(blocked.message).toMatch(/refused/);
    expect(smtp.messages).toHaveLength(1);
    await allowLoopbackWebhooks(ctx);
  });

  it('sends Telegram, Slack and Teams messages in their own shapes', async () => {
    await allowLoopbackWebhooks(ctx);
    const before = receiver.requests.length;
    const telegram = json<Channel>(
      await post('/channels', {
        name: 'telegram',
        settings: {
          kind: 'telegram',
          botToken: '123456:ABC-secret',
          chatId: '-100200',
          apiBaseUrl: receiver.url('/tg'),
        },
      }),
    );
    const teams = json<Channel>(
      await post('/channels', {
        name: 'teams',
        settings: { kind: 'teams', webhookUrl: receiver.url('/teams') },
      }),
    );
    const slack = json<Channel>(
      await post('/channels', {
        name: 'slack2',
        settings: { kind: 'slack', webhookUrl: receiver.url('/slack') },
      }),
    );
    for (const channel of [telegram, teams, slack]) {
      expect(json<ChannelTestOutcome>(await post(`/channels/${channel.id}/test`, {})).isSuccess).toBe(true);
    }
    const [tg, ms, sl] = (await receiver.waitForRequests(before + 3)).slice(before);
    expect(tg!.path).toBe('/tg/bot123456:ABC-secret/sendMessage');
    expect(JSON.parse(tg!.body)).toMatchObject({ chat_id: '-100200' });
    expect(JSON.parse(ms!.body)).toMatchObject({
      type: 'message',
      attachments: [{ content: { type: 'AdaptiveCard' } }],
    });
    expect(JSON.parse(sl!.body)).toMatchObject({ text: 'Test notification from Regia' });
    expect((await get('/channels')).body).not.toContain('ABC-secret');

    // A receiver that echoes the request back does not put the token into the delivery log.
    receiver.script([
      { status: 401, body: 'Unauthorized: /tg/bot123456:ABC-secret/sendMessage (123456:ABC-secret)' },
    ]);
    const refused = json<ChannelTestOutcome>(await post(`/channels/${telegram.id}/test`, {}));
    expect(refused).toMatchObject({ isSuccess: false, statusCode: 401 });
    expect(refused.message).toBe('HTTP 401: Unauthorized: [path] ([secret])');
    expect((await get(`/deliveries?channelId=${telegram.id}`)).body).not.toContain('ABC-secret');
  });

  it('manages rules that refer to existing channels and teams, audited', async () => {
    const channel = json<Channel>(
      await post('/channels', buildWebhookChannel('https://hooks.example.com/r')),
    );
    const missing = await post('/rules', { name: 'bad', events: ['check.down'], channelIds: [999_999] });
    expect(missing.statusCode).toBe(400);
    const badTeam = await post('/rules', {
      name: 'bad',
      events: ['check.down'],
      channelIds: [channel.id],
      teamIds: [999_999],
    });
    expect(badTeam.statusCode).toBe(400);
    const unknownKind = await post('/rules', {
      name: 'bad',
      events: ['check.exploded'],
      channelIds: [channel.id],
    });
    expect(unknownKind.statusCode).toBe(400);
    const created = await post('/rules', {
      name: 'severe downs',
      events: ['check.down', 'incident.opened'],
      maxSeverity: 2,
      channelIds: [channel.id],
    });
    expect(created.statusCode).toBe(201);
    const rule = json<Rule>(created);
    expect(rule).toMatchObject({ teamIds: [], maxSeverity: 2, isEnabled: true });
    const changed = json<Rule>(await patch(`/rules/${rule.id}`, { isEnabled: false, events: ['check.up'] }));
    expect(changed).toMatchObject({ isEnabled: false, events: ['check.up'] });
    const actions = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'notificationRule')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['notificationRule.create', 'notificationRule.update']);
    // Deleting the channel takes it out of the rule.
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/notifications/channels/${channel.id}`,
      headers: manager,
    });
    expect(json<Rule>(await get(`/rules/${rule.id}`)).channelIds).toEqual([]);
  });

  it('retries a dead delivery by hand, and only a dead one', async () => {
    const channel = json<Channel>(
      await post('/channels', buildWebhookChannel('https://hooks.example.com/z')),
    );
    const now = ctx.now();
    const row = await ctx.db
      .insertInto('notificationOutbox')
      .values({
        channelId: channel.id,
        eventKind: 'check.down',
        idempotencyKey: 'check:1:down:dead',
        payload: JSON.stringify({ subject: { name: 'ERP' } }),
        status: 'dead',
        attempts: 8,
        nextAttemptAt: now,
        leaseOwner: null,
        leaseUntil: null,
        lastError: 'HTTP 500',
        createdAt: now,
        deliveredAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dead = json<DeliveryPage>(await get('/deliveries?status=dead'));
    expect(dead.rows.map((delivery) => delivery.id)).toEqual([row.id]);
    expect(dead.rows[0]).toMatchObject({ subject: 'ERP', lastError: 'HTTP 500', attemptCount: 8 });
    const retried = await post(`/deliveries/${row.id}/retry`, {});
    expect(retried.statusCode).toBe(200);
    expect(json<Delivery>(retried)).toMatchObject({
      status: 'pending',
      attemptCount: 0,
      idempotencyKey: 'check:1:down:dead',
    });
    expect((await post(`/deliveries/${row.id}/retry`, {})).statusCode).toBe(409);
    expect((await post('/deliveries/999999/retry', {})).statusCode).toBe(404);
    expect((await post(`/deliveries/${row.id}/retry`, {}, forbidden.lead)).statusCode).toBe(403);
  });
});
