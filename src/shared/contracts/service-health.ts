import { z } from 'zod';
import { EpochMs } from './common';

/** An item's state through its relations: up, degraded, down, in maintenance, or unknown (no data). */
export const HealthState = z.enum(['up', 'degraded', 'down', 'maintenance', 'unknown']);
export type HealthState = z.infer<typeof HealthState>;

/** One UTC day's availability (0..1), or null when nothing the item relies on had results that day. */
export const DailyAvailability = z.object({
  day: z.string().describe('the UTC day, YYYY-MM-DD'),
  availability: z.number().nullable(),
});
export type DailyAvailability = z.infer<typeof DailyAvailability>;

/** The health of one item, with the rules it was computed by. */
export const ServiceHealth = z.object({
  itemId: z.number().int(),
  state: HealthState,
  stateRuleText: z.string(),
  days: z.array(DailyAvailability).describe('the last 90 UTC days, oldest first, today last'),
  ruleText: z.string().describe('how the daily availability is computed'),
  computedAt: EpochMs,
});
export type ServiceHealth = z.infer<typeof ServiceHealth>;
