import { describe, expect, it } from 'vitest';
import {
  type CheckHealth,
  dependencyClosure,
  type HealthGraph,
  lowestAvailability,
  stateOfItem,
} from './health-rules';

// A known graph: service 1 depends on 2 and 3; 2 depends on 4; 4 depends on 2 (a cycle); 5 alone.
const dependenciesOf = new Map<number, number[]>([
  [1, [2, 3]],
  [2, [4]],
  [4, [2]],
]);

function graph(
  states: Record<number, string[]>,
  options: { checksInMaintenance?: number[]; itemsInMaintenance?: number[]; paused?: number[] } = {},
): HealthGraph {
  const checksOf = new Map<number, CheckHealth[]>();
  for (const [itemId, list] of Object.entries(states)) {
    checksOf.set(
      Number(itemId),
      list.map((state, index) => {
        const id = Number(itemId) * 10 + index;
        return { id, state, isPaused: options.paused?.includes(id) ?? false };
      }),
    );
  }
  return {
    dependenciesOf,
    checksOf,
    isCheckInMaintenance: (id) => options.checksInMaintenance?.includes(id) ?? false,
    isItemInMaintenance: (id) => options.itemsInMaintenance?.includes(id) ?? false,
  };
}

describe('service health rules', () => {
  it('walks dependencies transitively and stops at a cycle', () => {
    expect([...dependencyClosure(1, dependenciesOf)].sort()).toEqual([1, 2, 3, 4]);
    expect([...dependencyClosure(4, dependenciesOf)].sort()).toEqual([2, 4]);
    expect([...dependencyClosure(5, dependenciesOf)]).toEqual([5]);
  });

  it('takes the worst state of the item and everything it relies on', () => {
    const allUp = graph({ 1: ['up'], 2: ['up'], 3: ['up'], 4: ['up'] });
    expect(stateOfItem(1, allUp)).toBe('up');
    // 4 is down: 2 relies on it (and 4 on 2, a cycle), and the service on 2.
    const deepDown = graph({ 1: ['up'], 2: ['up'], 3: ['degraded'], 4: ['down'] });
    expect(stateOfItem(1, deepDown)).toBe('down');
    expect(stateOfItem(2, deepDown)).toBe('down');
    expect(stateOfItem(3, deepDown)).toBe('degraded');
    const degraded = graph({ 1: ['up', 'up'], 3: ['degraded'] });
    expect(stateOfItem(1, degraded)).toBe('degraded');
    // Nothing it relies on has a state.
    expect(stateOfItem(5, graph({}))).toBe('unknown');
    expect(stateOfItem(1, graph({ 2: ['unknown'] }))).toBe('unknown');
  });

  it('leaves out paused checks and checks in maintenance; an item covered by a window is in maintenance', () => {
    // Check 40 is item 4's first check.
    expect(stateOfItem(1, graph({ 1: ['up'], 4: ['down'] }, { paused: [40] }))).toBe('up');
    expect(stateOfItem(1, graph({ 1: ['up'], 4: ['down'] }, { checksInMaintenance: [40] }))).toBe('up');
    expect(stateOfItem(1, graph({ 1: ['down'] }, { itemsInMaintenance: [1] }))).toBe('maintenance');
  });

  it('takes the lowest daily availability among checks with results, maintenance left out', () => {
    const none = { up: 0, degraded: 0, down: 0 };
    expect(
      lowestAvailability([
        { up: 9, degraded: 0, down: 1, maintenance: none },
        // 5 of the 10 down results were inside a window: 5 up of 5 counted.
        { up: 5, degraded: 0, down: 5, maintenance: { up: 0, degraded: 0, down: 5 } },
        // degraded counts as up
        { up: 1, degraded: 3, down: 0, maintenance: none },
      ]),
    ).toBeCloseTo(0.9);
    expect(lowestAvailability([{ up: 0, degraded: 0, down: 0, maintenance: none }])).toBeNull();
    expect(lowestAvailability([])).toBeNull();
  });
});
