import { z } from 'zod';
import { isValidRecurrence, isValidTimezone } from '../domain/maintenance-occurrences';
import { EpochMs, PageQuery, pageOf } from './common';

/** The longest a single occurrence may last: one week. */
export const maxDurationMinutes = 7 * 24 * 60;
/** The widest calendar range the occurrences route expands at once. */
export const maxOccurrenceRangeMs = 100 * 86_400_000;

const Recurrence = z
  .string()
  .trim()
  .min(9)
  .max(100)
  .refine(isValidRecurrence, { message: 'a five-field cron expression, e.g. "0 2 * * 0"' })
  .describe('five-field cron expression read in `timezone`; each run starts an occurrence');
const Timezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimezone, { message: 'an IANA timezone, e.g. Europe/Rome' })
  .describe('IANA timezone the recurrence is read in; the server timezone when absent');
const TargetIds = z.array(z.number().int().positive()).max(200);

const windowFields = {
  title: z.string().trim().min(1, { message: 'required' }).max(300),
  description: z.string().max(10_000).default('').describe('what is done and why (plain text)'),
  startsAt: EpochMs.describe('a one-off window: its start; a recurring one: no occurrence starts earlier'),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(maxDurationMinutes)
    .describe('how long each occurrence lasts, in minutes (at most a week)'),
  recurrence: Recurrence.nullable().default(null),
  timezone: Timezone.optional(),
  repeatUntil: EpochMs.nullable().default(null).describe('no occurrence starts after this moment'),
  notifyOwners: z
    .boolean()
    .default(true)
    .describe('tell the owner teams of the impacted items when planned and before each occurrence'),
  itemIds: TargetIds.default([]).describe('items in maintenance, with their checks and every dependant'),
  checkIds: TargetIds.default([]).describe('single checks in maintenance'),
};

/** A new maintenance window: one-off (no recurrence) or recurring, on items and/or checks. */
export const NewMaintenanceWindow = z
  .strictObject(windowFields)
  .refine((w) => w.itemIds.length + w.checkIds.length > 0, {
    message: 'choose at least one item or check',
    path: ['itemIds'],
  })
  .refine((w) => w.repeatUntil === null || w.recurrence !== null, {
    message: 'only a recurring window repeats until a date',
    path: ['repeatUntil'],
  })
  .refine((w) => w.repeatUntil === null || w.repeatUntil > w.startsAt, {
    message: 'must come after the start',
    path: ['repeatUntil'],
  });
export type NewMaintenanceWindow = z.infer<typeof NewMaintenanceWindow>;
export type NewMaintenanceWindowInput = z.input<typeof NewMaintenanceWindow>;

/** A partial change; absent fields stay. Targets given replace the current ones. */
export const UpdateMaintenanceWindow = z.strictObject({
  title: windowFields.title.optional(),
  description: z.string().max(10_000).optional(),
  startsAt: EpochMs.optional(),
  durationMinutes: windowFields.durationMinutes.optional(),
  recurrence: Recurrence.nullable().optional(),
  timezone: Timezone.optional(),
  repeatUntil: EpochMs.nullable().optional(),
  notifyOwners: z.boolean().optional(),
  itemIds: TargetIds.optional(),
  checkIds: TargetIds.optional(),
});
export type UpdateMaintenanceWindow = z.infer<typeof UpdateMaintenanceWindow>;

/** Where a window stands now. */
export const MaintenanceStatus = z.enum(['upcoming', 'active', 'past']);
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

/** One occurrence: start inclusive, end exclusive. */
export const MaintenanceOccurrence = z.object({ startsAt: EpochMs, endsAt: EpochMs });
export type MaintenanceOccurrence = z.infer<typeof MaintenanceOccurrence>;

const NamedTarget = z.object({ id: z.number().int(), name: z.string() });

/** A window as listed and shown. */
export const MaintenanceWindow = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  startsAt: EpochMs,
  durationMinutes: z.number().int(),
  recurrence: z.string().nullable(),
  timezone: z.string(),
  repeatUntil: EpochMs.nullable(),
  notifyOwners: z.boolean(),
  items: z.array(NamedTarget).describe('the items targeted (their dependants are covered too)'),
  checks: z.array(NamedTarget).describe('the single checks targeted'),
  status: MaintenanceStatus,
  current: MaintenanceOccurrence.nullable().describe('the occurrence in progress, or the next one'),
  announcedOccurrenceAt: EpochMs.nullable().describe('the latest occurrence the owners were told of'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

/** List query: status and item filters, paging. */
export const MaintenanceListQuery = z.strictObject({
  ...PageQuery,
  status: MaintenanceStatus.optional().describe('upcoming and active sort soonest first, past latest first'),
  itemId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('windows targeting this item or one of its checks'),
});
export type MaintenanceListQuery = z.infer<typeof MaintenanceListQuery>;

export const MaintenanceWindowPage = pageOf(MaintenanceWindow);
export type MaintenanceWindowPage = z.infer<typeof MaintenanceWindowPage>;

/** A calendar range; at most 100 days. */
export const OccurrenceQuery = z
  .strictObject({
    from: z.coerce.number().int().describe('epoch ms, inclusive'),
    to: z.coerce.number().int().describe('epoch ms, exclusive; at most 100 days after from'),
    itemId: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => q.to > q.from, { message: 'must come after from', path: ['to'] })
  .refine((q) => q.to - q.from <= maxOccurrenceRangeMs, { message: 'at most 100 days', path: ['to'] });
export type OccurrenceQuery = z.infer<typeof OccurrenceQuery>;

/** An occurrence placed on the calendar, with its window. */
export const CalendarOccurrence = z.object({
  windowId: z.number().int(),
  title: z.string(),
  isRecurring: z.boolean(),
  startsAt: EpochMs,
  endsAt: EpochMs,
});
export type CalendarOccurrence = z.infer<typeof CalendarOccurrence>;

export const OccurrenceList = z.object({
  rows: z.array(CalendarOccurrence),
  isTruncated: z.boolean().describe('true when more than 2,000 occurrences fell in the range'),
});
export type OccurrenceList = z.infer<typeof OccurrenceList>;

const IsoInstant = z
  .string()
  .trim()
  .pipe(
    z.iso.datetime({ offset: true, message: 'an ISO 8601 time with its offset, e.g. 2026-12-01T22:00:00Z' }),
  )
  .transform((value) => new Date(value).toISOString());

/**
 * A maintenance window in a configuration file, named by its title, with targets by item and check
 * name and times in ISO 8601. The timezone defaults to Europe/Rome, the organisation's default.
 */
export const MaintenanceWindowSpec = z.strictObject({
  title: windowFields.title,
  description: z.string().max(10_000).default(''),
  startsAt: IsoInstant.describe('a one-off window: its start; a recurring one: no occurrence starts earlier'),
  durationMinutes: windowFields.durationMinutes,
  recurrence: Recurrence.nullable().default(null),
  timezone: Timezone.default('Europe/Rome'),
  repeatUntil: IsoInstant.nullable().default(null),
  notifyOwners: z.boolean().default(true),
  items: z.array(z.string().trim().min(1).max(200)).max(200).default([]).describe('item names'),
  checks: z.array(z.string().trim().min(1).max(200)).max(200).default([]).describe('check names'),
});
export type MaintenanceWindowSpec = z.infer<typeof MaintenanceWindowSpec>;
