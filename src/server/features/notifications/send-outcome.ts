/** What one try to send told us; senders never throw, they describe. */
export interface SendOutcome {
  isSuccess: boolean;
  /** HTTP status or SMTP reply code, when the receiver answered */
  statusCode: number | null;
  /** for the delivery log: no secrets, no URLs of secret channels */
  message: string;
  durationMs: number;
  /** the receiver asked to wait this long before the next try (Retry-After) */
  retryAfterMs: number | null;
  /** trying again cannot help (refused address, a 4xx other than 408/429, a rejected login) */
  isPermanent: boolean;
}

/** Reads a Retry-After header (seconds, or an HTTP date) into milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A failure before any answer. */
export function failedOutcome(message: string, durationMs: number, isPermanent = false): SendOutcome {
  return { isSuccess: false, statusCode: null, message, durationMs, retryAfterMs: null, isPermanent };
}
