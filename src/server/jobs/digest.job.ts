import type { AppContext } from '../context';
import { sendDailyDigests } from '../features/collaboration/digest';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

/**
 * Every minute: once the organisation's clock passes the digest hour, queues each subscriber's
 * daily digest (at most one per person and day, kept by the database across restarts).
 */
export function startDigestJob(ctx: AppContext, intervalMs = 60_000): Job {
  return startPeriodicJob(ctx, 'digest', intervalMs, async () => {
    await sendDailyDigests(ctx);
  });
}
