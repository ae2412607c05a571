import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { regiaLabel, stateOfMoments } from './incident-moments';
import { queueIncidentNotification } from './incident-notifications';
import {
  type IncidentRow,
  insertIncidentEvent,
  listChildRows,
  updateIncidentRow,
} from './incidents.repository';

// The transitions automatic handling and people share: resolving (and what it does to the
// incidents grouped under the resolved one) and writing timeline entries.

/** Who writes a timeline entry: a person (id and name) or Regia itself (id null). */
export interface TimelineActor {
  id: number | null;
  label: string;
}

export const regia: TimelineActor = { id: null, label: regiaLabel };

/** Writes one timeline entry. */
export function addTimelineEvent(
  trx: Transaction<Database>,
  incidentId: number,
  at: number,
  kind: string,
  body: string,
  actor: TimelineActor = regia,
  details: Record<string, unknown> = {},
): Promise<void> {
  return insertIncidentEvent(trx, {
    incidentId,
    at,
    kind,
    actorId: actor.id,
    actorLabel: actor.label,
    body,
    details,
  });
}

/**
 * Closes an incident at `at`. When it closes while nothing recorded the service as restored (a
 * person closes it), that moment is taken as the restoration too. A top-level incident announces
 * `incident.resolved`; grouped ones were never announced, so they stay quiet. Incidents grouped
 * under this one that are still failing become incidents of their own and are announced now, so a
 * problem below never hides behind a closed one.
 */
export async function markResolved(
  trx: Transaction<Database>,
  incident: IncidentRow,
  at: number,
  now: number,
  actor: TimelineActor,
  note = '',
): Promise<void> {
  const moments = {
    detectedAt: incident.detectedAt,
    acknowledgedAt: incident.acknowledgedAt,
    restoredAt: incident.restoredAt ?? at,
    resolvedAt: at,
  };
  await updateIncidentRow(trx, incident.id, {
    restoredAt: moments.restoredAt,
    resolvedAt: at,
    state: stateOfMoments(moments),
    updatedAt: now,
  });
  // Only Regia's own resolution counts as automatic (the CLI acts with no user too, but by hand).
  const isAutomatic = actor === regia;
  await addTimelineEvent(
    trx,
    incident.id,
    at,
    'resolved',
    note || (isAutomatic ? 'Resolved automatically: every gathered check is up again' : 'Resolved'),
    actor,
    { isAutomatic },
  );
  if (incident.parentIncidentId === null) {
    await queueIncidentNotification(trx, 'incident.resolved', incident, at, now, {
      restoredAt: moments.restoredAt,
      resolvedAt: at,
    });
  }
  for (const child of await listChildRows(trx, incident.id)) {
    if (child.resolvedAt !== null || child.restoredAt !== null) continue;
    await updateIncidentRow(trx, child.id, { parentIncidentId: null, updatedAt: now });
    await addTimelineEvent(
      trx,
      child.id,
      at,
      'ungrouped',
      `Incident #${incident.id} it was grouped under is resolved; this one is still failing`,
      regia,
      { parentIncidentId: incident.id },
    );
    await queueIncidentNotification(trx, 'incident.opened', child, at, now);
  }
}
