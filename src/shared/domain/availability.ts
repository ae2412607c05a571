/**
 * How an availability figure counts. Monitoring tools disagree, so Regia makes the rule explicit
 * and shows it next to every figure:
 * - degradedCountsAs: a degraded result counts as up, as down, or as half of each
 * - minimumSamples: below this many results the figure is "not enough data" instead of a number
 */
export interface AvailabilityRule {
  degradedCountsAs: 'up' | 'down' | 'half';
  minimumSamples: number;
}

export const defaultAvailabilityRule: AvailabilityRule = { degradedCountsAs: 'up', minimumSamples: 1 };

/** Counts over a period, added up from rollups. */
export interface OutcomeCounts {
  up: number;
  degraded: number;
  down: number;
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
  return `share of results that were up; ${degraded}; at least ${rule.minimumSamples} result${rule.minimumSamples === 1 ? '' : 's'}`;
}
