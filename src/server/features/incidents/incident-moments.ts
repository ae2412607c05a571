import type { IncidentDurations, IncidentState } from '../../../shared/contracts/incidents';

/** The four moments of an incident, kept apart: each KPI chooses which interval it measures. */
export interface IncidentMoments {
  detectedAt: number;
  acknowledgedAt: number | null;
  restoredAt: number | null;
  resolvedAt: number | null;
}

/** The state follows from the latest moment reached, so it can never disagree with them. */
export function stateOfMoments(moments: IncidentMoments): IncidentState {
  if (moments.resolvedAt !== null) return 'resolved';
  if (moments.restoredAt !== null) return 'restored';
  if (moments.acknowledgedAt !== null) return 'acknowledged';
  return 'open';
}

function since(start: number, end: number | null): number | null {
  return end === null ? null : Math.max(0, end - start);
}

/** Detected → acknowledged, → restored, → resolved; null until the later moment exists. */
export function durationsOf(moments: IncidentMoments): IncidentDurations {
  return {
    toAcknowledgeMs: since(moments.detectedAt, moments.acknowledgedAt),
    toRestoreMs: since(moments.detectedAt, moments.restoredAt),
    toResolveMs: since(moments.detectedAt, moments.resolvedAt),
  };
}

/** An incident resolved by Regia that fails again within this time reopens instead of a new one. */
export const flappingWindowMs = 30 * 60_000;

/** How Regia names itself on the timeline and in the audit log. */
export const regiaLabel = 'Regia';
