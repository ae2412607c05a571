import { z } from 'zod';
import { notificationEventKinds } from '../domain/notification-events';
import { EpochMs, PageQuery, pageOf } from './common';

/** What the API shows instead of a stored secret; sent back unchanged, it keeps the stored value. */
export const maskedSecret = '********';

/** Where a notification goes. */
export const channelKinds = ['email', 'webhook', 'slack', 'teams', 'telegram'] as const;
export const ChannelKind = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** The language a channel's messages are written in. */
export const channelLanguages = ['en', 'it'] as const;
export const ChannelLanguage = z.enum(channelLanguages);
export type ChannelLanguage = z.infer<typeof ChannelLanguage>;

/** The event kinds a rule may pick. */
export const NotificationEventKind = z.enum(notificationEventKinds);

/** How an SMTP connection is secured: none, STARTTLS after connecting, or TLS from the start. */
export const smtpSecurities = ['none', 'starttls', 'tls'] as const;
export const SmtpSecurity = z.enum(smtpSecurities);
export type SmtpSecurity = z.infer<typeof SmtpSecurity>;

const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && !url.hash;
      } catch {
        return false;
      }
    },
    { message: 'an http:// or https:// address, without user name or #fragment' },
  );

// A secret field: the value, or "********" to keep the one stored.
const Secret = (max: number) => z.string().max(max);

const HostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, { message: 'a host name or IP address' });

const MailAddress = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ message: 'not a valid email address' }));

// Names the webhook sender sets itself; an extra header may not replace them.
const reservedHeaderNames = new Set([
  'host',
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'idempotency-key',
  'user-agent',
  'x-regia-event',
  'x-regia-timestamp',
  'x-regia-signature',
]);

const ExtraHeaders = z
  .record(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'a header name (letters, digits, -)' })
      .refine((name) => !reservedHeaderNames.has(name.toLowerCase()), {
        message: 'Regia sets this header itself',
      }),
    z
      .string()
      .max(4000)
      .refine((value) => !/[\r\n\0]/.test(value), { message: 'no line breaks' }),
  )
  .refine((headers) => Object.keys(headers).length <= 20, { message: 'at most 20 headers' })
  .default({})
  .describe('extra request headers; their values are secrets (stored encrypted, shown as ********)');

/** E-mail through an SMTP server; the password is a secret. */
export const EmailSettings = z.strictObject({
  kind: z.literal('email'),
  host: HostName.describe('SMTP server'),
  port: z.number().int().min(1).max(65535).default(587),
  security: SmtpSecurity.default('starttls').describe('none, starttls (usually port 587) or tls (465)'),
  username: z.string().max(320).default('').describe('empty: no authentication'),
  password: Secret(500).default('').describe('secret; "********" keeps the stored one'),
  from: MailAddress.describe('sender address'),
  to: z.array(MailAddress).min(1).max(50).describe('recipients'),
});
export type EmailChannelSettings = z.infer<typeof EmailSettings>;

/** A generic HTTP endpoint receiving a JSON body, signed with HMAC-SHA256 when a secret is set. */
export const WebhookSettings = z.strictObject({
  kind: z.literal('webhook'),
  url: HttpUrl.describe('where the JSON body is POSTed'),
  signingSecret: Secret(500)
    .default('')
    .describe(
      'secret; when set, X-Regia-Signature is "sha256=" + hex HMAC-SHA256 of "<X-Regia-Timestamp>.<body>"',
    ),
  headers: ExtraHeaders,
});

/** A Slack incoming webhook; its URL carries the credential, so it is a secret. */
export const SlackSettings = z.strictObject({
  kind: z.literal('slack'),
  webhookUrl: z
    .union([z.literal(maskedSecret), HttpUrl])
    .describe('secret: the incoming-webhook URL; "********" keeps the stored one'),
});

/** A Microsoft Teams workflow (or incoming webhook) URL, a secret like Slack's. */
export const TeamsSettings = z.strictObject({
  kind: z.literal('teams'),
  webhookUrl: z
    .union([z.literal(maskedSecret), HttpUrl])
    .describe('secret: the workflow or incoming-webhook URL; "********" keeps the stored one'),
});

/** A Telegram bot writing to one chat; the bot token is a secret. */
export const TelegramSettings = z.strictObject({
  kind: z.literal('telegram'),
  botToken: Secret(200)
    .min(1)
    .refine((value) => value === maskedSecret || /^[A-Za-z0-9:_-]+$/.test(value), {
      message: 'a bot token such as 123456:ABC-DEF',
    })
    .describe('secret; "********" keeps the stored one'),
  chatId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, { message: 'a numeric chat id or @channelname' }),
  apiBaseUrl: HttpUrl.default('https://api.telegram.org').describe('the Bot API server'),
});

/** A channel's settings, by kind. */
export const ChannelSettings = z.discriminatedUnion('kind', [
  EmailSettings,
  WebhookSettings,
  SlackSettings,
  TeamsSettings,
  TelegramSettings,
]);
export type ChannelSettings = z.infer<typeof ChannelSettings>;
export type ChannelSettingsInput = z.input<typeof ChannelSettings>;

const ChannelName = z.string().trim().min(1, { message: 'required' }).max(200);

/** A new notification channel. */
export const NewChannel = z.strictObject({
  name: ChannelName,
  language: ChannelLanguage.default('en').describe('the language of its messages'),
  isEnabled: z.boolean().default(true),
  settings: ChannelSettings,
});
export type NewChannel = z.infer<typeof NewChannel>;
export type NewChannelInput = z.input<typeof NewChannel>;

/** A change to a channel; settings are replaced whole (kind unchanged), "********" keeps a secret. */
export const UpdateChannel = z.strictObject({
  name: ChannelName.optional(),
  language: ChannelLanguage.optional(),
  isEnabled: z.boolean().optional(),
  settings: ChannelSettings.optional(),
});
export type UpdateChannel = z.infer<typeof UpdateChannel>;
export type UpdateChannelInput = z.input<typeof UpdateChannel>;

/** A channel as the API shows it: every secret as "********" when set, "" when not. */
export const Channel = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ChannelKind,
  language: ChannelLanguage,
  isEnabled: z.boolean(),
  settings: ChannelSettings,
  hasSecrets: z.boolean().describe('a password, token, signing secret or secret URL is stored'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Channel = z.infer<typeof Channel>;

export const ChannelListQuery = z.strictObject({ ...PageQuery });
export const ChannelPage = pageOf(Channel);
export type ChannelPage = z.infer<typeof ChannelPage>;

const RuleName = z.string().trim().min(1, { message: 'required' }).max(200);
const Ids = (what: string) => z.array(z.number().int().positive()).max(200).describe(what);
const MaxSeverity = z
  .number()
  .int()
  .min(1)
  .max(4)
  .describe('events at least this severe match (1 = most severe); 4 lets every severity through');

/** A new rule: which events, of which teams, at which severity, go to which channels. */
export const NewRule = z.strictObject({
  name: RuleName,
  events: z.array(NotificationEventKind).min(1, { message: 'pick at least one event' }).max(20),
  teamIds: Ids('teams whose events match; empty: every team').default([]),
  maxSeverity: MaxSeverity.default(4),
  channelIds: Ids('where matching events go').min(1, { message: 'pick at least one channel' }),
  isEnabled: z.boolean().default(true),
});
export type NewRule = z.infer<typeof NewRule>;
export type NewRuleInput = z.input<typeof NewRule>;

/** A change to a rule; absent fields stay as they are. */
export const UpdateRule = z.strictObject({
  name: RuleName.optional(),
  events: z.array(NotificationEventKind).min(1).max(20).optional(),
  teamIds: Ids('teams whose events match; empty: every team').optional(),
  maxSeverity: MaxSeverity.optional(),
  channelIds: Ids('where matching events go').min(1).optional(),
  isEnabled: z.boolean().optional(),
});
export type UpdateRule = z.infer<typeof UpdateRule>;

/** A rule as the API shows it. */
export const Rule = z.object({
  id: z.number().int(),
  name: z.string(),
  events: z.array(NotificationEventKind),
  teamIds: z.array(z.number().int()),
  maxSeverity: z.number().int(),
  channelIds: z.array(z.number().int()),
  isEnabled: z.boolean(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Rule = z.infer<typeof Rule>;

export const RuleListQuery = z.strictObject({ ...PageQuery });
export const RulePage = pageOf(Rule);
export type RulePage = z.infer<typeof RulePage>;

/**
 * Where a delivery stands: waiting (or retrying), delivered, dead (every try failed: the dead-letter
 * list), or failed (a "send test" that did not get through; never retried).
 */
export const deliveryStatuses = ['pending', 'delivered', 'dead', 'failed'] as const;
export const DeliveryStatus = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One try to deliver. */
export const DeliveryAttempt = z.object({
  id: z.number().int(),
  at: EpochMs,
  isSuccess: z.boolean(),
  statusCode: z.number().int().nullable().describe('HTTP status or SMTP reply code, when there was one'),
  message: z.string(),
  durationMs: z.number().int(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/** One notification to one channel, with its tries (newest first, at most 20). */
export const Delivery = z.object({
  id: z.number().int(),
  channelId: z.number().int(),
  channelName: z.string(),
  eventKind: z.string().describe('an event kind, or "test" for a "send test"'),
  subject: z.string().describe('what the event is about'),
  idempotencyKey: z.string(),
  status: DeliveryStatus,
  attemptCount: z.number().int(),
  nextAttemptAt: EpochMs,
  lastError: z.string().nullable(),
  createdAt: EpochMs,
  deliveredAt: EpochMs.nullable(),
  attempts: z.array(DeliveryAttempt),
});
export type Delivery = z.infer<typeof Delivery>;

/** Delivery log query: filter by status and channel, newest first. */
export const DeliveryListQuery = z.strictObject({
  ...PageQuery,
  status: DeliveryStatus.optional(),
  channelId: z.coerce.number().int().positive().optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliveryPage = pageOf(Delivery);
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** What "send test" answers: whether the channel took the message, and why not. */
export const ChannelTestOutcome = z.object({
  isSuccess: z.boolean(),
  statusCode: z.number().int().nullable(),
  message: z.string(),
  durationMs: z.number().int(),
  deliveryId: z.number().int(),
});
export type ChannelTestOutcome = z.infer<typeof ChannelTestOutcome>;

/**
 * A notification channel in a configuration file, by name. Secrets (passwords, signing secrets, bot
 * tokens, extra header values, Slack and Teams URLs) are exported as "********", which apply reads as
 * "keep the stored value"; `${NAME}` in a secret is replaced by the environment variable NAME at apply.
 */
export const NotificationChannelSpec = NewChannel.extend({
  // A secret may be a ${NAME} reference here; the expanded value is validated when apply sends it.
  settings: z.discriminatedUnion('kind', [
    EmailSettings,
    WebhookSettings,
    SlackSettings.extend({ webhookUrl: z.string().min(1).max(2000) }),
    TeamsSettings.extend({ webhookUrl: z.string().min(1).max(2000) }),
    TelegramSettings.extend({ botToken: z.string().min(1).max(500) }),
  ]),
});
export type NotificationChannelSpec = z.infer<typeof NotificationChannelSpec>;

/** A notification rule in a configuration file: channels and teams by name. */
export const NotificationRuleSpec = z.strictObject({
  name: RuleName,
  events: z.array(NotificationEventKind).min(1).max(20),
  teams: z
    .array(z.string().trim().min(1).max(100))
    .max(200)
    .default([])
    .describe('names of the teams whose events match; empty: every team'),
  maxSeverity: MaxSeverity.default(4),
  channels: z.array(z.string().trim().min(1).max(200)).min(1).max(200).describe('names of the channels'),
  isEnabled: z.boolean().default(true),
});
export type NotificationRuleSpec = z.infer<typeof NotificationRuleSpec>;
