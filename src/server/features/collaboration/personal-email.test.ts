import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { type SmtpTarget, startSmtpTarget } from '../../../../test/targets/smtp';
import type { Channel } from '../../../shared/contracts/notifications';
import { sendToChannel } from '../notifications/channel-sender';
import { DeliveryWorker } from '../notifications/delivery-worker';
import { updateOutboundPolicy } from '../settings/outbound-policy.service';
import {
  buildCollaborationWorld,
  type CollaborationWorld,
  comment,
  system,
} from './collaboration.test-support';
import { updateCollaborationSettings } from './collaboration-settings';
import { localDayAndHour, sendDailyDigests } from './digest';
import { updatePreferences } from './preferences';

describeEachDialect('personal email: immediate mentions and the daily digest', (storage) => {
  let world: CollaborationWorld;
  let smtp: SmtpTarget;
  let worker: DeliveryWorker;
  beforeAll(async () => {
    world = await buildCollaborationWorld(storage());
    smtp = await startSmtpTarget();
    const { ctx } = world;
    await updateOutboundPolicy(ctx, system, {
      probes: { allowLinkLocal: false, allowedCidrs: [], deniedCidrs: [] },
      webhooks: { allowedCidrs: ['127.0.0.0/8'] },
    });
    const channel = json<Channel>(
      await world.app.inject({
        method: 'POST',
        url: '/api/v1/notifications/channels',
        headers: world.users.admin.headers,
        payload: {
          name: 'personal mail',
          settings: {
            kind: 'email',
            host: '127.0.0.1',
            port: smtp.port,
            security: 'none',
            from: 'regia@example.com',
            to: ['ops-list@example.com'],
          },
        },
      }),
    );
    await updateCollaborationSettings(ctx, system, { emailChannelId: channel.id, digestHour: 8 });
    worker = new DeliveryWorker(ctx, { pollIntervalMs: 50, timeoutMs: 5000 });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    await world?.close();
  });

  it('emails a mention at once to the person alone, in their language', async () => {
    const { app, ctx, users, incident } = world;
    await ctx.db.updateTable('users').set({ locale: 'it' }).where('id', '=', users.lead.user.id).execute();
    await comment(app, users.member.headers, 'incident', incident.id, `@${users.lead.user.email} guarda qui`);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual([users.lead.user.email]);
    expect(mail!.subject).toBe(`[Regia] ${users.member.user.name} ti ha menzionato: ${incident.title}`);
    expect(mail!.text).toContain('guarda qui');
  });

  it('refuses a channel that does not send email as the personal channel', async () => {
    const response = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/collaboration/settings',
      headers: world.users.admin.headers,
      payload: { emailChannelId: 999_999, digestHour: 8 },
    });
    expect(response.statusCode).toBe(400);
    const manager = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/collaboration/settings',
      headers: world.users.manager.headers,
      payload: { emailChannelId: null, digestHour: 8 },
    });
    expect(manager.statusCode).toBe(403);
  });

  it('sends one digest per person and day, after the hour in the organisation timezone, across restarts', async () => {
    const { ctx, users, incident, app } = world;
    await updatePreferences(ctx, users.manager.user.id, {
      kinds: [{ kind: 'mention', isInApp: true, isEmail: false }],
      isDigestEnabled: true,
    });
    await comment(
      app,
      users.member.headers,
      'incident',
      incident.id,
      `@${users.manager.user.email} digest me`,
    );
    const sentBefore = smtp.messages.length;
    // 06:30 in Rome (UTC+1 in November): before the digest hour.
    ctx.clock.now = Date.UTC(2026, 10, 26, 5, 30);
    expect(localDayAndHour(ctx.now(), ctx.config.timezone)).toEqual({ day: '2026-11-26', hour: 6 });
    expect(await sendDailyDigests(ctx)).toBe(0);
    // 08:05 in Rome: due. The notification is from 25/11 10:00 Rome, within the last day.
    ctx.clock.now = Date.UTC(2026, 10, 26, 7, 5);
    expect(await sendDailyDigests(ctx)).toBe(1);
    // Delivered before the test clock moves on (a moved clock would expire the worker's lease).
    const mails = await smtp.waitForMessages(sentBefore + 1);
    await worker.idle();
    // Another run, as after a restart, the same day: nothing more.
    expect(await sendDailyDigests(ctx)).toBe(0);
    ctx.clock.now = Date.UTC(2026, 10, 26, 20, 0);
    expect(await sendDailyDigests(ctx)).toBe(0);
    const digest = mails.find((mail) => mail.subject.includes('unread notifications'));
    expect(digest?.to).toEqual([users.manager.user.email]);
    expect(digest?.text).toContain('digest me');
    // The next day it would send again, but the notification is older than a day now: nothing to say.
    ctx.clock.now = Date.UTC(2026, 10, 27, 8, 0);
    expect(await sendDailyDigests(ctx)).toBe(0);
    const days = await ctx.db
      .selectFrom('digestDeliveries')
      .select(['day', 'notificationCount'])
      .where('userId', '=', users.manager.user.id)
      .orderBy('day')
      .execute();
    expect(days).toEqual([
      { day: '2026-11-26', notificationCount: 1 },
      { day: '2026-11-27', notificationCount: 0 },
    ]);
    await worker.idle();
    expect(smtp.messages.filter((mail) => mail.subject.includes('unread notifications'))).toHaveLength(1);
    // Email for mentions was turned off: the only mail the manager got is the digest.
    expect(smtp.messages.filter((mail) => mail.to.includes(users.manager.user.email))).toHaveLength(1);
  });
});

describe('the channel sender and personal email', () => {
  it('never posts a personal email to a chat channel, and needs recipients', async () => {
    const event = {
      kind: 'personal.notification' as const,
      key: 'personal:1',
      at: 0,
      severity: 4 as const,
      teamId: null,
      subject: { type: 'system' as const, id: null, name: 'Ada mentioned you' },
      link: null,
      facts: {},
      recipients: ['ada@example.com'],
    };
    const context = {
      policy: {
        allowLoopback: false,
        allowPrivate: false,
        allowLinkLocal: false,
        allowedCidrs: [],
        deniedCidrs: [],
      },
      timeoutMs: 1000,
      timezone: 'Europe/Rome',
      publicUrl: undefined,
    };
    const slack = {
      id: 1,
      name: 'chat',
      language: 'en' as const,
      settings: { kind: 'slack' as const, webhookUrl: 'https://hooks.example.com/x' },
    };
    const outcome = await sendToChannel(slack, event, 'k', context);
    expect(outcome).toMatchObject({ isSuccess: false, isPermanent: true });
    const mail = {
      ...slack,
      settings: {
        kind: 'email' as const,
        host: 'smtp.example.com',
        port: 25,
        security: 'none' as const,
        username: '',
        password: '',
        from: 'a@example.com',
        to: ['list@example.com'],
      },
    };
    const withoutRecipients = await sendToChannel(mail, { ...event, recipients: [] }, 'k', context);
    expect(withoutRecipients).toMatchObject({ isSuccess: false, isPermanent: true });
  });
});
