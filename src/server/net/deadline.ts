import { OutboundError } from './outbound-error';

/** One overall time limit for an outbound operation, on the monotonic clock, with its abort signal. */
export interface Deadline {
  readonly timeoutMs: number;
  /** Aborts when the time is up or the parent signal aborts. */
  readonly signal: AbortSignal;
  remainingMs(): number;
  elapsedMs(): number;
  /** True once the time limit (not the parent signal) ended the operation. */
  isExpired(): boolean;
  /** True when the parent signal aborted (a shutdown, a cancelled run). */
  isCancelled(): boolean;
  dispose(): void;
}

/** Starts a deadline of `timeoutMs`, also ended by `parent` when it aborts. */
export function createDeadline(timeoutMs: number, parent?: AbortSignal): Deadline {
  const started = performance.now();
  const controller = new AbortController();
  let expired = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new OutboundError('timeout', `timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onParentAbort = () => {
    cancelled = true;
    controller.abort(new OutboundError('aborted', 'the check was cancelled'));
  };
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    timeoutMs,
    signal: controller.signal,
    remainingMs: () => Math.max(0, timeoutMs - (performance.now() - started)),
    elapsedMs: () => performance.now() - started,
    isExpired: () => expired,
    isCancelled: () => cancelled,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
