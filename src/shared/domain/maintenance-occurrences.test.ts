import { describe, expect, it } from 'vitest';
import {
  isValidRecurrence,
  isValidTimezone,
  statusAt,
  WindowOccurrences,
  type WindowSchedule,
} from './maintenance-occurrences';

const at = (iso: string) => Date.parse(iso);

function window(overrides: Partial<WindowSchedule>): WindowOccurrences {
  return new WindowOccurrences({
    startsAt: at('2026-01-01T00:00:00Z'),
    durationMinutes: 120,
    recurrence: null,
    timezone: 'Europe/Rome',
    repeatUntil: null,
    ...overrides,
  });
}

describe('maintenance occurrences', () => {
  it('covers a one-off window from its start (inclusive) to its end (exclusive)', () => {
    const oneOff = window({ startsAt: at('2026-12-01T22:00:00Z'), durationMinutes: 60 });
    expect(oneOff.covering(at('2026-12-01T21:59:59.999Z'))).toBeNull();
    expect(oneOff.covering(at('2026-12-01T22:00:00Z'))).toEqual({
      startsAt: at('2026-12-01T22:00:00Z'),
      endsAt: at('2026-12-01T23:00:00Z'),
    });
    expect(oneOff.covering(at('2026-12-01T22:59:59.999Z'))).not.toBeNull();
    expect(oneOff.covering(at('2026-12-01T23:00:00Z'))).toBeNull();
    expect(statusAt(oneOff, at('2026-11-30T00:00:00Z'))).toBe('upcoming');
    expect(statusAt(oneOff, at('2026-12-01T22:30:00Z'))).toBe('active');
    expect(statusAt(oneOff, at('2026-12-02T00:00:00Z'))).toBe('past');
  });

  it('keeps a nightly window at 01:30 Rome time across the end of summer time (25 October 2026)', () => {
    // 01:30 CEST is 23:30 UTC the day before; 01:30 CET is 00:30 UTC.
    const nightly = window({ recurrence: '30 1 * * *', durationMinutes: 120 });
    expect(nightly.covering(at('2026-10-25T00:00:00Z'))).toEqual({
      startsAt: at('2026-10-24T23:30:00Z'),
      endsAt: at('2026-10-25T01:30:00Z'),
    });
    // 00:45 Rome time on 26 October (CET): before the day's window, after the previous one ended.
    expect(nightly.covering(at('2026-10-25T23:45:00Z'))).toBeNull();
    expect(nightly.covering(at('2026-10-26T00:30:00Z'))?.startsAt).toBe(at('2026-10-26T00:30:00Z'));
    expect(nightly.covering(at('2026-10-26T02:29:59Z'))?.startsAt).toBe(at('2026-10-26T00:30:00Z'));
    expect(nightly.covering(at('2026-10-26T02:30:00Z'))).toBeNull();
  });

  it('moves an occurrence in the hour that does not exist (29 March 2026, 02:30 Rome) to 03:00 CEST', () => {
    const nightly = window({ recurrence: '30 2 * * *', durationMinutes: 30 });
    const occurrences = nightly.between(at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'));
    expect(occurrences.map((o) => new Date(o.startsAt).toISOString())).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(nightly.covering(at('2026-03-29T01:15:00Z'))).not.toBeNull();
    expect(nightly.covering(at('2026-03-29T00:45:00Z'))).toBeNull();
  });

  it('starts no occurrence before startsAt nor after repeatUntil', () => {
    const weekly = window({
      recurrence: '0 22 * * 6',
      startsAt: at('2026-11-10T00:00:00Z'),
      repeatUntil: at('2026-11-30T00:00:00Z'),
      durationMinutes: 240,
    });
    const occurrences = weekly.between(at('2026-11-01T00:00:00Z'), at('2026-12-31T00:00:00Z'));
    // Saturdays 22:00 CET = 21:00 UTC: 14, 21 and 28 November; not 7 November, not 5 December.
    expect(occurrences.map((o) => new Date(o.startsAt).toISOString())).toEqual([
      '2026-11-14T21:00:00.000Z',
      '2026-11-21T21:00:00.000Z',
      '2026-11-28T21:00:00.000Z',
    ]);
    expect(weekly.covering(at('2026-11-07T22:00:00Z'))).toBeNull();
    expect(weekly.covering(at('2026-11-29T00:59:00Z'))?.startsAt).toBe(at('2026-11-28T21:00:00Z'));
    expect(statusAt(weekly, at('2026-12-01T00:00:00Z'))).toBe('past');
    expect(weekly.lastPossibleEnd()).toBe(at('2026-11-30T04:00:00Z'));
  });

  it('lists an occurrence that began before the range but overlaps it', () => {
    const nightly = window({ recurrence: '0 23 * * *', durationMinutes: 180 });
    const occurrences = nightly.between(at('2026-11-10T00:00:00Z'), at('2026-11-10T12:00:00Z'));
    expect(occurrences).toEqual([
      { startsAt: at('2026-11-09T22:00:00Z'), endsAt: at('2026-11-10T01:00:00Z') },
    ]);
    expect(nightly.nextAfter(at('2026-11-10T00:00:00Z'))?.startsAt).toBe(at('2026-11-10T22:00:00Z'));
  });

  it('validates timezones and cron expressions', () => {
    expect(isValidTimezone('Europe/Rome')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidRecurrence('0 2 * * 0')).toBe(true);
    expect(isValidRecurrence('0 2 * *')).toBe(false);
    expect(isValidRecurrence('0 25 * * *')).toBe(false);
  });
});
