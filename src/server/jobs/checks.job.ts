import type { AppContext } from '../context';
import { CheckEngine } from '../features/checks/check-engine';
import { deleteResultsBefore } from '../features/checks/checks.repository';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

/** Runs this server's checks (unless REGIA_RUN_CHECKS=false) until stopped. */
export async function startCheckEngine(ctx: AppContext): Promise<Job & { engine: CheckEngine }> {
  const engine = new CheckEngine(ctx);
  await engine.start();
  return { name: 'checks', engine, stop: () => engine.stop() };
}

const dayMs = 86_400_000;

/** Deletes raw results past the retention, every hour; rollups are kept and serve old figures. */
export function startResultRetention(ctx: AppContext, intervalMs = 3_600_000): Job {
  return startPeriodicJob(ctx, 'result-retention', intervalMs, async () => {
    const deleted = await deleteResultsBefore(ctx.db, ctx.now() - ctx.config.resultRetentionDays * dayMs);
    if (deleted > 0) ctx.log.info({ deleted }, 'old check results deleted');
  });
}
