import { z } from 'zod';
import { Role } from './auth';
import { Email } from './common';
import { NewItem, RelationKind } from './inventory';

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
});
export type ConfigurationDocument = z.infer<typeof ConfigurationDocument>;
export type ConfigurationDocumentInput = z.input<typeof ConfigurationDocument>;
