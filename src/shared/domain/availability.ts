/**
 * How an availability figure counts. Monitoring tools disagree, so Regia makes the rule explicit
 * and shows it next to every figure:
 * - degradedCountsAs: a degraded result counts as up, as down, or as half of each
 * - minimumSamples: below this many results the figure is "not enough data" instead of a number
 * - maintenance: results taken inside maintenance windows are left out, or counted like any other
 */
export interface AvailabilityRule {
  degradedCountsAs: 'up' | 'down' | 'half';
  minimumSamples: number;
  maintenance: 'excluded' | 'included';
}

export const defaultAvailabilityRule: AvailabilityRule = {
  degradedCountsAs: 'up',
  minimumSamples: 1,
  maintenance: 'excluded',
};

/** Counts over a period, added up from rollups. */
export interface OutcomeCounts {
  up: number;
  degraded: number;
  down: number;
}

/** Counts over a period with the part of them taken inside maintenance windows. */
export interface CountsWithMaintenance extends OutcomeCounts {
  maintenance: OutcomeCounts;
}

/** The counts a rule looks at: all of them, or those outside maintenance windows. */
export function countsUnderRule(counts: CountsWithMaintenance, rule: AvailabilityRule): OutcomeCounts {
  if (rule.maintenance === 'included') return { up: counts.up, degraded: counts.degraded, down: counts.down };
  return {
    up: counts.up - counts.maintenance.up,
    degraded: counts.degraded - counts.maintenance.degraded,
    down: counts.down - counts.maintenance.down,
  };
}

export interface AvailabilityFigure {
  /** fraction 0..1, or null when there are fewer samples than the rule asks */
  availability: number | null;
  samples: number;
  rule: AvailabilityRule;
  /** the rule in words, shown beside the figure */
  ruleText: string;
}

/** Availability over counted results under a rule. */
export function computeAvailability(
  counts: OutcomeCounts,
  rule: AvailabilityRule = defaultAvailabilityRule,
): AvailabilityFigure {
  const samples = counts.up + counts.degraded + counts.down;
  const degradedWeight = rule.degradedCountsAs === 'up' ? 1 : rule.degradedCountsAs === 'down' ? 0 : 0.5;
  const availability =
    samples === 0 || samples < rule.minimumSamples
      ? null
      : (counts.up + degradedWeight * counts.degraded) / samples;
  return { availability, samples, rule, ruleText: describeRule(rule) };
}

export function describeRule(rule: AvailabilityRule): string {
  const degraded =
    rule.degradedCountsAs === 'half'
      ? 'degraded counts as half up'
      : `degraded counts as ${rule.degradedCountsAs}`;
  const maintenance =
    rule.maintenance === 'excluded' ? 'maintenance windows left out' : 'maintenance windows counted';
  return `share of results that were up; ${degraded}; ${maintenance}; at least ${rule.minimumSamples} result${rule.minimumSamples === 1 ? '' : 's'}`;
}
