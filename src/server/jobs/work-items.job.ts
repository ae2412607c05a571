import type { AppContext } from '../context';
import { createDueRecurringItems } from '../features/work-items/recurrences.service';
import { announceDeadlines } from '../features/work-items/work-deadlines';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

/**
 * Every minute: creates the items of recurring work whose deadline is within its lead time, then
 * announces items newly overdue or due soon. Both are idempotent, so restarts and several servers
 * are safe.
 */
export function startWorkItemsJob(ctx: AppContext, intervalMs = 60_000): Job {
  return startPeriodicJob(ctx, 'work-items', intervalMs, async () => {
    await createDueRecurringItems(ctx);
    await announceDeadlines(ctx);
  });
}
