import type { AppContext } from '../context';
import { CheckEngine } from '../features/checks/check-engine';
import { deleteResultsBefore } from '../features/checks/checks.repository';
import { markMissedProcedureTests } from '../features/procedures/procedure-runs.service';
import type { Job } from './jobs';

/** Runs this server's checks (unless REGIA_RUN_CHECKS=false) until stopped. */
export async function startCheckEngine(ctx: AppContext): Promise<Job & { engine: CheckEngine }> {
  const engine = new CheckEngine(ctx);
  await engine.start();
  return { name: 'checks', engine, stop: () => engine.stop() };
}

const dayMs = 86_400_000;

/** Deletes raw results past the retention, every hour; rollups are kept and serve old figures. */
export function startResultRetention(ctx: AppContext, intervalMs = 3_600_000): Job {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= deleteResultsBefore(ctx.db, ctx.now() - ctx.config.resultRetentionDays * dayMs)
      .then((deleted) => {
        if (deleted > 0) ctx.log.info({ deleted }, 'old check results deleted');
      })
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'check result retention failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    name: 'result-retention',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Marks procedure tests whose due date and grace have passed as missed, every five minutes. */
export function startMissedProcedureSweep(ctx: AppContext, intervalMs = 5 * 60_000): Job {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= markMissedProcedureTests(ctx, ctx.now())
      .then(() => undefined)
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'missed procedure test sweep failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    name: 'missed-procedure-tests',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
