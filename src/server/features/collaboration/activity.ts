import type { ActivityEntry, ActivityPage, EntityRef } from '../../../shared/contracts/collaboration';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { AuditRow } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { findReadableEntity, listCommentTargets } from './comment-targets';

// Fields every change touches: listing them would bury what changed.
const noiseFields = new Set(['updatedAt', 'createdAt', 'editedAt', 'id']);
// The team feed looks at this many entities per type at most (one IN list per type).
const maxTeamEntities = 5000;

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level fields whose values differ between before and after (all of them on create or delete). */
export function changedFields(before: unknown, after: unknown): ActivityEntry['changes'] {
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter(
    (field) => !noiseFields.has(field),
  );
  // A field missing on one side is null there: a create lists only the fields it set.
  return fields
    .map((field) => ({ field, before: left[field] ?? null, after: right[field] ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

function toEntry(row: AuditRow): ActivityEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: changedFields(parse(row.before), parse(row.after)),
  };
}

/** What happened to one entity, newest first, for anyone who may read it. */
export async function listEntityActivity(
  ctx: AppContext,
  actor: Actor,
  query: EntityRef & { page: number; pageSize: number },
): Promise<ActivityPage> {
  await findReadableEntity(ctx.db, actor, query.entityType, query.entityId);
  const base = ctx.db
    .selectFrom('auditLog')
    .where('entityType', '=', query.entityType)
    .where('entityId', '=', String(query.entityId));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toEntry), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

/**
 * What happened to the entities a team owns (its items, incidents, work items — each type that
 * says how to list them), newest first; only the types the person may read.
 */
export async function listTeamActivity(
  ctx: AppContext,
  actor: Actor,
  teamId: number,
  query: { page: number; pageSize: number },
): Promise<ActivityPage> {
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('not_found', `No team with id ${teamId}`);
  const owned: { type: string; ids: string[] }[] = [];
  for (const [type, target] of listCommentTargets()) {
    if (!target.listTeamEntityIds) continue;
    const ids = (await target.listTeamEntityIds(ctx.db, teamId)).slice(0, maxTeamEntities);
    // Reading rules may depend on the entity; a team's own entities share its team, so one probe tells.
    if (!target.canRead(actor, { id: 0, title: '', teamId, link: '' })) continue;
    if (ids.length > 0) owned.push({ type, ids: ids.map(String) });
  }
  if (owned.length === 0) return { rows: [], total: 0, page: query.page, pageSize: query.pageSize };
  const base = ctx.db
    .selectFrom('auditLog')
    .where((eb) =>
      eb.or(owned.map(({ type, ids }) => eb.and([eb('entityType', '=', type), eb('entityId', 'in', ids)]))),
    );
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toEntry), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}
