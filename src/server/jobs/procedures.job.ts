import type { AppContext } from '../context';
import { markMissedProcedureTests } from '../features/procedures/procedure-runs.service';
import type { Job } from './jobs';
import { startPeriodicJob } from './periodic-job';

/** Marks procedure tests whose due date and grace have passed as missed, every five minutes. */
export function startMissedProcedureSweep(ctx: AppContext, intervalMs = 5 * 60_000): Job {
  return startPeriodicJob(ctx, 'missed-procedure-tests', intervalMs, async () => {
    await markMissedProcedureTests(ctx, ctx.now());
  });
}
