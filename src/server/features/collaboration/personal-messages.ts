import type { CommentEntityType, PersonalNotificationKind } from '../../../shared/contracts/collaboration';

// The words of personal emails, per language. `{actor}` and `{title}` are replaced by plain text,
// never evaluated (logic-less, like the channel templates).

export type PersonLanguage = 'en' | 'it';

/** Subject lines of the emails sent for one notification. */
export const notificationSubjects: Record<PersonLanguage, Record<PersonalNotificationKind, string>> = {
  en: {
    mention: '{actor} mentioned you: {title}',
    comment: '{actor} commented: {title}',
    assignment: '{actor} assigned you: {title}',
    dueSoon: 'Due soon: {title}',
    overdue: 'Overdue: {title}',
    stateChange: '{actor} changed the state: {title}',
  },
  it: {
    mention: '{actor} ti ha menzionato: {title}',
    comment: '{actor} ha commentato: {title}',
    assignment: '{actor} ti ha assegnato: {title}',
    dueSoon: 'In scadenza: {title}',
    overdue: 'In ritardo: {title}',
    stateChange: '{actor} ha cambiato lo stato: {title}',
  },
};

/** The digest's subject, with `{count}` unread notifications. */
export const digestSubjects: Record<PersonLanguage, string> = {
  en: 'Your day in Regia: {count} unread notifications',
  it: 'La tua giornata in Regia: {count} notifiche da leggere',
};

/** Someone without an account any more, or Regia itself. */
export const nobody: Record<PersonLanguage, string> = { en: 'Regia', it: 'Regia' };

/** The label of an entity type in a digest line. */
export const entityLabels: Record<PersonLanguage, Record<CommentEntityType, string>> = {
  en: { workItem: 'Work item', incident: 'Incident', item: 'Item', request: 'Request' },
  it: { workItem: 'Attività', incident: 'Incidente', item: 'Elemento', request: 'Richiesta' },
};

/** The language of a person's locale ("it", "it-IT" → Italian; anything else English). */
export function languageOf(locale: string | null): PersonLanguage {
  return locale?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** Fills `{name}` placeholders with plain values. */
export function fillWords(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (match, name: string) => values[name] ?? match);
}
