import { Cron } from 'croner';

// When maintenance windows happen. A one-off window has one occurrence; a recurring one starts at
// every run of its cron expression, read in its IANA timezone (so "0 2 * * 0" stays at 02:00 local
// across daylight-saving changes), from `startsAt` on and up to `repeatUntil`.

const minuteMs = 60_000;

/** The schedule of a window, as stored. */
export interface WindowSchedule {
  startsAt: number;
  durationMinutes: number;
  /** five-field cron expression, or null for a one-off window */
  recurrence: string | null;
  timezone: string;
  repeatUntil: number | null;
}

/** One occurrence: from `startsAt` (inclusive) to `endsAt` (exclusive). */
export interface Occurrence {
  startsAt: number;
  endsAt: number;
}

/** True for a timezone name the runtime knows (IANA, e.g. Europe/Rome). */
export function isValidTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** True for a five-field cron expression that croner accepts. */
export function isValidRecurrence(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers occurrence questions about one window. Building the cron object once and keeping it is
 * what makes `covering` cheap enough to call for every recorded result.
 */
export class WindowOccurrences {
  private readonly cron: Cron | null;
  private readonly durationMs: number;

  constructor(readonly schedule: WindowSchedule) {
    this.durationMs = schedule.durationMinutes * minuteMs;
    this.cron = schedule.recurrence
      ? new Cron(schedule.recurrence, { timezone: schedule.timezone, paused: true })
      : null;
  }

  /** The first occurrence starting strictly after `after` that the window allows, or null. */
  private nextStartAfter(after: number): number | null {
    const { startsAt, repeatUntil } = this.schedule;
    if (!this.cron) return startsAt > after ? startsAt : null;
    // Occurrences start at or after `startsAt`: ask from just before it when `after` is earlier.
    const from = Math.max(after, startsAt - 1);
    const next = this.cron.nextRun(new Date(from));
    if (!next) return null;
    const start = next.getTime();
    return repeatUntil !== null && start > repeatUntil ? null : start;
  }

  /**
   * The occurrence in progress at `at`, or null. It must have started in (at − duration, at], so the
   * first start after at − duration answers it.
   */
  covering(at: number): Occurrence | null {
    const start = this.nextStartAfter(at - this.durationMs);
    if (start === null || start > at) return null;
    return { startsAt: start, endsAt: start + this.durationMs };
  }

  /** The occurrence in progress at `at`, or else the next one to start; null when none is left. */
  currentOrNext(at: number): Occurrence | null {
    const start = this.nextStartAfter(at - this.durationMs);
    return start === null ? null : { startsAt: start, endsAt: start + this.durationMs };
  }

  /** The next occurrence starting strictly after `at`, or null. */
  nextAfter(at: number): Occurrence | null {
    const start = this.nextStartAfter(at);
    return start === null ? null : { startsAt: start, endsAt: start + this.durationMs };
  }

  /** Occurrences overlapping [from, to), in order, at most `limit` of them. */
  between(from: number, to: number, limit = 1000): Occurrence[] {
    const occurrences: Occurrence[] = [];
    let after = from - this.durationMs;
    while (occurrences.length < limit) {
      const start = this.nextStartAfter(after);
      if (start === null || start >= to) break;
      occurrences.push({ startsAt: start, endsAt: start + this.durationMs });
      after = start;
    }
    return occurrences;
  }

  /** The latest moment any occurrence can end, or null when the window repeats for ever. */
  lastPossibleEnd(): number | null {
    if (!this.cron) return this.schedule.startsAt + this.durationMs;
    return this.schedule.repeatUntil === null ? null : this.schedule.repeatUntil + this.durationMs;
  }
}

/** Where a window stands at a moment: an occurrence in progress, one to come, or all done. */
export type WindowStatus = 'active' | 'upcoming' | 'past';

/** The window's status at `at`. */
export function statusAt(occurrences: WindowOccurrences, at: number): WindowStatus {
  const current = occurrences.currentOrNext(at);
  if (current === null) return 'past';
  return current.startsAt <= at ? 'active' : 'upcoming';
}
