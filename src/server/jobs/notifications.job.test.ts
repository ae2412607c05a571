import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestContext } from '../../../test/app';
import { describeEachDialect } from '../../../test/db';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/targets/webhook-receiver';
import {
  allowLoopbackWebhooks,
  buildEvent,
  createRuleFor,
  createWebhookChannel,
  queue,
} from '../features/notifications/notifications.test-support';
import { startNotificationDelivery } from './notifications.job';

describeEachDialect('the notification delivery job', (storage) => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('delivers what a state change queued as soon as the bus says so, not at the next poll', async () => {
    const ctx = buildTestContext(storage(), { now: () => Date.now() });
    await allowLoopbackWebhooks(ctx);
    const channel = await createWebhookChannel(ctx, receiver.url());
    await createRuleFor(ctx, [channel.id]);
    // A poll a minute apart: only the wake-up can explain a quick delivery.
    const job = await startNotificationDelivery(ctx, { worker: { pollIntervalMs: 60_000 } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const event = buildEvent();
      await queue(ctx, event);
      ctx.events.emit('incident.changed', { incidentId: null, checkId: 1 });
      const [request] = await receiver.waitForRequests(1, 3000);
      expect(request!.headers['idempotency-key']).toBe(event.key);
    } finally {
      await job.stop();
    }
  });
});
