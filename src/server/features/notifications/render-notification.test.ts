// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a subject that looks like a template must stay text
import { describe, expect, it } from 'vitest';
import { slackBody, teamsBody, telegramBody, webhookBody } from './channel-payloads';
import { nextRetryDelayMs } from './delivery-backoff';
import { absoluteLink, type DeliverableEvent, renderNotification } from './render-notification';

const event: DeliverableEvent = {
  kind: 'incident.opened',
  key: 'incident:12:opened',
  at: Date.UTC(2026, 10, 25, 9, 0, 0),
  severity: 1,
  teamId: 3,
  subject: { type: 'incident', id: 12, name: 'ERP {subject} <down> & ${process.env}' },
  link: '/incidents/12',
  facts: { item: 'ERP', startsAt: Date.UTC(2026, 10, 25, 8, 55, 0), note: null },
};
const options = { timezone: 'Europe/Rome', publicUrl: 'https://regia.example.com/base/' };

describe('rendering a notification', () => {
  it('writes the title and facts in the channel language, times in the organisation timezone', () => {
    const english = renderNotification(event, { ...options, language: 'en' });
    expect(english.title).toBe('Incident opened: ERP {subject} <down> & ${process.env}');
    expect(english.lines).toContainEqual({ label: 'Severity', value: '1' });
    expect(english.lines).toContainEqual({ label: 'Item', value: 'ERP' });
    expect(english.lines.find((line) => line.label === 'Starts')?.value).toContain('09:55');
    expect(english.lines.some((line) => line.label === 'note')).toBe(false);

    const italian = renderNotification(event, { ...options, language: 'it' });
    expect(italian.title).toBe('Incidente aperto: ERP {subject} <down> & ${process.env}');
    expect(italian.lines).toContainEqual({ label: 'Gravità', value: '1' });
    expect(italian.lines).toContainEqual({ label: 'Elemento', value: 'ERP' });
    expect(italian.text).toContain('Apri in Regia: https://regia.example.com/base/incidents/12');
  });

  it('makes links absolute only with a public URL and only for paths inside Regia', () => {
    expect(absoluteLink('/checks/1', 'https://regia.example.com')).toBe('https://regia.example.com/checks/1');
    expect(absoluteLink('/checks/1', undefined)).toBeNull();
    expect(absoluteLink('//evil.example/x', 'https://regia.example.com')).toBeNull();
    expect(absoluteLink('javascript:alert(1)', 'https://regia.example.com')).toBeNull();
  });

  it('shapes each channel body from the same message, escaping Slack control characters', () => {
    const message = renderNotification(event, { ...options, language: 'en' });
    const slack = slackBody(message);
    expect(slack.text).toBe(message.title);
    expect(slack.blocks[0]?.text.text).toContain('&lt;down&gt; &amp;');
    expect(slack.blocks[0]?.text.text).toContain(
      '<https://regia.example.com/base/incidents/12|Open in Regia>',
    );
    const card = teamsBody(message).attachments[0]?.content;
    expect(card?.type).toBe('AdaptiveCard');
    expect(card?.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in Regia', url: 'https://regia.example.com/base/incidents/12' },
    ]);
    expect(telegramBody(message, '-100123')).toMatchObject({ chat_id: '-100123', text: message.text });
    const hook = webhookBody(event, message, 'incident:12:opened', options.publicUrl);
    expect(hook).toMatchObject({
      version: 1,
      idempotencyKey: 'incident:12:opened',
      event: { kind: 'incident.opened', link: 'https://regia.example.com/base/incidents/12', severity: 1 },
      message: { language: 'en', title: message.title },
    });
  });
});

describe('retry delays', () => {
  const settings = { baseMs: 1000, maxMs: 8000, retryAfterCapMs: 5000, maxAttempts: 8 };

  it('doubles from the base, with jitter between half and all of the step, up to the maximum', () => {
    expect(nextRetryDelayMs(1, null, settings, () => 0)).toBe(500);
    expect(nextRetryDelayMs(1, null, settings, () => 1)).toBe(1000);
    expect(nextRetryDelayMs(3, null, settings, () => 1)).toBe(4000);
    expect(nextRetryDelayMs(10, null, settings, () => 1)).toBe(8000);
  });

  it('waits at least what Retry-After asks, up to its cap', () => {
    expect(nextRetryDelayMs(1, 3000, settings, () => 0)).toBe(3000);
    expect(nextRetryDelayMs(1, 3_600_000, settings, () => 0)).toBe(5000);
  });
});
