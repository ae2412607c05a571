import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Portable column types only (see docs/ARCHITECTURE.md): times are epoch milliseconds, money is integer
// cents with a currency code, JSON is text, calendar dates are ISO 'YYYY-MM-DD' text, booleans are 0/1.

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  passwordHash: string;
  role: string;
  isDisabled: number;
  locale: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SessionsTable {
  /** sha-256 of the cookie value: a stolen database does not yield live sessions */
  id: string;
  userId: number;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: string;
  createdAt: number;
  updatedAt: number;
}

export interface TeamMembersTable {
  teamId: number;
  userId: number;
  isLead: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ItemsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  description: string;
  ownerTeamId: number | null;
  criticality: number;
  environment: string;
  location: string;
  vendor: string;
  acquiredOn: string | null;
  warrantyEnd: string | null;
  endOfSupport: string | null;
  purchaseCostCents: number | null;
  annualCostCents: number | null;
  currency: string;
  attributes: string;
  createdAt: number;
  updatedAt: number;
}

export interface ItemTagsTable {
  itemId: number;
  tag: string;
}

export interface RelationsTable {
  id: Generated<number>;
  sourceItemId: number;
  targetItemId: number;
  kind: string;
  createdAt: number;
}

/** Every table Regia stores, by name. */
export interface Database
  extends ChecksDatabase,
    ProceduresDatabase,
    IncidentsDatabase,
    WorkItemsDatabase,
    CollaborationDatabase,
    SavedViewsDatabase,
    RequestsDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  items: ItemsTable;
  itemTags: ItemTagsTable;
  relations: RelationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
export type ItemUpdate = Updateable<ItemsTable>;
export type RelationRow = Selectable<RelationsTable>;
export type AuditRow = Selectable<AuditLogTable>;

export interface ChecksTable {
  id: Generated<number>;
  name: string;
  kind: string;
  itemId: number | null;
  ownerTeamId: number | null;
  settings: string;
  intervalSeconds: number | null;
  cron: string | null;
  timeoutMs: number;
  retries: number;
  degradedAboveMs: number | null;
  isPaused: number;
  locations: string;
  downQuorum: number;
  pushTokenHash: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CheckStatesTable {
  checkId: number;
  state: string;
  changedAt: number;
  lastResultAt: number | null;
  lastStatus: string | null;
  lastMessage: string | null;
  lastLatencyMs: number | null;
  nextRunAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface CheckLocationStatesTable {
  checkId: number;
  location: string;
  state: string;
  consecutiveFailures: number;
  lastResultAt: number;
}

export interface CheckResultsTable {
  id: Generated<number>;
  checkId: number;
  location: string;
  plannedAt: number;
  startedAt: number;
  status: string;
  latencyMs: number;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  message: string;
  details: string;
  /** 1 when taken inside a maintenance window (migration 0004) */
  inMaintenance: Generated<number>;
}

export interface CheckRollupsTable {
  checkId: number;
  resolution: string;
  bucketStart: number;
  upCount: number;
  degradedCount: number;
  downCount: number;
  latencyMin: number | null;
  latencyMax: number | null;
  latencySum: number;
  histogram: string;
  /** the part of the counts above taken inside maintenance windows (migration 0004) */
  maintenanceUpCount: Generated<number>;
  maintenanceDegradedCount: Generated<number>;
  maintenanceDownCount: Generated<number>;
}

export interface CheckEventsTable {
  id: Generated<number>;
  checkId: number;
  at: number;
  fromState: string;
  toState: string;
  message: string;
  resultId: number | null;
}

export interface RunnersTable {
  id: Generated<number>;
  name: string;
  location: string;
  tokenHash: string;
  lastSeenAt: number | null;
  createdAt: number;
}

/** Tables of the checks feature (migration 0002). */
export interface ChecksDatabase {
  checks: ChecksTable;
  checkStates: CheckStatesTable;
  checkLocationStates: CheckLocationStatesTable;
  checkResults: CheckResultsTable;
  checkRollups: CheckRollupsTable;
  checkEvents: CheckEventsTable;
  runners: RunnersTable;
}

export interface ProcedureTestsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  description: string;
  itemId: number | null;
  ownerTeamId: number | null;
  schedule: string;
  graceDays: number;
  /** JSON array of the steps' texts */
  checklist: string;
  state: string;
  stateChangedAt: number;
  stateMessage: string;
  dueAt: number | null;
  graceEndsAt: number | null;
  isMissed: Generated<number>;
  lastRunId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProcedureRunsTable {
  id: Generated<number>;
  procedureTestId: number;
  outcome: string;
  /** ISO date, the day the test was performed */
  effectiveDate: string;
  notes: string;
  /** JSON array of { step, result, note } */
  checklist: string;
  recordedById: number | null;
  recordedByLabel: string;
  recordedAt: number;
}

export interface ProcedureAttachmentsTable {
  id: Generated<number>;
  runId: number;
  filename: string;
  storedName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: number | null;
  uploadedByLabel: string;
  createdAt: number;
}

export interface ProcedureEventsTable {
  id: Generated<number>;
  procedureTestId: number;
  at: number;
  fromState: string;
  toState: string;
  message: string;
  runId: number | null;
}

/** Tables of the procedure tests feature (migration 0003). */
export interface ProceduresDatabase {
  procedureTests: ProcedureTestsTable;
  procedureRuns: ProcedureRunsTable;
  procedureAttachments: ProcedureAttachmentsTable;
  procedureEvents: ProcedureEventsTable;
}

export interface IncidentsTable {
  id: Generated<number>;
  title: string;
  description: string;
  publicSummary: string;
  itemId: number | null;
  teamId: number | null;
  severity: number;
  origin: string;
  state: string;
  autoResolve: number;
  assigneeId: number | null;
  parentIncidentId: number | null;
  detectedAt: number;
  acknowledgedAt: number | null;
  restoredAt: number | null;
  resolvedAt: number | null;
  reopenCount: Generated<number>;
  reviewCause: string | null;
  reviewActions: string | null;
  reviewedAt: number | null;
  reviewedById: number | null;
  createdById: number | null;
  updatedAt: number;
}

export interface IncidentChecksTable {
  incidentId: number;
  checkId: number;
  failingSince: number;
  recoveredAt: number | null;
}

export interface IncidentProceduresTable {
  incidentId: number;
  procedureTestId: number;
  failingSince: number;
  recoveredAt: number | null;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incidentId: number;
  at: number;
  kind: string;
  actorId: number | null;
  actorLabel: string;
  body: string;
  details: Generated<string>;
}

export interface MaintenanceWindowsTable {
  id: Generated<number>;
  title: string;
  description: string;
  startsAt: number;
  durationMinutes: number;
  recurrence: string | null;
  timezone: string;
  repeatUntil: number | null;
  notifyOwners: number;
  announcedOccurrenceAt: number | null;
  createdById: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface MaintenanceTargetsTable {
  windowId: number;
  itemId: number | null;
  checkId: number | null;
}

export interface NotificationChannelsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  settings: string;
  language: string;
  isEnabled: number;
  createdAt: number;
  updatedAt: number;
}

export interface NotificationRulesTable {
  id: Generated<number>;
  name: string;
  events: string;
  teamIds: string;
  channelIds: string;
  maxSeverity: number;
  isEnabled: number;
  createdAt: number;
  updatedAt: number;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  channelId: number;
  eventKind: string;
  idempotencyKey: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface NotificationAttemptsTable {
  id: Generated<number>;
  outboxId: number;
  at: number;
  isSuccess: number;
  statusCode: number | null;
  message: string;
  durationMs: number;
}

export interface StatusPagesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string;
  language: string;
  isPublished: number;
  createdAt: number;
  updatedAt: number;
}

export interface StatusPageServicesTable {
  pageId: number;
  itemId: number;
  displayName: string;
  position: number;
}

/** Tables of incidents, maintenance, notifications and status pages (migration 0004). */
export interface IncidentsDatabase {
  incidents: IncidentsTable;
  incidentChecks: IncidentChecksTable;
  incidentProcedures: IncidentProceduresTable;
  incidentEvents: IncidentEventsTable;
  maintenanceWindows: MaintenanceWindowsTable;
  maintenanceTargets: MaintenanceTargetsTable;
  notificationChannels: NotificationChannelsTable;
  notificationRules: NotificationRulesTable;
  notificationOutbox: NotificationOutboxTable;
  notificationAttempts: NotificationAttemptsTable;
  statusPages: StatusPagesTable;
  statusPageServices: StatusPageServicesTable;
}

export interface WorkflowStatesTable {
  id: Generated<number>;
  teamId: number;
  name: string;
  category: string;
  position: number;
  wipLimit: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkRecurrencesTable {
  id: Generated<number>;
  teamId: number;
  name: string;
  schedule: string;
  timezone: string;
  title: string;
  description: string;
  type: string;
  priority: number;
  assigneeId: number | null;
  leadDays: number;
  isEnabled: number;
  lastOccurrenceAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkItemsTable {
  id: Generated<number>;
  teamId: number;
  stateId: number;
  category: string;
  type: string;
  title: string;
  description: string;
  priority: number;
  assigneeId: number | null;
  reporterId: number | null;
  parentId: number | null;
  startDate: string | null;
  dueDate: string | null;
  estimateMinutes: number | null;
  spentMinutes: number;
  startedAt: number | null;
  completedAt: number | null;
  stateChangedAt: number;
  overdueNoticeFor: string | null;
  dueSoonNoticeFor: string | null;
  recurrenceId: number | null;
  occurrenceAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkItemLabelsTable {
  workItemId: number;
  label: string;
}

export interface WorkItemDependenciesTable {
  blockerId: number;
  blockedId: number;
  createdAt: number;
}

export interface WorkItemLinksTable {
  workItemId: number;
  targetType: string;
  targetId: number;
}

/** Tables of workflows and work items (migration 0005). */
export interface WorkItemsDatabase {
  workflowStates: WorkflowStatesTable;
  workRecurrences: WorkRecurrencesTable;
  workItems: WorkItemsTable;
  workItemLabels: WorkItemLabelsTable;
  workItemDependencies: WorkItemDependenciesTable;
  workItemLinks: WorkItemLinksTable;
}

export interface CommentsTable {
  id: Generated<number>;
  entityType: string;
  entityId: number;
  authorId: number | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
}

export interface CommentMentionsTable {
  commentId: number;
  userId: number;
}

export interface WatchersTable {
  userId: number;
  entityType: string;
  entityId: number;
  reason: string;
  createdAt: number;
}

export interface PersonalNotificationsTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  entityType: string;
  entityId: number;
  title: string;
  body: string;
  link: string;
  actorId: number | null;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationPreferencesTable {
  userId: number;
  kind: string;
  isInApp: number;
  isEmail: number;
}

export interface DigestSubscriptionsTable {
  userId: number;
  createdAt: number;
}

export interface DigestDeliveriesTable {
  userId: number;
  day: string;
  notificationCount: number;
  queuedAt: number;
}

/** Tables of comments, watchers and personal notifications (migration 0006). */
export interface CollaborationDatabase {
  comments: CommentsTable;
  commentMentions: CommentMentionsTable;
  watchers: WatchersTable;
  personalNotifications: PersonalNotificationsTable;
  notificationPreferences: NotificationPreferencesTable;
  digestSubscriptions: DigestSubscriptionsTable;
  digestDeliveries: DigestDeliveriesTable;
}

/** A saved view of the work item list; `query` is the JSON of its filters, sort and grouping. */
export interface WorkViewsTable {
  id: Generated<number>;
  teamId: number;
  ownerId: number | null;
  name: string;
  isShared: number;
  query: string;
  createdAt: number;
  updatedAt: number;
}

export interface SavedViewsDatabase {
  workViews: WorkViewsTable;
}

export interface RequestsTable {
  id: Generated<number>;
  teamId: number;
  kind: string;
  title: string;
  details: string;
  priority: number;
  itemId: number | null;
  requesterId: number | null;
  status: string;
  workItemId: number | null;
  mergedIntoRequestId: number | null;
  declineReason: string | null;
  submittedAt: number;
  firstResponseAt: number | null;
  acceptedAt: number | null;
  declinedAt: number | null;
  mergedAt: number | null;
  updatedAt: number;
}

export interface RequestFollowersTable {
  requestId: number;
  userId: number;
  createdAt: number;
}

export interface RequestEventsTable {
  id: Generated<number>;
  requestId: number;
  status: string;
  actorId: number | null;
  note: string;
  at: number;
}

/** Tables of requests and problems from colleagues (migration 0007). */
export interface RequestsDatabase {
  requests: RequestsTable;
  requestFollowers: RequestFollowersTable;
  requestEvents: RequestEventsTable;
}
