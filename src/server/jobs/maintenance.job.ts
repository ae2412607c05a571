import type { AppContext } from '../context';
import { openIncidentsAfterMaintenance } from '../features/incidents/incident-after-maintenance';
import { announceUpcomingOccurrences } from '../features/maintenance/maintenance-announcements';
import { calendarOf } from '../features/maintenance/maintenance-calendar';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

/**
 * Every minute: reloads the maintenance calendar (other servers' changes, new relations and checks)
 * tells owners of occurrences starting within 24 hours, and opens the incidents of checks still
 * down when their window ended.
 */
export function startMaintenanceJob(ctx: AppContext, intervalMs = 60_000): Job {
  return startPeriodicJob(ctx, 'maintenance', intervalMs, async () => {
    await calendarOf(ctx)?.reload(ctx);
    await announceUpcomingOccurrences(ctx);
    await openIncidentsAfterMaintenance(ctx);
  });
}
