import type { AppContext } from '../context';
import { deleteExpiredSessions } from '../features/auth/sessions.repository';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

export const sessionCleanupIntervalMs = 60 * 60_000;

/** Deletes expired sessions now and every hour: expired rows are refused anyway, this keeps the table small. */
export function startSessionCleanup(ctx: AppContext, intervalMs = sessionCleanupIntervalMs): Job {
  return startPeriodicJob(ctx, 'session-cleanup', intervalMs, () => deleteExpiredSessions(ctx.db, ctx.now()));
}
