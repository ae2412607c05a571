/** The states a check can be in; `paused` and `unknown` are not outcomes of a probe. */
export const checkStates = ['up', 'degraded', 'down', 'paused', 'unknown'] as const;
export type CheckState = (typeof checkStates)[number];

/** What one probe run says. */
export type ResultStatus = 'up' | 'degraded' | 'down';

/** What Regia remembers of a check between results (per location). */
export interface StateMemory {
  state: CheckState;
  /** failures in a row since the last success */
  consecutiveFailures: number;
}

/**
 * The state after one more result. A failure turns the check down only after `retries` further
 * failures in a row (retries = 0: the first failure); until then the previous state holds, so one
 * lost packet does not page anybody. A success (up or degraded) applies at once.
 */
export function nextState(memory: StateMemory, status: ResultStatus, retries: number): StateMemory {
  if (status !== 'down') return { state: status, consecutiveFailures: 0 };
  const consecutiveFailures = memory.consecutiveFailures + 1;
  if (consecutiveFailures > retries) return { state: 'down', consecutiveFailures };
  const held = memory.state === 'paused' ? 'unknown' : memory.state;
  return { state: held, consecutiveFailures };
}

/**
 * Combines the states seen from several locations: down when at least `downQuorum` locations
 * say down; degraded when any says degraded or down (but not enough for down); up when all say up.
 * Locations that have not reported yet count as unknown.
 */
export function combineLocations(states: CheckState[], downQuorum: number): CheckState {
  const known = states.filter((s) => s !== 'unknown' && s !== 'paused');
  if (known.length === 0) return 'unknown';
  const down = known.filter((s) => s === 'down').length;
  if (down >= Math.max(1, Math.min(downQuorum, states.length))) return 'down';
  if (known.some((s) => s === 'down' || s === 'degraded')) return 'degraded';
  return 'up';
}
