/** How the outbox spaces its tries and when it gives up. */
export interface BackoffSettings {
  /** the wait after the first failed try; doubles with each further one */
  baseMs: number;
  /** the longest wait between two tries */
  maxMs: number;
  /** a receiver's Retry-After is honoured up to this long */
  retryAfterCapMs: number;
  /** tries in all; after the last failed one the delivery is dead */
  maxAttempts: number;
}

/** 30 s, 1, 2, 4, 8, 16, 32 minutes: eight tries over about an hour. */
export const defaultBackoff: BackoffSettings = {
  baseMs: 30_000,
  maxMs: 3_600_000,
  retryAfterCapMs: 3_600_000,
  maxAttempts: 8,
};

/**
 * The wait before the next try after `failedAttempts` failures: exponential with jitter (between
 * half and all of the step, so many deliveries failing together do not retry together), and never
 * sooner than the receiver's Retry-After, capped.
 */
export function nextRetryDelayMs(
  failedAttempts: number,
  retryAfterMs: number | null,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const step = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = step / 2 + random() * (step / 2);
  const asked = retryAfterMs === null ? 0 : Math.min(retryAfterMs, settings.retryAfterCapMs);
  return Math.round(Math.max(jittered, asked));
}
