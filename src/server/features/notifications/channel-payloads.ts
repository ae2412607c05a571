import { absoluteLink, type DeliverableEvent, type RenderedMessage } from './render-notification';

// The JSON each HTTP channel receives. Values are inserted as data (JSON-encoded), never as markup
// or code; Slack's mrkdwn and Telegram's text get plain text with Slack's three control characters
// escaped.

/**
 * The generic webhook body, version 1 (stable; new fields may be added, none removed):
 * `{ version, idempotencyKey, event: { kind, key, at, severity, teamId, subject, link, facts },
 *    message: { language, title, text, lines: [{ label, value }], link } }`.
 * `event.link` is absolute when REGIA_PUBLIC_URL is set, else the path inside Regia.
 */
export function webhookBody(
  event: DeliverableEvent,
  message: RenderedMessage,
  idempotencyKey: string,
  publicUrl: string | undefined,
) {
  return {
    version: 1,
    idempotencyKey,
    event: {
      kind: event.kind,
      key: event.key,
      at: event.at,
      severity: event.severity,
      teamId: event.teamId,
      subject: event.subject,
      link: absoluteLink(event.link, publicUrl) ?? event.link,
      facts: event.facts,
    },
    message: {
      language: message.language,
      title: message.title,
      text: message.text,
      lines: message.lines,
      link: message.link,
    },
  };
}

/** Slack's mrkdwn treats &, < and > as control characters. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A Slack incoming-webhook message: plain `text` for notifications, one section block for the client. */
export function slackBody(message: RenderedMessage) {
  const facts = message.lines
    .map((line) => `*${slackEscape(line.label)}:* ${slackEscape(line.value)}`)
    .join('\n');
  const link = message.link ? `\n<${slackEscape(message.link)}|${slackEscape(message.linkLabel)}>` : '';
  return {
    text: message.title,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${slackEscape(message.title)}*\n${facts}${link}`.slice(0, 3000) },
      },
    ],
  };
}

/** A Teams message carrying an Adaptive Card: what Workflows and incoming webhooks both accept. */
export function teamsBody(message: RenderedMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            {
              type: 'FactSet',
              facts: message.lines.map((line) => ({ title: line.label, value: line.value })),
            },
          ],
          actions: message.link
            ? [{ type: 'Action.OpenUrl', title: message.linkLabel, url: message.link }]
            : [],
        },
      },
    ],
  };
}

/** A Telegram Bot API sendMessage call: plain text (no parse mode, so nothing is read as markup). */
export function telegramBody(message: RenderedMessage, chatId: string) {
  return { chat_id: chatId, text: message.text.slice(0, 4000), disable_web_page_preview: true };
}
