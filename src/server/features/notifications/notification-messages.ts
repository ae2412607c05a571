import type { ChannelLanguage } from '../../../shared/contracts/notifications';
import type { NotificationEventKind, PersonalEventKind } from '../../../shared/domain/notification-events';

/** What a delivery announces: an event kind, a personal email, or the message "send test" sends. */
export type MessageKind = NotificationEventKind | PersonalEventKind | 'test';

// Logic-less templates: `{subject}` is the only placeholder a title has, and it is replaced by the
// text of the event's subject, never evaluated. Nothing here comes from users.

/** The title line of each kind, per language. */
export const titleTemplates: Record<ChannelLanguage, Record<MessageKind, string>> = {
  en: {
    'check.down': '{subject} is down',
    'check.up': '{subject} is up again',
    'check.degraded': '{subject} is degraded',
    'certificate.expiring': 'The certificate of {subject} expires soon',
    'incident.opened': 'Incident opened: {subject}',
    'incident.acknowledged': 'Incident acknowledged: {subject}',
    'incident.resolved': 'Incident resolved: {subject}',
    'maintenance.scheduled': 'Maintenance window planned: {subject}',
    'regia.degraded': 'Regia is degraded: it cannot write to its database',
    'workItem.overdue': 'Work item overdue: {subject}',
    'workItem.dueSoon': 'Work item due soon: {subject}',
    // Personal emails arrive with their title already written in the person's language.
    'personal.notification': '{subject}',
    'personal.digest': '{subject}',
    test: 'Test notification from Regia',
  },
  it: {
    'check.down': '{subject} non disponibile',
    'check.up': '{subject} di nuovo operativo',
    'check.degraded': '{subject} degradato',
    'certificate.expiring': 'Il certificato di {subject} scade a breve',
    'incident.opened': 'Incidente aperto: {subject}',
    'incident.acknowledged': 'Incidente preso in carico: {subject}',
    'incident.resolved': 'Incidente risolto: {subject}',
    'maintenance.scheduled': 'Finestra di manutenzione pianificata: {subject}',
    'regia.degraded': 'Regia degradato: non riesce a scrivere nel database',
    'workItem.overdue': 'Attività in ritardo: {subject}',
    'workItem.dueSoon': 'Attività in scadenza: {subject}',
    'personal.notification': '{subject}',
    'personal.digest': '{subject}',
    test: 'Notifica di prova da Regia',
  },
};

/** Labels of the facts events carry; an unknown fact is labelled by its name. */
export const factLabels: Record<ChannelLanguage, Record<string, string>> = {
  en: {
    severity: 'Severity',
    at: 'When',
    message: 'Message',
    item: 'Item',
    check: 'Check',
    team: 'Team',
    state: 'State',
    startsAt: 'Starts',
    endsAt: 'Ends',
    expiresAt: 'Expires',
    daysLeft: 'Days left',
    assignee: 'Assignee',
    acknowledgedBy: 'Acknowledged by',
    resolvedBy: 'Resolved by',
    error: 'Error',
    channel: 'Channel',
    dueDate: 'Due date',
    lead: 'Team lead',
  },
  it: {
    severity: 'Gravità',
    at: 'Quando',
    message: 'Messaggio',
    item: 'Elemento',
    check: 'Verifica',
    team: 'Team',
    state: 'Stato',
    startsAt: 'Inizio',
    endsAt: 'Fine',
    expiresAt: 'Scadenza',
    daysLeft: 'Giorni rimanenti',
    assignee: 'Assegnatario',
    acknowledgedBy: 'Preso in carico da',
    resolvedBy: 'Risolto da',
    error: 'Errore',
    channel: 'Canale di notifica',
    dueDate: 'Scadenza',
    lead: 'Responsabile del team',
  },
};

/** Words around the facts. */
export const messageWords: Record<ChannelLanguage, { open: string; testBody: string }> = {
  en: {
    open: 'Open in Regia',
    testBody: 'If you read this, the channel works.',
  },
  it: {
    open: 'Apri in Regia',
    testBody: 'Se leggi questo messaggio, il canale funziona.',
  },
};

/** Fills `{name}` placeholders with plain values; anything else in the template stays as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (match, name: string) => values[name] ?? match);
}
