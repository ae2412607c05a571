import { describe, expect, it } from 'vitest';
import { dueOccurrences, nextOccurrence, type RecurrenceSchedule } from './work-recurrence';

const rome = 'Europe/Rome';

function schedule(
  fields: Partial<RecurrenceSchedule> & Pick<RecurrenceSchedule, 'schedule'>,
): RecurrenceSchedule {
  return { timezone: rome, leadDays: 0, lastOccurrenceAt: null, createdAt: Date.UTC(2027, 0, 15), ...fields };
}

/** The due dates of `count` successive occurrences. */
function dueDates(recurrence: RecurrenceSchedule, count: number): string[] {
  const dates: string[] = [];
  let cursor = recurrence;
  for (let i = 0; i < count; i += 1) {
    const next = nextOccurrence(cursor);
    if (!next) break;
    dates.push(next.dueDate);
    cursor = { ...cursor, lastOccurrenceAt: next.occurrenceAt };
  }
  return dates;
}

describe('recurring work deadlines', () => {
  it('follows the last day of each month into February, on the local date', () => {
    // Midnight in Rome on the 31st is still the 30th in UTC: the due date must be the local day.
    const last = schedule({ schedule: '0 0 L * *' });
    expect(dueDates(last, 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(nextOccurrence(last)?.occurrenceAt).toBe(Date.UTC(2027, 0, 30, 23));
  });

  it('reads a fixed 31st as croner does: months without one are skipped', () => {
    expect(dueDates(schedule({ schedule: '0 9 31 * *' }), 3)).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
    ]);
  });

  it('keeps local wall time across the spring and autumn daylight-saving changes', () => {
    const weekly = schedule({ schedule: '0 9 * * 0', createdAt: Date.UTC(2027, 2, 15) });
    const first = nextOccurrence(weekly);
    const second = nextOccurrence({ ...weekly, lastOccurrenceAt: first?.occurrenceAt ?? null });
    // 21 March is CET (UTC+1), 28 March the first day of CEST (UTC+2): 09:00 local both times.
    expect(first).toMatchObject({ dueDate: '2027-03-21', occurrenceAt: Date.UTC(2027, 2, 21, 8) });
    expect(second).toMatchObject({ dueDate: '2027-03-28', occurrenceAt: Date.UTC(2027, 2, 28, 7) });

    // Daily at 00:30 around 31 October 2027 (the clocks go back at 03:00): one item per day.
    const daily = schedule({ schedule: '30 0 * * *', createdAt: Date.UTC(2027, 9, 29, 12) });
    expect(dueDates(daily, 4)).toEqual(['2027-10-30', '2027-10-31', '2027-11-01', '2027-11-02']);
  });

  it('makes the items whose lead time has come, oldest first, each once', () => {
    const monthly = schedule({ schedule: '0 9 L * *', leadDays: 7, createdAt: Date.UTC(2026, 10, 1) });
    // 21 February 2027: creation days of 30 Nov (23 Nov) .. 28 Feb (21 Feb) have come.
    const due = dueOccurrences(monthly, Date.UTC(2027, 1, 21, 10));
    expect(due.map((o) => [o.dueDate, o.createOn])).toEqual([
      ['2026-11-30', '2026-11-23'],
      ['2026-12-31', '2026-12-24'],
      ['2027-01-31', '2027-01-24'],
      ['2027-02-28', '2027-02-21'],
    ]);
    const afterLast = { ...monthly, lastOccurrenceAt: due.at(-1)?.occurrenceAt ?? null };
    expect(dueOccurrences(afterLast, Date.UTC(2027, 1, 21, 10))).toEqual([]);
  });
});
