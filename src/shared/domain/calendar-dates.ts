// Calendar days (ISO YYYY-MM-DD) for due dates: a day is not an instant, so "today" is read in the
// organisation's timezone and day arithmetic happens on the date itself, never on milliseconds.

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Making an Intl.DateTimeFormat costs far more than formatting with one (tens of µs against one or
// two): figures read the day of thousands of instants, so each zone's formatters are made once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(
  cache: Map<string, Intl.DateTimeFormat>,
  timezone: string,
  make: () => Intl.DateTimeFormat,
) {
  let format = cache.get(timezone);
  if (!format) {
    format = make();
    cache.set(timezone, format);
  }
  return format;
}

/** The calendar date an instant falls on in a timezone. */
export function localDateOf(at: number, timezone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return formatOf(
    dateFormats,
    timezone,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(new Date(at));
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * dayMs).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / dayMs);
}

/** Where an open item stands against its due date: overdue, due soon (within `windowDays`), or neither. */
export type DeadlineStatus = 'overdue' | 'dueSoon' | null;

/** The deadline status of an item; done items and items without a due date have none. */
export function deadlineStatusOf(
  dueDate: string | null,
  isDone: boolean,
  today: string,
  windowDays: number,
): DeadlineStatus {
  if (dueDate === null || isDone) return null;
  if (dueDate < today) return 'overdue';
  if (dueDate <= addDays(today, windowDays)) return 'dueSoon';
  return null;
}

/** The instant a calendar date begins in a timezone (midnight local, or the first instant after a gap). */
export function startOfLocalDay(date: string, timezone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Start from UTC midnight and correct by the zone's offset; twice, as the offset may differ
  // between the guess and the answer around a daylight-saving change.
  let guess = Date.UTC(year, month - 1, day);
  for (let i = 0; i < 2; i += 1) guess = Date.UTC(year, month - 1, day) - offsetOf(guess, timezone);
  return guess;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetOf(at: number, timezone: string): number {
  const parts = formatOf(
    partFormats,
    timezone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(new Date(at));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return local - Math.floor(at / 1000) * 1000;
}
