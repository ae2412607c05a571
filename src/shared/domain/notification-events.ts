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
  'workItem.overdue',
  'workItem.dueSoon',
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
  subject: {
    type: 'check' | 'incident' | 'maintenance' | 'system' | 'workItem';
    id: number | null;
    name: string;
  };
  /** a path in Regia's web client, e.g. `/incidents/12` (made absolute with REGIA_PUBLIC_URL) */
  link: string | null;
  /** facts for the message: item name, check message, window start and end, ... (plain values) */
  facts: Record<string, string | number | null>;
}

/**
 * Email to one person (a notification they asked to get by email, their daily digest). Kept out of
 * `notificationEventKinds`, so no rule can pick them: the collaboration feature queues them itself,
 * on the email channel an admin names for personal email, with the recipients in the payload.
 */
export const personalEventKinds = ['personal.notification', 'personal.digest'] as const;
export type PersonalEventKind = (typeof personalEventKinds)[number];

/** True for the kinds whose outbox rows carry their own recipients. */
export function isPersonalEventKind(kind: string): kind is PersonalEventKind {
  return (personalEventKinds as readonly string[]).includes(kind);
}

/** A personal email as the outbox holds it: the event, its recipients, language and own lines. */
export interface PersonalEmailEvent extends Omit<NotificationEvent, 'kind'> {
  kind: PersonalEventKind;
  /** the only addresses it goes to (the channel's own `to` list is not used) */
  recipients: string[];
  /** the person's language, instead of the channel's */
  language: 'en' | 'it';
  /** extra labelled lines after the facts (a digest's notifications) */
  lines: { label: string; value: string }[];
}
