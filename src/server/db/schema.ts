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
export interface Database {
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
