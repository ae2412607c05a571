import { z } from 'zod';
import { EpochMs, PageQuery, pageOf } from './common';

/** What a comment, a watch or a personal notification can be about. */
export const commentEntityTypes = ['workItem', 'incident', 'item', 'request'] as const;
export const CommentEntityType = z.enum(commentEntityTypes);
export type CommentEntityType = z.infer<typeof CommentEntityType>;

/** Names one entity by type and id, in a query string. */
export const EntityRef = z.strictObject({
  entityType: CommentEntityType.describe('workItem, incident, item (an inventory item) or request'),
  entityId: z.coerce.number().int().positive().describe('the id of the entity'),
});
export type EntityRef = z.infer<typeof EntityRef>;

/** Markdown as written; stored as given and rendered sanitised by clients. */
export const CommentBody = z
  .string()
  .trim()
  .min(1, { message: 'write something' })
  .max(20_000, { message: 'at most 20,000 characters' })
  .describe(
    'Markdown; "@" followed by an email or a handle (the part of an email before "@") mentions a user',
  );

/** A new comment on an entity. */
export const NewComment = z.strictObject({
  entityType: CommentEntityType,
  entityId: z.number().int().positive(),
  body: CommentBody,
});
export type NewComment = z.infer<typeof NewComment>;

/** A new text for one's own comment. */
export const UpdateComment = z.strictObject({ body: CommentBody });
export type UpdateComment = z.infer<typeof UpdateComment>;

/** A person as other people see them in comments and mention suggestions. */
export const PersonRef = z.object({
  id: z.number().int(),
  name: z.string(),
  handle: z.string().describe('the part of the email before "@": @handle mentions them'),
});
export type PersonRef = z.infer<typeof PersonRef>;

/** One comment with its author and the people it mentions. */
export const Comment = z.object({
  id: z.number().int(),
  entityType: CommentEntityType,
  entityId: z.number().int(),
  body: z.string().describe('Markdown source'),
  author: PersonRef.nullable().describe('null when the account was deleted'),
  mentions: z.array(PersonRef),
  createdAt: EpochMs,
  editedAt: EpochMs.nullable().describe('set when the author changed the text'),
  canEdit: z.boolean().describe('the caller wrote it'),
  canDelete: z.boolean().describe('the caller wrote it, or is an admin'),
});
export type Comment = z.infer<typeof Comment>;

export const CommentListQuery = EntityRef.extend({ ...PageQuery });
export type CommentListQuery = z.infer<typeof CommentListQuery>;
export const CommentPage = pageOf(Comment);
export type CommentPage = z.infer<typeof CommentPage>;

/** People to suggest after "@". */
export const PeopleQuery = z.strictObject({
  query: z.string().trim().max(100).default('').describe('part of a name, email or handle'),
  entityType: CommentEntityType.optional().describe(
    'with entityId: the entity being written on; who may not read everything gets only its people',
  ),
  entityId: z.coerce.number().int().positive().optional().describe('with entityType: its id'),
});
export const PeopleList = z.object({ rows: z.array(PersonRef) });
export type PeopleList = z.infer<typeof PeopleList>;

/** Why someone watches an entity. */
export const watchReasons = ['explicit', 'commented', 'mentioned', 'assignee', 'reporter'] as const;
export const WatchReason = z.enum(watchReasons);
export type WatchReason = z.infer<typeof WatchReason>;

/** Whether the caller watches an entity, and how many do. */
export const WatchState = z.object({
  isWatching: z.boolean(),
  reason: WatchReason.nullable(),
  watcherCount: z.number().int(),
});
export type WatchState = z.infer<typeof WatchState>;

/** What a personal notification says happened. */
export const personalNotificationKinds = [
  'mention',
  'comment',
  'assignment',
  'dueSoon',
  'overdue',
  'stateChange',
] as const;
export const PersonalNotificationKind = z.enum(personalNotificationKinds);
export type PersonalNotificationKind = z.infer<typeof PersonalNotificationKind>;

/** One entry of a person's notification centre. */
export const PersonalNotification = z.object({
  id: z.number().int(),
  kind: PersonalNotificationKind,
  entityType: CommentEntityType,
  entityId: z.number().int(),
  title: z.string().describe("the entity's title when the fact happened"),
  body: z.string().describe('a plain-text snippet'),
  actor: PersonRef.nullable(),
  link: z.string().describe('path in the web client'),
  createdAt: EpochMs,
  readAt: EpochMs.nullable(),
});
export type PersonalNotification = z.infer<typeof PersonalNotification>;

export const PersonalNotificationQuery = z.strictObject({
  ...PageQuery,
  isUnread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: only unread ones'),
});
export type PersonalNotificationQuery = z.infer<typeof PersonalNotificationQuery>;
export const PersonalNotificationPage = pageOf(PersonalNotification);
export type PersonalNotificationPage = z.infer<typeof PersonalNotificationPage>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkedRead = z.object({ marked: z.number().int().describe('how many became read') });

/** One kind's delivery: in the notification centre, by email. */
export const KindPreference = z.strictObject({
  kind: PersonalNotificationKind,
  isInApp: z.boolean(),
  isEmail: z.boolean(),
});
export type KindPreference = z.infer<typeof KindPreference>;

/** A person's notification preferences: one entry per kind, and the daily digest. */
export const NotificationPreferences = z.strictObject({
  kinds: z.array(KindPreference).max(personalNotificationKinds.length),
  isDigestEnabled: z.boolean().describe('one email a day summarising the unread notifications'),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** How personal email leaves Regia (admins). */
export const CollaborationSettings = z.strictObject({
  emailChannelId: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('the email notification channel that carries personal email; null: no personal email'),
  digestHour: z
    .number()
    .int()
    .min(0)
    .max(23)
    .describe("hour of the day, in the organisation's timezone, when daily digests are sent"),
});
export type CollaborationSettings = z.infer<typeof CollaborationSettings>;

/** One field changed by an activity. */
export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  beforeLabel: z.string().optional().describe('the name of what `before` refers to (a user, a state)'),
  afterLabel: z.string().optional().describe('the name of what `after` refers to'),
});

/** One readable entry of an activity feed, from the audit log. */
export const ActivityEntry = z.object({
  id: z.number().int(),
  at: EpochMs,
  actorId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string().describe('e.g. incident.create, comment.create'),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.array(FieldChange).describe('fields whose value differs before and after'),
  entityTitle: z.string().nullable().describe("the entity's title in a team feed; null when gone"),
  entityLink: z.string().nullable().describe("the entity's page in the web client"),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const ActivityQuery = EntityRef.extend({ ...PageQuery });
export const TeamActivityQuery = z.strictObject({ ...PageQuery });
export const ActivityPage = pageOf(ActivityEntry);
export type ActivityPage = z.infer<typeof ActivityPage>;
