import type { AppContext } from '../context';
import { startEventRelay } from '../event-relay';
import { startCheckEngine, startResultRetention } from './checks.job';
import { startDigestJob } from './digest.job';
import { startMaintenanceJob } from './maintenance.job';
import { startNotificationDelivery } from './notifications.job';
import { startMissedProcedureSweep } from './procedures.job';
import { startSessionCleanup } from './session-cleanup.job';
import { startWorkItemsJob } from './work-items.job';

/** A background job the server runs; `stop` lets work in flight finish. */
export interface Job {
  name: string;
  stop(): Promise<void>;
}

/** Starts every periodic job of the server process; later features add theirs here. */
export async function startJobs(ctx: AppContext): Promise<Job[]> {
  // First, so it stops last: what the other jobs announce while stopping still reaches other servers.
  const relay = await startEventRelay(ctx);
  const jobs: Job[] = [{ name: 'event-relay', stop: () => relay.stop() }];
  jobs.push(startSessionCleanup(ctx), startResultRetention(ctx), startMissedProcedureSweep(ctx));
  jobs.push(startMaintenanceJob(ctx));
  jobs.push(startWorkItemsJob(ctx));
  jobs.push(startDigestJob(ctx));
  // Before the check engine, so it stops after it: state changes flushed at shutdown still go out.
  jobs.push(await startNotificationDelivery(ctx));
  if (ctx.config.runsChecks) jobs.push(await startCheckEngine(ctx));
  return jobs;
}

/** Stops jobs in reverse order of start, waiting for their work in flight. */
export async function stopJobs(jobs: Job[]): Promise<void> {
  for (const job of [...jobs].reverse()) await job.stop();
}
