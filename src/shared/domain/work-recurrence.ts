import { Cron } from 'croner';
import { addDays, localDateOf } from './calendar-dates';

// Recurring work: a cron expression, read in a timezone, names the deadlines ("0 9 L * *" = the last
// day of every month at 09:00). Each deadline brings one work item, created `leadDays` before it.

/** A recurrence as the job reads it. */
export interface RecurrenceSchedule {
  schedule: string;
  timezone: string;
  leadDays: number;
  /** the deadline whose item exists already; null: none yet */
  lastOccurrenceAt: number | null;
  /** when the recurrence was made: the first deadline is the first run after it */
  createdAt: number;
}

/** One deadline of a recurrence: its instant (the unique key) and its calendar day. */
export interface RecurrenceOccurrence {
  occurrenceAt: number;
  dueDate: string;
  /** the calendar day from which its item is created */
  createOn: string;
}

/** The next deadline after the last one made (or after creation), or null when the schedule ends. */
export function nextOccurrence(recurrence: RecurrenceSchedule): RecurrenceOccurrence | null {
  const cron = new Cron(recurrence.schedule, { timezone: recurrence.timezone, paused: true });
  const after = recurrence.lastOccurrenceAt ?? recurrence.createdAt;
  const next = cron.nextRun(new Date(after));
  if (!next) return null;
  const occurrenceAt = next.getTime();
  const dueDate = localDateOf(occurrenceAt, recurrence.timezone);
  return { occurrenceAt, dueDate, createOn: addDays(dueDate, -recurrence.leadDays) };
}

/**
 * The occurrences whose items are due to be created at `now`, oldest first: each next deadline
 * whose creation day has come (in the recurrence's timezone). Bounded, so a schedule that was off
 * for years does not flood a team: at most `limit` at once.
 */
export function dueOccurrences(
  recurrence: RecurrenceSchedule,
  now: number,
  limit = 12,
): RecurrenceOccurrence[] {
  const today = localDateOf(now, recurrence.timezone);
  const found: RecurrenceOccurrence[] = [];
  let cursor = recurrence;
  while (found.length < limit) {
    const next = nextOccurrence(cursor);
    if (!next || next.createOn > today) break;
    found.push(next);
    cursor = { ...cursor, lastOccurrenceAt: next.occurrenceAt };
  }
  return found;
}
