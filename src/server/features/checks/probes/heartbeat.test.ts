import { describe, expect, it } from 'vitest';
import { evaluateHeartbeat, formatDuration } from './heartbeat';

const minute = 60_000;
const now = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('evaluateHeartbeat', () => {
  it('is up while the last beat is within the interval', () => {
    expect(evaluateHeartbeat(now - 4 * minute, 5 * minute, minute, now)).toMatchObject({
      status: 'up',
      message: 'last beat 4 min ago',
    });
  });

  it('is still up when late within the grace period, and says so', () => {
    const result = evaluateHeartbeat(now - 5.5 * minute, 5 * minute, minute, now);
    expect(result).toMatchObject({
      status: 'up',
      message: 'last beat 5 min ago, late by 30 s (within the 60 s grace)',
    });
    expect(result.details.lateMs).toBe(30_000);
  });

  it('is down past the grace period and when no beat ever came', () => {
    expect(evaluateHeartbeat(now - 7 * minute, 5 * minute, minute, now)).toMatchObject({
      status: 'down',
      message: 'no beat for 7 min (expected every 5 min, grace 60 s)',
    });
    expect(evaluateHeartbeat(null, 5 * minute, minute, now)).toMatchObject({
      status: 'down',
      message: 'no beat received yet',
    });
  });

  it('counts the boundary itself as on time', () => {
    expect(evaluateHeartbeat(now - 6 * minute, 5 * minute, minute, now).status).toBe('up');
    expect(evaluateHeartbeat(now - 6 * minute - 1, 5 * minute, minute, now).status).toBe('down');
  });

  it('formats durations for people', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(5 * minute)).toBe('5 min');
    expect(formatDuration(125 * minute)).toBe('2 h 5 min');
    expect(formatDuration(3 * 24 * 60 * minute)).toBe('3 d');
  });
});
