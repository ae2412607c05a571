import type { AppContext } from '../context';
import { deleteExpiredSessions } from '../features/auth/sessions.repository';
import type { Job } from './jobs';

export const sessionCleanupIntervalMs = 60 * 60_000;

/** Deletes expired sessions now and every hour: expired rows are refused anyway, this keeps the table small. */
export function startSessionCleanup(ctx: AppContext, intervalMs = sessionCleanupIntervalMs): Job {
  let running: Promise<void> | null = null;
  const sweep = () => {
    // Never overlap two sweeps on a slow database.
    running ??= deleteExpiredSessions(ctx.db, ctx.now())
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'expired session cleanup failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    name: 'session-cleanup',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
