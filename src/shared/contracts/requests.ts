import { z } from 'zod';
import { CommentEntityType } from './collaboration';
import { EpochMs, PageQuery, pageOf } from './common';
import { WorkItemPriority } from './work-items';

/** A request for something new, or a problem with something that exists. */
export const requestKinds = ['request', 'problem'] as const;
export const RequestKind = z.enum(requestKinds);
export type RequestKind = z.infer<typeof RequestKind>;

/**
 * Where a request stands: waiting in triage, accepted (a work item), merged into another, declined,
 * or resolved (its work item reached a done state).
 */
export const requestStatuses = ['triage', 'accepted', 'merged', 'declined', 'resolved'] as const;
export const RequestStatus = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** A request or problem as submitted through the short form. */
export const NewRequest = z.strictObject({
  kind: RequestKind.default('request'),
  title: z.string().trim().min(1, { message: 'required' }).max(300).describe('what is needed or broken'),
  details: z.string().max(20_000).default('').describe('why, and the details: Markdown'),
  priority: WorkItemPriority.default(3).describe('how urgent: 1 urgent, 2 high, 3 medium, 4 low'),
  itemId: z.number().int().positive().nullable().default(null).describe('the system from the inventory'),
  teamId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('the team to ask; null: the owner team of the system'),
});
export type NewRequest = z.infer<typeof NewRequest>;
export type NewRequestInput = z.input<typeof NewRequest>;

/** One request as listed. */
export const RequestSummary = z.object({
  id: z.number().int(),
  kind: RequestKind,
  title: z.string(),
  priority: z.number().int(),
  status: RequestStatus,
  teamId: z.number().int(),
  teamName: z.string(),
  itemId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  requesterId: z.number().int().nullable(),
  requesterName: z.string().nullable(),
  workItemId: z.number().int().nullable().describe('the work item it became or was merged into'),
  mergedIntoRequestId: z.number().int().nullable(),
  declineReason: z.string().nullable(),
  submittedAt: EpochMs,
  firstResponseAt: EpochMs.nullable().describe('first comment or triage step by someone else'),
  acceptedAt: EpochMs.nullable(),
  declinedAt: EpochMs.nullable(),
  mergedAt: EpochMs.nullable(),
  resolvedAt: EpochMs.nullable().describe('its work item reached a done state'),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

/** One step of a request's status history. */
export const RequestEvent = z.object({
  status: RequestStatus.or(z.literal('submitted')),
  note: z.string(),
  actorName: z.string().nullable(),
  at: EpochMs,
});
export type RequestEvent = z.infer<typeof RequestEvent>;

/** A request with its details, history and where its comment thread lives. */
export const RequestDetail = RequestSummary.extend({
  details: z.string(),
  history: z.array(RequestEvent),
  thread: z
    .object({ entityType: CommentEntityType, entityId: z.number().int() })
    .describe('the request itself while in triage; its work item once accepted'),
  canTriage: z.boolean().describe('whether the caller may accept, merge or decline it'),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/** mine: the caller's own and followed requests; triage: waiting ones; all: every one (readers). */
export const RequestScope = z.enum(['mine', 'triage', 'all']);

export const RequestListQuery = z.strictObject({
  ...PageQuery,
  scope: RequestScope.default('mine'),
  teamId: z.coerce.number().int().positive().optional(),
  status: RequestStatus.optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;
export const RequestPage = pageOf(RequestSummary);
export type RequestPage = z.infer<typeof RequestPage>;

/** Accepting: optionally straight into someone's hands. */
export const AcceptRequest = z.strictObject({
  assigneeId: z.number().int().positive().nullable().default(null),
});
export type AcceptRequest = z.infer<typeof AcceptRequest>;

/** Merging into another request or into a work item. */
export const MergeRequest = z.strictObject({
  targetType: z.enum(['request', 'workItem']),
  targetId: z.number().int().positive(),
});
export type MergeRequest = z.infer<typeof MergeRequest>;

/** Searching for what to merge a request into: text in the title, or a number (with or without #). */
export const MergeTargetQuery = z.strictObject({
  q: z.string().trim().max(200).default('').describe('words of the title, or #number'),
});
export type MergeTargetQuery = z.infer<typeof MergeTargetQuery>;

/** A request still in triage or an open work item a request may be merged into. */
export const MergeTarget = z.object({
  targetType: MergeRequest.shape.targetType,
  targetId: z.number().int(),
  title: z.string(),
  state: z.string().describe("a request's status, or the name of a work item's workflow state"),
  teamName: z.string(),
});
export type MergeTarget = z.infer<typeof MergeTarget>;
export const MergeTargetList = z.object({ rows: z.array(MergeTarget) });
export type MergeTargetList = z.infer<typeof MergeTargetList>;

/** Declining, with the reason the requester will read. */
export const DeclineRequest = z.strictObject({
  reason: z.string().trim().min(1, { message: 'required' }).max(2000),
});
export type DeclineRequest = z.infer<typeof DeclineRequest>;

/** Teams and systems to choose from in the form (names only: requesters cannot read the inventory). */
export const RequestChoicesQuery = z.strictObject({
  q: z.string().trim().max(100).default('').describe('part of a system name'),
});
export const RequestChoices = z.object({
  teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
  systems: z.array(
    z.object({ id: z.number().int(), name: z.string(), ownerTeamId: z.number().int().nullable() }),
  ),
});
export type RequestChoices = z.infer<typeof RequestChoices>;

/** The period (submitted in [from, to)) and optionally the team. */
export const RequestFiguresQuery = z.strictObject({
  teamId: z.coerce.number().int().positive().optional(),
  from: z.coerce.number().int().min(0).describe('epoch ms, inclusive'),
  to: z.coerce.number().int().min(0).describe('epoch ms, exclusive'),
});
export type RequestFiguresQuery = z.infer<typeof RequestFiguresQuery>;

/** Count, median and 90th percentile (nearest rank) of durations in milliseconds. */
export const DurationFigures = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationFigures = z.infer<typeof DurationFigures>;

/** Request figures for the KPI feature. */
export const RequestFigures = z.object({
  teamId: z.number().int().nullable(),
  from: EpochMs,
  to: EpochMs,
  submitted: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  merged: z.number().int(),
  open: z.number().int().describe('still in triage'),
  resolved: z.number().int(),
  responseTime: DurationFigures.describe('submitted → first response'),
  resolutionTime: DurationFigures.describe('submitted → resolved'),
});
export type RequestFigures = z.infer<typeof RequestFigures>;
