import type { ActivityEntry, ActivityPage, EntityRef } from '../../../shared/contracts/collaboration';
import type { AppContext } from '../../context';
import { inTextList } from '../../db/dialect';
import type { AuditRow } from '../../db/schema';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { Actor } from '../auth/actor';
import { labelEntities, labelReferences } from './activity-labels';
import { findReadableEntity, listCommentTargets } from './comment-targets';

// Fields every change touches, or that follow from another one shown (a state's category):
// listing them would bury what changed.
const noiseFields = new Set(['updatedAt', 'createdAt', 'editedAt', 'id', 'category', 'stateChangedAt']);

/** `stateName` beside `stateId`: the feed names the id itself (activity-labels.ts). */
function isNameOfAnId(field: string, fields: string[]): boolean {
  return field.endsWith('Name') && fields.includes(`${field.slice(0, -'Name'.length)}Id`);
}
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

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The top-level fields whose values differ between before and after. Services audit an update
 * either as two whole snapshots or as the whole row before and only the fields written after, so
 * an update compares the fields `after` holds. A create lists the fields it set to something.
 */
export function changedFields(before: unknown, after: unknown): ActivityEntry['changes'] {
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const isUpdate = isRecord(before) && isRecord(after);
  const fields = (
    isUpdate ? Object.keys(right) : [...new Set([...Object.keys(left), ...Object.keys(right)])]
  ).filter((field) => !noiseFields.has(field));
  return fields
    .filter((field) => !isNameOfAnId(field, fields))
    .map((field) => ({ field, before: left[field] ?? null, after: right[field] ?? null }))
    .filter((change) => !(isEmpty(change.before) && isEmpty(change.after)))
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
    entityTitle: null,
    entityLink: null,
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
  const entries = await labelReferences(ctx.db, rows.map(toEntry));
  return { rows: entries, total: Number(count.n), page: query.page, pageSize: query.pageSize };
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
  if (!team) throw appError('not_found', phrase('notFound.byId.team', { id: teamId }));
  const owned: { type: string; ids: string[] }[] = [];
  for (const [type, target] of listCommentTargets()) {
    if (!target.listTeamEntityIds) continue;
    const ids = await target.listTeamEntityIds(ctx.db, teamId);
    // Reading rules may depend on the entity; a team's own entities share its team, so one probe tells.
    if (!target.canRead(actor, { id: 0, title: '', teamId, link: '' })) continue;
    if (ids.length > 0) owned.push({ type, ids: ids.map(String) });
  }
  if (owned.length === 0) return { rows: [], total: 0, page: query.page, pageSize: query.pageSize };
  const base = ctx.db
    .selectFrom('auditLog')
    .where((eb) =>
      eb.or(
        owned.map(({ type, ids }) =>
          eb.and([eb('entityType', '=', type), inTextList(ctx.dialect, 'entityId', ids)]),
        ),
      ),
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
  const entries = await labelEntities(ctx.db, actor.userId, await labelReferences(ctx.db, rows.map(toEntry)));
  return { rows: entries, total: Number(count.n), page: query.page, pageSize: query.pageSize };
}
