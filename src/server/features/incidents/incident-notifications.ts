import type { Transaction } from 'kysely';
import type { NotificationEvent, Severity } from '../../../shared/domain/notification-events';
import type { Database } from '../../db/schema';
import { queueNotification } from '../notifications/notification-queue';

/** What an incident announcement says; plain values only (templates are logic-less). */
export interface IncidentFacts {
  id: number;
  title: string;
  severity: number;
  teamId: number | null;
  itemName: string | null;
}

function toSeverity(value: number): Severity {
  return Math.min(4, Math.max(1, Math.round(value))) as Severity;
}

/** Queues `incident.opened`, `incident.acknowledged` or `incident.resolved`, once per incident. */
export function queueIncidentNotification(
  trx: Transaction<Database>,
  kind: 'incident.opened' | 'incident.acknowledged' | 'incident.resolved',
  incident: IncidentFacts,
  at: number,
  now: number,
  facts: Record<string, string | number | null> = {},
): Promise<number> {
  const event: NotificationEvent = {
    kind,
    // One key per incident and fact: a reopened incident resolved again is not announced twice.
    key: `incident:${incident.id}:${kind.slice('incident.'.length)}`,
    at,
    severity: toSeverity(incident.severity),
    teamId: incident.teamId,
    subject: { type: 'incident', id: incident.id, name: incident.title },
    link: `/incidents/${incident.id}`,
    facts: { title: incident.title, itemName: incident.itemName, severity: incident.severity, ...facts },
  };
  return queueNotification(trx, event, now);
}

/** A check as a notification describes it. */
export interface CheckFacts {
  id: number;
  name: string;
  itemName: string | null;
  severity: number;
  teamId: number | null;
}

/** Queues `check.down`, `check.up`, `check.degraded` or `certificate.expiring` for one fact. */
export function queueCheckNotification(
  trx: Transaction<Database>,
  kind: 'check.down' | 'check.up' | 'check.degraded' | 'certificate.expiring',
  check: CheckFacts,
  at: number,
  now: number,
  facts: Record<string, string | number | null>,
): Promise<number> {
  const suffix = kind === 'certificate.expiring' ? 'certificate' : kind.slice('check.'.length);
  const event: NotificationEvent = {
    kind,
    key: `check:${check.id}:${suffix}:${at}`,
    at,
    severity: toSeverity(check.severity),
    teamId: check.teamId,
    subject: { type: 'check', id: check.id, name: check.name },
    link: `/checks/${check.id}`,
    facts: { checkName: check.name, itemName: check.itemName, severity: check.severity, ...facts },
  };
  return queueNotification(trx, event, now);
}
