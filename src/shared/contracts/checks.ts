import { z } from 'zod';
import { checkStates } from '../domain/check-state';
import { CheckSettings } from './check-kinds';
import { EpochMs, PageQuery, pageOf, SortDirection } from './common';

export const CheckState = z.enum(checkStates);
export const ResultStatus = z.enum(['up', 'degraded', 'down']);

const CronExpression = z
  .string()
  .trim()
  .min(9)
  .max(100)
  .describe('five-field cron expression, e.g. "*/5 * * * *"');
const LocationName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, { message: 'lower-case letters, digits and -' });

const checkFields = {
  name: z.string().trim().min(1).max(200),
  itemId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('the inventory item the check watches'),
  ownerTeamId: z.number().int().positive().nullable().default(null).describe('defaults to the item owner'),
  settings: CheckSettings,
  intervalSeconds: z.number().int().min(10).max(86_400).nullable().default(60),
  cron: CronExpression.nullable().default(null),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  retries: z.number().int().min(0).max(10).default(0).describe('failures in a row tolerated before down'),
  degradedAboveMs: z.number().int().min(1).max(120_000).nullable().default(null),
  isPaused: z.boolean().default(false),
  locations: z.array(LocationName).min(1).max(20).default(['local']),
  downQuorum: z.number().int().min(1).max(20).default(1).describe('locations that must fail for down'),
};

/** A new check: either an interval (10 s or more) or a cron schedule. */
export const NewCheck = z
  .strictObject(checkFields)
  .refine((check) => (check.intervalSeconds === null) !== (check.cron === null), {
    message: 'give either an interval or a cron schedule',
    path: ['intervalSeconds'],
  });
export type NewCheck = z.infer<typeof NewCheck>;
export type NewCheckInput = z.input<typeof NewCheck>;

/** A partial change; settings are replaced whole (masked secrets are kept as they were). */
export const UpdateCheck = z.strictObject({
  name: checkFields.name.optional(),
  itemId: z.number().int().positive().nullable().optional(),
  ownerTeamId: z.number().int().positive().nullable().optional(),
  settings: CheckSettings.optional(),
  intervalSeconds: z.number().int().min(10).max(86_400).nullable().optional(),
  cron: CronExpression.nullable().optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  retries: z.number().int().min(0).max(10).optional(),
  degradedAboveMs: z.number().int().min(1).max(120_000).nullable().optional(),
  isPaused: z.boolean().optional(),
  locations: z.array(LocationName).min(1).max(20).optional(),
  downQuorum: z.number().int().min(1).max(20).optional(),
});
export type UpdateCheck = z.infer<typeof UpdateCheck>;

/** Phases of one run, in milliseconds. */
export const Phases = z.object({
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  tlsMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
});

/** A check as listed and shown; secret header values come back masked. */
export const Check = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  itemId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  ownerTeamId: z.number().int().nullable(),
  settings: z.record(z.string(), z.unknown()).describe('kind settings; secret values replaced by "********"'),
  intervalSeconds: z.number().int().nullable(),
  cron: z.string().nullable(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  degradedAboveMs: z.number().int().nullable(),
  isPaused: z.boolean(),
  locations: z.array(z.string()),
  downQuorum: z.number().int(),
  state: CheckState,
  stateChangedAt: EpochMs.nullable(),
  lastResultAt: EpochMs.nullable(),
  lastMessage: z.string().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  hasPushToken: z.boolean().describe('heartbeat checks: a push URL exists (its secret is shown once)'),
  sparkline: z
    .array(z.number().nullable())
    .optional()
    .describe('lists: availability per hour over the last 24 h'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Check = z.infer<typeof Check>;

export const CheckListQuery = z.strictObject({
  ...PageQuery,
  q: z.string().trim().max(200).optional(),
  itemId: z.coerce.number().int().positive().optional(),
  ownerTeamId: z.coerce.number().int().positive().optional(),
  kind: z.string().max(20).optional(),
  state: CheckState.optional(),
  sort: z.enum(['name', 'state', 'kind', 'lastResultAt']).default('name'),
  direction: SortDirection,
});
export type CheckListQuery = z.infer<typeof CheckListQuery>;
export const CheckPage = pageOf(Check);

/** One stored result. */
export const CheckResult = z.object({
  id: z.number().int(),
  location: z.string(),
  plannedAt: EpochMs,
  startedAt: EpochMs,
  status: ResultStatus,
  latencyMs: z.number().int(),
  phases: Phases,
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const ResultListQuery = z.strictObject({
  ...PageQuery,
  status: ResultStatus.optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});
export const ResultPage = pageOf(CheckResult);

/** What "run now" answers: the result at once, not stored. */
export const RunNowResult = z.object({
  status: ResultStatus,
  latencyMs: z.number().int(),
  phases: Phases,
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** A check as answered right after creation or a new push URL: the only time the secret shows. */
export const CheckWithPushUrl = Check.extend({
  pushUrl: z.string().nullable().describe('heartbeat checks: the URL a job calls; shown once'),
});
export type CheckWithPushUrl = z.infer<typeof CheckWithPushUrl>;

/** Run a check's settings once, without saving (the form's "run now"). */
export const TestCheckRequest = z.strictObject({
  settings: CheckSettings,
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  degradedAboveMs: z.number().int().min(1).max(120_000).nullable().default(null),
});

/** Availability over standard periods, with the counting rule shown. */
export const AvailabilityQuery = z.strictObject({
  degradedCountsAs: z.enum(['up', 'down', 'half']).default('up'),
  minimumSamples: z.coerce.number().int().min(1).max(100_000).default(1),
  maintenance: z
    .enum(['excluded', 'included'])
    .default('excluded')
    .describe('whether results taken inside maintenance windows count'),
});

export const AvailabilityFigure = z.object({
  period: z.enum(['24h', '7d', '30d', '90d']),
  availability: z.number().nullable().describe('0..1, null when there are too few results'),
  samples: z.number().int(),
  up: z.number().int(),
  degraded: z.number().int(),
  down: z.number().int(),
  inMaintenance: z.number().int().describe('results taken inside maintenance windows in the period'),
  latencyAvgMs: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  ruleText: z.string().describe('how the figure was counted'),
});
export const AvailabilityReport = z.object({ figures: z.array(AvailabilityFigure) });

/** Latency and outcomes over time, one point per rollup bucket. */
export const SeriesQuery = z.strictObject({ period: z.enum(['24h', '7d', '30d', '90d']).default('24h') });
export const SeriesPoint = z.object({
  at: EpochMs,
  up: z.number().int(),
  degraded: z.number().int(),
  down: z.number().int(),
  latencyAvgMs: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  latencyMinMs: z.number().nullable(),
  latencyMaxMs: z.number().nullable(),
});
export const Series = z.object({ resolution: z.enum(['5m', '1h', '1d']), points: z.array(SeriesPoint) });

/** What a heartbeat push answers. */
export const BeatAck = z.object({ ok: z.literal(true), checkId: z.number().int() });
export const PushTokenParams = z.strictObject({ token: z.string().min(10).max(200) });
