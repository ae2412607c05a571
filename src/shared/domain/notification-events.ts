/** The facts a notification rule can choose; each is queued by the feature that records it. */
export const notificationEventKinds = [
  'check.down',
  'check.up',
  'check.degraded',
  'certificate.expiring',
  'incident.opened',
  'incident.acknowledged',
  'incident.resolved',
  'maintenance.scheduled',
  'regia.degraded',
] as const;
export type NotificationEventKind = (typeof notificationEventKinds)[number];

/** 1 = most severe, 4 = least, as an item's criticality. */
export type Severity = 1 | 2 | 3 | 4;

/**
 * One fact to announce, in structured form: the notifications feature renders it in each channel's
 * language, with logic-less templates (no user code runs).
 */
export interface NotificationEvent {
  kind: NotificationEventKind;
  /**
   * Unique per fact, e.g. `incident:12:opened`: the same fact queued twice is delivered once per
   * channel, and receivers get it as the idempotency key.
   */
  key: string;
  /** when the fact happened (epoch ms) */
  at: number;
  severity: Severity;
  /** the team that owns what the fact is about, for rules that pick teams; null when none */
  teamId: number | null;
  /** what the fact is about */
  subject: { type: 'check' | 'incident' | 'maintenance' | 'system'; id: number | null; name: string };
  /** a path in Regia's web client, e.g. `/incidents/12` (made absolute with REGIA_PUBLIC_URL) */
  link: string | null;
  /** facts for the message: item name, check message, window start and end, ... (plain values) */
  facts: Record<string, string | number | null>;
}
