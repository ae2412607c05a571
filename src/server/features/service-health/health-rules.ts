import {
  type CountsWithMaintenance,
  computeAvailability,
  countsUnderRule,
  defaultAvailabilityRule,
  describeRule,
} from '../../../shared/domain/availability';

// How the health of an item follows from its checks and from what it depends on. Pure: the service
// reads the graph and the states, these rules combine them.

/** An item's state as Regia shows it: its own checks and everything it relies on, or maintenance. */
export const healthStates = ['up', 'degraded', 'down', 'maintenance', 'unknown'] as const;
export type HealthState = (typeof healthStates)[number];

/** The rule of the current state, in words. */
export const stateRuleText =
  'an item is down (or degraded) when one of its own checks is, or when anything it depends on ' +
  '(dependsOn and runsOn, transitively) is; in maintenance when a window covers it now; checks paused ' +
  'or inside a maintenance window are left out; unknown when nothing it relies on has a state';

/** The rule of the daily availability, in words (with the availability rule it uses per check). */
export const dailyRuleText =
  'for each UTC day, the lowest daily availability among the checks the item relies on (its own and ' +
  'those of everything it depends on, transitively); days without results are empty; per check: ' +
  describeRule(defaultAvailabilityRule);

/** A check as the health rules see it. */
export interface CheckHealth {
  id: number;
  state: string;
  isPaused: boolean;
}

const severity: Record<string, number> = { unknown: 0, up: 1, degraded: 2, down: 3 };

/**
 * The item and everything it depends on, transitively, through the given direct dependencies. A
 * visited set makes cycles harmless.
 */
export function dependencyClosure(itemId: number, dependenciesOf: ReadonlyMap<number, readonly number[]>) {
  const seen = new Set<number>([itemId]);
  const stack = [itemId];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    for (const next of dependenciesOf.get(current) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

/** The worst state among some checks, leaving out paused ones and those in maintenance. */
export function worstCheckState(
  checks: readonly CheckHealth[],
  isCheckInMaintenance: (checkId: number) => boolean,
): 'up' | 'degraded' | 'down' | 'unknown' {
  let worst = 'unknown';
  for (const check of checks) {
    if (check.isPaused || isCheckInMaintenance(check.id)) continue;
    const state = check.state in severity ? check.state : 'unknown';
    if ((severity[state] ?? 0) > (severity[worst] ?? 0)) worst = state;
  }
  return worst as 'up' | 'degraded' | 'down' | 'unknown';
}

/** What the state rule needs about the whole inventory at one moment. */
export interface HealthGraph {
  /** direct dependencies: item → the items it depends on (dependsOn, runsOn) */
  dependenciesOf: ReadonlyMap<number, readonly number[]>;
  checksOf: ReadonlyMap<number, readonly CheckHealth[]>;
  isCheckInMaintenance(checkId: number): boolean;
  isItemInMaintenance(itemId: number): boolean;
}

/**
 * The current state of an item under `stateRuleText`. A window covering the item wins: planned work
 * is what explains whatever its checks say.
 */
export function stateOfItem(itemId: number, graph: HealthGraph): HealthState {
  if (graph.isItemInMaintenance(itemId)) return 'maintenance';
  const checks = [...dependencyClosure(itemId, graph.dependenciesOf)].flatMap(
    (id) => graph.checksOf.get(id) ?? [],
  );
  return worstCheckState(checks, (id) => graph.isCheckInMaintenance(id));
}

/** The checks an item relies on: its own and those of everything it depends on. */
export function checksReliedOn(itemId: number, graph: Pick<HealthGraph, 'dependenciesOf' | 'checksOf'>) {
  return [...dependencyClosure(itemId, graph.dependenciesOf)].flatMap((id) =>
    (graph.checksOf.get(id) ?? []).map((check) => check.id),
  );
}

/**
 * One day's availability of an item under `dailyRuleText`: the lowest among the checks it relies on
 * that have results that day, or null when none has.
 */
export function lowestAvailability(countsOfChecks: readonly CountsWithMaintenance[]): number | null {
  let lowest: number | null = null;
  for (const counts of countsOfChecks) {
    const figure = computeAvailability(
      countsUnderRule(counts, defaultAvailabilityRule),
      defaultAvailabilityRule,
    );
    if (figure.availability === null) continue;
    lowest = lowest === null ? figure.availability : Math.min(lowest, figure.availability);
  }
  return lowest;
}
