import type { ChannelLanguage } from '../../../shared/contracts/notifications';
import type { NotificationEvent } from '../../../shared/domain/notification-events';
import {
  factLabels,
  fillTemplate,
  type MessageKind,
  messageWords,
  titleTemplates,
} from './notification-messages';

/**
 * An event as the outbox holds it; "send test" uses the kind `test`. Personal emails add their
 * recipients, the person's language and lines of their own (see `PersonalEmailEvent`).
 */
export type DeliverableEvent = Omit<NotificationEvent, 'kind'> & {
  kind: MessageKind;
  recipients?: string[];
  language?: ChannelLanguage;
  lines?: MessageLine[];
};

/** One labelled fact of a message. */
export interface MessageLine {
  label: string;
  value: string;
}

/** A message in one language, in plain text parts that each channel shapes its own way. */
export interface RenderedMessage {
  language: ChannelLanguage;
  title: string;
  lines: MessageLine[];
  /** the event's page in Regia, absolute; null without REGIA_PUBLIC_URL */
  link: string | null;
  linkLabel: string;
  /** the whole message as plain text: title, facts, link */
  text: string;
}

export interface RenderOptions {
  language: ChannelLanguage;
  timezone: string;
  publicUrl: string | undefined;
}

const maxFacts = 12;
const maxOwnLines = 50;
const maxValueLength = 500;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "25/11/2026, 10:00 CET" style, in the organisation's timezone and the channel's language. */
export function formatInstant(at: number, language: ChannelLanguage, timezone: string): string {
  return new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timezone,
    timeZoneName: 'short',
  }).format(at);
}

/** The link made absolute with the public URL; only paths inside Regia, only http(s). */
export function absoluteLink(link: string | null, publicUrl: string | undefined): string | null {
  if (link === null || publicUrl === undefined || !link.startsWith('/') || link.startsWith('//')) return null;
  try {
    const base = new URL(publicUrl);
    const url = new URL(base.pathname.replace(/\/$/, '') + link, base.origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function labelOf(language: ChannelLanguage, name: string): string {
  return factLabels[language][name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Renders an event for one channel's language: title line, a few facts, the link. */
export function renderNotification(event: DeliverableEvent, options: RenderOptions): RenderedMessage {
  const { language, timezone } = options;
  const title = clip(
    fillTemplate(titleTemplates[language][event.kind], { subject: clip(event.subject.name, 200) }),
    300,
  );
  const lines: MessageLine[] = [];
  if (event.kind === 'test')
    lines.push({ label: labelOf(language, 'message'), value: messageWords[language].testBody });
  else lines.push({ label: labelOf(language, 'severity'), value: String(event.severity) });
  lines.push({ label: labelOf(language, 'at'), value: formatInstant(event.at, language, timezone) });
  for (const [name, value] of Object.entries(event.facts).slice(0, maxFacts)) {
    if (value === null || value === '') continue;
    // Facts named …At are instants: shown as dates, like the event's own time.
    const shown =
      typeof value === 'number' && name.endsWith('At')
        ? formatInstant(value, language, timezone)
        : String(value);
    lines.push({ label: clip(labelOf(language, name), 60), value: clip(shown, maxValueLength) });
  }
  // Lines written by the sender (a digest's notifications), plain text, bounded.
  for (const line of (event.lines ?? []).slice(0, maxOwnLines)) {
    lines.push({ label: clip(String(line.label), 200), value: clip(String(line.value), maxValueLength) });
  }
  const link = absoluteLink(event.link, options.publicUrl);
  const linkLabel = messageWords[language].open;
  const text = [
    title,
    '',
    ...lines.map((line) => `${line.label}: ${line.value}`),
    ...(link ? ['', `${linkLabel}: ${link}`] : []),
  ].join('\n');
  return { language, title, lines, link, linkLabel, text };
}
