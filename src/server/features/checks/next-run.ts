import { Cron } from 'croner';
import { nextOnGrid } from './schedule-queue';

/** How often a check runs: a fixed interval, or a cron expression in the organisation's timezone. */
export type Cadence = { intervalMs: number } | { cron: string; timezone: string };

/**
 * The planned time after `after`, and never at or before `notBefore`: a check that fell behind
 * (the server was down, the machine was busy) resumes at its next slot instead of catching up in
 * a burst of missed runs.
 */
export function nextPlannedRun(
  checkId: number,
  cadence: Cadence,
  after: number,
  notBefore: number,
): number | null {
  const from = Math.max(after, notBefore);
  if ('intervalMs' in cadence) return nextOnGrid(checkId, cadence.intervalMs, from + 1);
  const next = new Cron(cadence.cron, { timezone: cadence.timezone, paused: true }).nextRun(new Date(from));
  return next ? next.getTime() : null;
}

/** True when the cron expression is valid (five or six fields, croner's syntax). */
export function isValidCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}
