import { z } from 'zod';
import { EpochMs, PageQuery, pageOf } from './common';
import { ItemKind } from './inventory';

/**
 * Where an incident stands, read from its moments: open (detected), acknowledged (a person took it),
 * restored (the system answers again, awaiting a person to close it), resolved (closed).
 */
export const incidentStates = ['open', 'acknowledged', 'restored', 'resolved'] as const;
export const IncidentState = z.enum(incidentStates);
export type IncidentState = z.infer<typeof IncidentState>;

/** How an incident began: a check going down, a procedure test failing, or a person. */
export const incidentOrigins = ['check', 'procedure', 'manual'] as const;
export const IncidentOrigin = z.enum(incidentOrigins);
export type IncidentOrigin = z.infer<typeof IncidentOrigin>;

/** The kinds of timeline events; automatic ones are written by Regia, the others by a person. */
export const incidentEventKinds = [
  'detected',
  'created',
  'checkDown',
  'checkUp',
  'procedureDown',
  'procedureUp',
  'grouped',
  'childGrouped',
  'ungrouped',
  'restored',
  'resolved',
  'reopened',
  'acknowledged',
  'assigned',
  'comment',
  'severity',
  'publicSummary',
  'autoResolve',
  'edited',
  'review',
] as const;
export const IncidentEventKind = z.enum(incidentEventKinds);
export type IncidentEventKind = z.infer<typeof IncidentEventKind>;

/** 1 = most severe, 4 = least, as an item's criticality. */
export const Severity = z.number().int().min(1).max(4).describe('1 = most severe .. 4 = least');

const Title = z.string().trim().min(1, { message: 'required' }).max(300);
const LongText = z.string().max(20_000);

/** One incident as listed. */
export const IncidentSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  itemId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  severity: z.number().int(),
  origin: IncidentOrigin,
  state: IncidentState,
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  parentIncidentId: z
    .number()
    .int()
    .nullable()
    .describe('the incident further along the dependency chain this one is grouped under'),
  detectedAt: EpochMs,
  acknowledgedAt: EpochMs.nullable(),
  restoredAt: EpochMs.nullable().describe('the system answers again'),
  resolvedAt: EpochMs.nullable().describe('the incident was closed'),
  reopenCount: z.number().int(),
  updatedAt: EpochMs,
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/** A check an incident gathers, with its current state. */
export const IncidentCheck = z.object({
  checkId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  state: z.string().describe('the check state now: up, degraded, down or unknown'),
  message: z.string().describe('the last result message'),
  failingSince: EpochMs,
  recoveredAt: EpochMs.nullable(),
});
export type IncidentCheck = z.infer<typeof IncidentCheck>;

/** A procedure test an incident gathers. */
export const IncidentProcedure = z.object({
  procedureTestId: z.number().int(),
  name: z.string(),
  state: z.string(),
  failingSince: EpochMs,
  recoveredAt: EpochMs.nullable(),
});
export type IncidentProcedure = z.infer<typeof IncidentProcedure>;

/** One entry of the timeline; `body` is plain text, shown as text. */
export const IncidentEvent = z.object({
  id: z.number().int(),
  at: EpochMs,
  kind: IncidentEventKind,
  actorId: z.number().int().nullable().describe('null for Regia itself'),
  actorLabel: z.string(),
  body: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

/** Intervals between the moments, in milliseconds; null until the later moment exists. */
export const IncidentDurations = z.object({
  toAcknowledgeMs: z.number().int().nullable().describe('detected → acknowledged'),
  toRestoreMs: z.number().int().nullable().describe('detected → restored (the system answers again)'),
  toResolveMs: z.number().int().nullable().describe('detected → resolved (the incident closed)'),
});
export type IncidentDurations = z.infer<typeof IncidentDurations>;

/** An incident with everything the detail page shows. */
export const IncidentDetail = IncidentSummary.extend({
  description: z.string(),
  publicSummary: z.string().describe('what status pages show; empty for a neutral "service disruption"'),
  autoResolve: z.boolean().describe('resolve by itself once every gathered check is up again'),
  createdById: z.number().int().nullable(),
  reviewCause: z.string().nullable(),
  reviewActions: z.string().nullable(),
  reviewedAt: EpochMs.nullable(),
  reviewedById: z.number().int().nullable(),
  reviewedByName: z.string().nullable(),
  durations: IncidentDurations,
  parent: z.object({ id: z.number().int(), title: z.string(), state: IncidentState }).nullable(),
  children: z.array(IncidentSummary).describe('incidents grouped under this one'),
  checks: z.array(IncidentCheck),
  procedures: z.array(IncidentProcedure),
  impacted: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kind: ItemKind,
        criticality: z.number().int(),
        depth: z.number().int().describe('1 = depends directly on the item'),
      }),
    )
    .describe('the items that depend on the incident item, transitively'),
  events: z.array(IncidentEvent).describe('the timeline, oldest first'),
  canChange: z.boolean().describe('whether the caller may act on this incident'),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const incidentSortFields = ['detectedAt', 'severity', 'updatedAt'] as const;

// A query string says "true" or "false"; services called directly may pass the boolean.
const BooleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
  .optional();

/** List query: filters from an allow-list, sorting and paging. */
export const IncidentListQuery = z.strictObject({
  ...PageQuery,
  state: IncidentState.optional(),
  isOpen: BooleanQuery.describe('true: not resolved yet; false: resolved'),
  severity: z.coerce.number().int().min(1).max(4).optional(),
  teamId: z.coerce.number().int().positive().optional(),
  itemId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional().describe('text in the title or description'),
  sort: z.enum(incidentSortFields).default('detectedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentPage = pageOf(IncidentSummary);
export type IncidentPage = z.infer<typeof IncidentPage>;

/** A manual incident: on an item (its team and criticality by default) or on none. */
export const NewIncident = z.strictObject({
  title: Title,
  description: LongText.default(''),
  itemId: z.number().int().positive().nullable().default(null).describe('the item concerned, if any'),
  teamId: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe("the team that handles it; by default the item's owner team"),
  severity: Severity.optional().describe("by default the item's criticality, or 3"),
  publicSummary: z.string().max(2000).default(''),
});
export type NewIncident = z.infer<typeof NewIncident>;
export type NewIncidentInput = z.input<typeof NewIncident>;

/** A partial change of the incident's own fields; each changed field gets a timeline entry. */
export const UpdateIncident = z.strictObject({
  title: Title.optional(),
  description: LongText.optional(),
  severity: Severity.optional(),
  publicSummary: z.string().max(2000).optional().describe('what status pages show'),
  autoResolve: z.boolean().optional(),
});
export type UpdateIncident = z.infer<typeof UpdateIncident>;

/** Hands the incident to a person, or to nobody (null). */
export const AssignIncident = z.strictObject({
  assigneeId: z.number().int().positive().nullable().describe('a user id, or null to unassign'),
});
export type AssignIncident = z.infer<typeof AssignIncident>;

/** A comment on the timeline, plain text. */
export const NewIncidentComment = z.strictObject({
  body: z.string().trim().min(1, { message: 'required' }).max(10_000),
});
export type NewIncidentComment = z.infer<typeof NewIncidentComment>;

/** Resolving or reopening by hand, with an optional note for the timeline. */
export const IncidentTransition = z.strictObject({
  note: z.string().trim().max(2000).default(''),
});
export type IncidentTransition = z.infer<typeof IncidentTransition>;

/** The post-incident review: what caused it and what will be done. */
export const IncidentReview = z.strictObject({
  cause: z.string().trim().min(1, { message: 'required' }).max(20_000),
  actions: z.string().trim().max(20_000).default(''),
});
export type IncidentReview = z.infer<typeof IncidentReview>;

/** How automatic incidents behave; admins change it. */
export const IncidentSettings = z.strictObject({
  autoResolve: z
    .boolean()
    .describe('automatic incidents resolve by themselves once every gathered check is up again'),
});
export type IncidentSettings = z.infer<typeof IncidentSettings>;
