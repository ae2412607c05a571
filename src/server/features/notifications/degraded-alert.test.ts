import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/targets/webhook-receiver';
import { connect } from '../../db/connect';
import { DegradedAlerter } from './degraded-alert';
import { allowLoopbackWebhooks, createRuleFor, createWebhookChannel } from './notifications.test-support';

describeEachDialect('the "Regia degraded" alert', (storage) => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('goes straight to the channels whose rules pick it, once per episode, while the database fails', async () => {
    const ctx = buildTestContext(storage());
    await allowLoopbackWebhooks(ctx);
    const alerted = await createWebhookChannel(ctx, receiver.url('/alerted'), { language: 'it' });
    const silent = await createWebhookChannel(ctx, receiver.url('/silent'));
    await createRuleFor(ctx, [alerted.id], { events: ['regia.degraded'] });
    await createRuleFor(ctx, [silent.id], { events: ['check.down'] });
    // The database under the alerter breaks after it read its copy of channels and rules.
    const broken = connect('sqlite::memory:');
    const alerterCtx = { ...ctx };
    const alerter = new DegradedAlerter(alerterCtx, { quietMs: 60_000 });
    await alerter.start();
    await broken.close();
    alerterCtx.db = broken.db;
    await alerter.refresh();

    ctx.events.emit('storage.degraded', { error: 'SqliteError: database is locked', at: ctx.now() });
    ctx.events.emit('storage.degraded', { error: 'SqliteError: database is locked', at: ctx.now() + 1000 });
    const [request] = await receiver.waitForRequests(1);
    await alerter.stop();
    expect(receiver.requests).toHaveLength(1);
    expect(request!.path).toBe('/alerted');
    const body = JSON.parse(request!.body) as {
      event: { kind: string; facts: { error: string } };
      message: { title: string };
    };
    expect(body.event).toMatchObject({
      kind: 'regia.degraded',
      facts: { error: 'SqliteError: database is locked' },
    });
    expect(body.message.title).toBe('Regia degradato: non riesce a scrivere nel database');
    // Nothing went through the outbox: the database may be what failed.
    expect(await ctx.db.selectFrom('notificationOutbox').select('id').execute()).toEqual([]);

    // A later episode, past the quiet time, alerts again.
    const again = await alerter.alert('disk full', ctx.now() + 120_000);
    expect(again.map((outcome) => outcome.isSuccess)).toEqual([true]);
    expect(receiver.requests).toHaveLength(2);
  });
});
