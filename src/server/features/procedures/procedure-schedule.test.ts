import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDayOf,
  computeDueAt,
  computeGraceEndsAt,
  startOfDayAfter,
} from './procedure-schedule';

const rome = 'Europe/Rome';
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

describe('procedure test due dates', () => {
  it('finds the next quarter after creation, in Rome summer time', () => {
    const createdAt = Date.parse('2026-05-10T12:00:00Z');
    expect(iso(computeDueAt('0 9 1 1,4,7,10 *', rome, null, createdAt))).toBe('2026-07-01T07:00:00.000Z');
  });

  it('counts a test performed on the due day for that occurrence', () => {
    expect(iso(computeDueAt('0 9 1 1,4,7,10 *', rome, '2026-07-01', 0))).toBe('2026-10-01T07:00:00.000Z');
  });

  it('crosses month ends: the 1st after the 31st, and months without a 31st are skipped', () => {
    expect(iso(computeDueAt('0 9 1 * *', rome, '2026-01-31', 0))).toBe('2026-02-01T08:00:00.000Z');
    expect(iso(computeDueAt('0 9 31 * *', rome, '2026-08-31', 0))).toBe('2026-10-31T08:00:00.000Z');
    expect(iso(computeDueAt('0 9 29 2 *', rome, '2026-03-01', 0))).toBe('2028-02-29T08:00:00.000Z');
  });

  it('keeps 09:00 local across the end of summer time (25 October 2026)', () => {
    // Monday 19 October is still summer time (UTC+2); Monday 26 October is winter time (UTC+1).
    expect(iso(computeDueAt('0 9 * * 1', rome, '2026-10-17', 0))).toBe('2026-10-19T07:00:00.000Z');
    expect(iso(computeDueAt('0 9 * * 1', rome, '2026-10-24', 0))).toBe('2026-10-26T08:00:00.000Z');
    // The DST day itself lasts 25 hours.
    expect(startOfDayAfter('2026-10-25', rome) - startOfDayAfter('2026-10-24', rome)).toBe(25 * 3_600_000);
    expect(iso(computeDueAt('0 0 * * *', rome, '2026-10-24', 0))).toBe('2026-10-24T22:00:00.000Z');
  });

  it('ends the grace at the end of the due day plus the grace days, in local days', () => {
    const dueAt = Date.parse('2026-10-24T07:00:00Z'); // 09:00 in Rome
    expect(iso(computeGraceEndsAt(dueAt, 0, rome))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(computeGraceEndsAt(dueAt, 1, rome))).toBe('2026-10-25T23:00:00.000Z');
    expect(computeGraceEndsAt(null, 3, rome)).toBeNull();
  });

  it('returns null for a schedule that never occurs', () => {
    expect(computeDueAt('0 0 30 2 *', rome, null, Date.parse('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('reads calendar days in the timezone, also far from UTC', () => {
    expect(calendarDayOf(Date.parse('2026-09-30T22:30:00Z'), rome)).toBe('2026-10-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(iso(startOfDayAfter('2026-06-15', 'Pacific/Kiritimati'))).toBe('2026-06-15T10:00:00.000Z');
    expect(iso(startOfDayAfter('2026-06-15', 'Etc/GMT+12'))).toBe('2026-06-16T12:00:00.000Z');
  });
});
