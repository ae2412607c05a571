import { describe, expect, it } from 'vitest';
import { combineLocations, nextState, type StateMemory } from './check-state';

function run(
  statuses: ('up' | 'degraded' | 'down')[],
  retries: number,
  start: StateMemory = { state: 'unknown', consecutiveFailures: 0 },
) {
  return statuses.reduce((memory, status) => nextState(memory, status, retries), start).state;
}

describe('check state', () => {
  it('goes down on the first failure without retries', () => {
    expect(run(['up', 'down'], 0)).toBe('down');
  });
  it('holds the previous state through the allowed retries', () => {
    expect(run(['up', 'down', 'down'], 2)).toBe('up');
    expect(run(['up', 'down', 'down', 'down'], 2)).toBe('down');
  });
  it('resets the failure count on a success', () => {
    expect(run(['up', 'down', 'down', 'up', 'down', 'down'], 2)).toBe('up');
  });
  it('recovers at once, as degraded or up', () => {
    expect(run(['down', 'degraded'], 0)).toBe('degraded');
    expect(run(['down', 'up'], 0)).toBe('up');
  });
  it('leaves a paused check unknown while retries are pending', () => {
    expect(run(['down'], 3, { state: 'paused', consecutiveFailures: 0 })).toBe('unknown');
  });
});

describe('several locations', () => {
  it('is down only when the quorum of locations says so', () => {
    expect(combineLocations(['down', 'up', 'up'], 2)).toBe('degraded');
    expect(combineLocations(['down', 'down', 'up'], 2)).toBe('down');
  });
  it('cannot ask for more locations than exist', () => {
    expect(combineLocations(['down'], 3)).toBe('down');
  });
  it('is unknown before any location reports', () => {
    expect(combineLocations(['unknown', 'unknown'], 1)).toBe('unknown');
  });
  it('is up when every location is up', () => {
    expect(combineLocations(['up', 'up'], 1)).toBe('up');
  });
});
