import type { AppContext } from '../context';
import type { Job } from './jobs';

/**
 * Runs `work` now and then every `intervalMs`, never two at once (a slow database does not pile
 * sweeps up); a failure is logged and the next tick tries again. `stop` waits for a run in flight.
 */
export function startPeriodicJob(
  ctx: Pick<AppContext, 'log'>,
  name: string,
  intervalMs: number,
  work: () => Promise<void>,
): Job {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= work()
      .catch((error: unknown) => ctx.log.warn({ err: error, job: name }, `${name} failed`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    name,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
