import type { AppContext } from '../context';
import { DegradedAlerter, type DegradedAlertOptions } from '../features/notifications/degraded-alert';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../features/notifications/delivery-worker';
import type { Job } from './jobs';

/**
 * Delivers the notification outbox and watches for storage errors ("Regia degraded"). The worker
 * polls, and wakes at once after commits that may have queued notifications.
 */
export async function startNotificationDelivery(
  ctx: AppContext,
  options: { worker?: DeliveryWorkerOptions; degraded?: DegradedAlertOptions } = {},
): Promise<Job & { worker: DeliveryWorker; alerter: DegradedAlerter }> {
  const worker = new DeliveryWorker(ctx, { timeoutMs: ctx.config.notificationTimeoutMs, ...options.worker });
  const alerter = new DegradedAlerter(ctx, options.degraded);
  await alerter.start();
  const wake = () => worker.wake();
  const unsubscribe = [
    ctx.events.on('check.stateChanged', wake),
    ctx.events.on('incident.changed', wake),
    ctx.events.on('notifications.changed', wake),
  ];
  worker.start();
  return {
    name: 'notifications',
    worker,
    alerter,
    async stop() {
      for (const off of unsubscribe) off();
      await alerter.stop();
      await worker.stop();
    },
  };
}
