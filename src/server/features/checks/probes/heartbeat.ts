import type { ProbeResult } from './probe-result';

/** "45 s", "5 min", "2 h 5 min", "3 d 4 h": a duration as an operator reads it. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/**
 * Judges a heartbeat check at `now`: up while the last beat is at most `expectedEveryMs` old, still up
 * (with a note) while it is late by no more than `graceMs`, down after that or when no beat ever came.
 * Pure: all times are epoch milliseconds given by the caller.
 */
export function evaluateHeartbeat(
  lastBeatAt: number | null,
  expectedEveryMs: number,
  graceMs: number,
  now: number,
): ProbeResult {
  const phases = { totalMs: 0 };
  if (lastBeatAt === null) {
    return {
      status: 'down',
      message: 'no beat received yet',
      latencyMs: 0,
      phases,
      details: { lastBeatAt: null },
    };
  }
  const ageMs = Math.max(0, now - lastBeatAt);
  const lateMs = ageMs - expectedEveryMs;
  const details = { lastBeatAt, ageMs, lateMs: Math.max(0, lateMs) };
  if (lateMs <= 0) {
    return { status: 'up', message: `last beat ${formatDuration(ageMs)} ago`, latencyMs: 0, phases, details };
  }
  if (lateMs <= graceMs) {
    const message = `last beat ${formatDuration(ageMs)} ago, late by ${formatDuration(lateMs)} (within the ${formatDuration(graceMs)} grace)`;
    return { status: 'up', message, latencyMs: 0, phases, details };
  }
  const message = `no beat for ${formatDuration(ageMs)} (expected every ${formatDuration(expectedEveryMs)}, grace ${formatDuration(graceMs)})`;
  return { status: 'down', message, latencyMs: 0, phases, details };
}
