import { z } from 'zod';
import { Role } from './auth';
import { NewCheck } from './checks';
import { Email } from './common';
import { NewItem, RelationKind } from './inventory';
import { MaintenanceWindowSpec } from './maintenance';
import { NotificationChannelSpec, NotificationRuleSpec } from './notifications';
import { StatusPageSpec } from './status-pages';
import { WorkflowSpec, WorkRecurrenceSpec } from './work-configuration';

// Configuration as code: the YAML that `regia apply` reads and `regia export` writes. Objects are named
// by natural keys (user email, team name, item name), never by database ids, so one file can be applied
// to any Regia. A named object is described by the file completely: an omitted field takes its default.
// Objects the file does not name are left alone: apply never deletes.

/** The version line every configuration file starts with. */
export const configurationApiVersion = 'regia/v1';

/** A user account; passwords never appear in configuration files. */
export const UserSpec = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: Role,
  disabled: z.boolean().default(false).describe('a disabled user cannot sign in'),
});
export type UserSpec = z.infer<typeof UserSpec>;

/** A member of a team, by email. */
export const TeamMemberSpec = z.strictObject({
  email: Email,
  lead: z.boolean().default(false).describe('the member leads the team'),
});
export type TeamMemberSpec = z.infer<typeof TeamMemberSpec>;

/** A team; members listed are added (or their lead flag set), members not listed are kept. */
export const TeamSpec = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
  members: z.array(TeamMemberSpec).max(1000).default([]),
});
export type TeamSpec = z.infer<typeof TeamSpec>;

/** An inventory item: every field of the inventory contract, with its owner team by name. */
export const ItemSpec = NewItem.omit({ ownerTeamId: true }).extend({
  owner: z.string().trim().min(1).max(100).nullable().default(null).describe('name of the owning team'),
});
export type ItemSpec = z.infer<typeof ItemSpec>;

/** A relation "source kind target" between two items, by name. */
export const RelationSpec = z.strictObject({
  source: z.string().trim().min(1).max(200),
  kind: RelationKind,
  target: z.string().trim().min(1).max(200),
});
export type RelationSpec = z.infer<typeof RelationSpec>;

const {
  itemId: _itemId,
  ownerTeamId: _ownerTeamId,
  intervalSeconds: checkInterval,
  ...checkFields
} = NewCheck.shape;

/**
 * A check, by name: every field of the checks contract, with its inventory item and owner team by name.
 * `intervalSeconds` defaults to 60, or to none when a `cron` schedule is given.
 *
 * Secrets: the values of `settings.headers` (HTTP checks) are secrets, stored encrypted. Export never
 * writes them: it writes `********`, and apply reads `********` as "keep the value stored for this
 * header". A header value may also name environment variables, `${NAME}` (letters, digits, `_`), which
 * apply replaces with their values when it runs, so a pipeline can supply secrets without writing them
 * in the file: `Authorization: "Bearer ${ERP_TOKEN}"`. `$${` writes a literal `${`. A variable that is
 * not set (or empty) is an error, reported before anything is written.
 */
export const CheckSpec = z
  .strictObject({
    name: checkFields.name,
    item: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .default(null)
      .describe('name of the inventory item the check watches'),
    owner: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .default(null)
      .describe("name of the owning team; the item's owner team when absent"),
    settings: checkFields.settings,
    intervalSeconds: checkInterval
      .unwrap()
      .optional()
      .describe('seconds between runs, 10 or more; 60 when absent, none with a cron schedule'),
    cron: checkFields.cron,
    timeoutMs: checkFields.timeoutMs,
    retries: checkFields.retries,
    degradedAboveMs: checkFields.degradedAboveMs,
    isPaused: checkFields.isPaused,
    locations: checkFields.locations,
    downQuorum: checkFields.downQuorum,
  })
  .transform(({ intervalSeconds, ...spec }) => ({
    ...spec,
    intervalSeconds: intervalSeconds === undefined ? (spec.cron === null ? 60 : null) : intervalSeconds,
  }))
  .refine((spec) => (spec.intervalSeconds === null) !== (spec.cron === null), {
    message: 'give either intervalSeconds or a cron schedule, not both',
    path: ['intervalSeconds'],
  });
export type CheckSpec = z.infer<typeof CheckSpec>;

/** A list section: absent, or an empty key (`teams:` with nothing under it), reads as an empty list. */
function section<T extends z.ZodType>(spec: T, max: number) {
  return z
    .array(spec)
    .max(max)
    .nullish()
    .transform((list) => list ?? []);
}

/** The whole document; later features add their sections (checks, KPIs, ...) here. */
export const ConfigurationDocument = z.strictObject({
  apiVersion: z.literal(configurationApiVersion),
  users: section(UserSpec, 10_000),
  teams: section(TeamSpec, 1_000),
  items: section(ItemSpec, 100_000),
  relations: section(RelationSpec, 500_000),
  checks: section(CheckSpec, 100_000),
  maintenanceWindows: section(MaintenanceWindowSpec, 10_000),
  statusPages: section(StatusPageSpec, 1_000),
  notificationChannels: section(NotificationChannelSpec, 1_000),
  notificationRules: section(NotificationRuleSpec, 1_000),
  workflows: section(WorkflowSpec, 1_000),
  workRecurrences: section(WorkRecurrenceSpec, 10_000),
});
export type ConfigurationDocument = z.infer<typeof ConfigurationDocument>;
export type ConfigurationDocumentInput = z.input<typeof ConfigurationDocument>;
