import { Cron } from 'croner';

// Due dates of procedure tests. A schedule is a cron expression read in the server's timezone;
// effective dates are calendar days in that timezone.

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a timezone. */
export function calendarDayOf(at: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA writes dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(at));
}

/** The day `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The instant the day after `date` begins in the timezone (23, 24 or 25 hours after it began). */
export function startOfDayAfter(date: string, timeZone: string): number {
  // An instant inside that day in the timezone: noon UTC, moved when the offset pushes it out
  // (offsets run from -12 to +14 hours).
  let inside = Date.parse(`${date}T12:00:00Z`);
  const local = calendarDayOf(inside, timeZone);
  if (local > date) inside -= dayMs / 2;
  else if (local < date) inside += dayMs / 2;
  const midnight = new Cron('0 0 * * *', { timezone: timeZone, paused: true }).nextRun(new Date(inside));
  return midnight ? midnight.getTime() : inside + dayMs / 2;
}

/** The first occurrence of the schedule at or after `from`, or null when it never occurs again. */
export function firstOccurrenceFrom(schedule: string, timeZone: string, from: number): number | null {
  const next = new Cron(schedule, { timezone: timeZone, paused: true }).nextRun(new Date(from - 1));
  return next ? next.getTime() : null;
}

/**
 * The due date: the next occurrence of the schedule after the last effective date (the day it was
 * performed, so an occurrence later that same day is met by it), or after creation when no outcome
 * has been recorded yet.
 */
export function computeDueAt(
  schedule: string,
  timeZone: string,
  lastEffectiveDate: string | null,
  createdAt: number,
): number | null {
  const from = lastEffectiveDate === null ? createdAt + 1 : startOfDayAfter(lastEffectiveDate, timeZone);
  return firstOccurrenceFrom(schedule, timeZone, from);
}

/**
 * When a missing outcome becomes a failure: at the end of the due day plus the grace days, so a
 * grace of 0 leaves the whole due day to perform the test.
 */
export function computeGraceEndsAt(dueAt: number | null, graceDays: number, timeZone: string): number | null {
  if (dueAt === null) return null;
  return startOfDayAfter(addDays(calendarDayOf(dueAt, timeZone), graceDays), timeZone);
}
