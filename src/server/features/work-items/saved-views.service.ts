import type { z } from 'zod';
import {
  NewWorkView,
  type NewWorkViewInput,
  UpdateWorkView,
  type WorkView,
  WorkViewFilters,
  type WorkViewGrouping,
  WorkViewListQuery,
  type WorkViewPage,
  workItemSortFields,
} from '../../../shared/contracts/work-items';
import { isCrossTeam } from '../../../shared/domain/roles';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import {
  deleteWorkViewRow,
  findWorkViewRow,
  insertWorkViewRow,
  listWorkViewRows,
  updateWorkViewRow,
  type ViewVisibility,
  type WorkViewRow,
} from './saved-views.repository';
import { assertCanReadWork } from './work.policy';

/** The part of a view kept as JSON text. */
interface StoredQuery {
  filters: WorkViewFilters;
  sort: WorkView['sort'];
  direction: WorkView['direction'];
  groupBy: WorkViewGrouping;
}

/** Reads the stored JSON back through the contract; a damaged row shows as an unfiltered view. */
function storedQueryOf(text: string): StoredQuery {
  const fallback: StoredQuery = { filters: {}, sort: 'dueDate', direction: 'asc', groupBy: 'none' };
  try {
    const value = JSON.parse(text) as Partial<StoredQuery>;
    const filters = WorkViewFilters.safeParse(value.filters ?? {});
    return {
      filters: filters.success ? filters.data : {},
      sort: workItemSortFields.includes(value.sort as WorkView['sort'])
        ? (value.sort as WorkView['sort'])
        : 'dueDate',
      direction: value.direction === 'desc' ? 'desc' : 'asc',
      groupBy: (['none', 'state', 'assignee', 'priority'] as const).includes(
        value.groupBy as WorkViewGrouping,
      )
        ? (value.groupBy as WorkViewGrouping)
        : fallback.groupBy,
    };
  } catch {
    return fallback;
  }
}

function toWorkView(row: WorkViewRow, actor: Actor): WorkView {
  return {
    id: row.id,
    teamId: row.teamId,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    name: row.name,
    isShared: row.isShared === 1,
    ...storedQueryOf(row.query),
    canChange: row.ownerId === actor.userId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Everyone who reads every team (admins, managers, auditors) sees every team's shared views. */
function visibilityOf(actor: Actor): ViewVisibility {
  const seesAllTeams = isCrossTeam(actor.role) || actor.role === 'auditor';
  return { userId: actor.userId, sharedTeamIds: seesAllTeams ? null : actor.teamIds };
}

function isVisible(row: WorkViewRow, actor: Actor): boolean {
  if (row.ownerId === actor.userId) return true;
  const { sharedTeamIds } = visibilityOf(actor);
  return row.isShared === 1 && (sharedTeamIds === null || sharedTeamIds.includes(row.teamId));
}

/** A view the caller sees; another person's personal view is not found, as if it did not exist. */
async function findVisibleView(ctx: AppContext, actor: Actor, id: number): Promise<WorkViewRow> {
  const row = await findWorkViewRow(ctx.db, id);
  if (!row || !isVisible(row, actor)) throw notFound('savedView');
  return row;
}

/** Only a member of the team (or someone who acts on every team) shares a view with it. */
function assertCanShareWith(actor: Actor, teamId: number): void {
  if (isCrossTeam(actor.role) || actor.teamIds.includes(teamId)) return;
  throw appError('forbidden', phrase('work.viewShareForbidden'));
}

function assertOwner(row: WorkViewRow, actor: Actor): void {
  if (row.ownerId !== actor.userId) {
    throw appError('forbidden', phrase('work.viewOwnerOnly'));
  }
}

/** The views the caller sees: their own and the ones shared with their teams. */
export async function listWorkViews(
  ctx: AppContext,
  actor: Actor,
  query: z.input<typeof WorkViewListQuery> = {},
): Promise<WorkViewPage> {
  assertCanReadWork(actor);
  const { page, pageSize, teamId } = parseInput(WorkViewListQuery, query, 'querystring');
  const { rows, total } = await listWorkViewRows(ctx.db, visibilityOf(actor), teamId, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { rows: rows.map((row) => toWorkView(row, actor)), total, page, pageSize };
}

/** Saves a view of a team's list for its owner, shared with the team when asked. */
export async function createWorkView(
  ctx: AppContext,
  actor: Actor,
  input: NewWorkViewInput,
): Promise<WorkView> {
  assertCanReadWork(actor);
  const { teamId, name, isShared, ...query } = parseInput(NewWorkView, input, 'body');
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team');
  if (isShared) assertCanShareWith(actor, teamId);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const viewId = await insertWorkViewRow(trx, {
      teamId,
      ownerId: actor.userId,
      name,
      isShared: isShared ? 1 : 0,
      query: JSON.stringify(query),
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(ctx, trx, actor, {
      action: 'workView.create',
      entityType: 'workView',
      entityId: viewId,
      after: { teamId, name, isShared, ...query },
    });
    return viewId;
  });
  return toWorkView(await findVisibleView(ctx, actor, id), actor);
}

/** Changes a view; only its owner may. */
export async function updateWorkView(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.input<typeof UpdateWorkView>,
): Promise<WorkView> {
  const change = parseInput(UpdateWorkView, input, 'body');
  const row = await findVisibleView(ctx, actor, id);
  assertOwner(row, actor);
  if (change.isShared) assertCanShareWith(actor, row.teamId);
  const before = toWorkView(row, actor);
  const { name, isShared, ...queryChange } = change;
  const query: StoredQuery = { ...storedQueryOf(row.query), ...queryChange };
  await ctx.db.transaction().execute(async (trx) => {
    await updateWorkViewRow(trx, id, {
      ...(name !== undefined ? { name } : {}),
      ...(isShared !== undefined ? { isShared: isShared ? 1 : 0 } : {}),
      query: JSON.stringify(query),
      updatedAt: ctx.now(),
    });
    await recordChange(ctx, trx, actor, {
      action: 'workView.update',
      entityType: 'workView',
      entityId: id,
      before: { name: before.name, isShared: before.isShared, ...storedQueryOf(row.query) },
      after: change,
    });
  });
  return toWorkView(await findVisibleView(ctx, actor, id), actor);
}

/** Deletes a view; only its owner may. */
export async function deleteWorkView(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await findVisibleView(ctx, actor, id);
  assertOwner(row, actor);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteWorkViewRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'workView.delete',
      entityType: 'workView',
      entityId: id,
      before: {
        teamId: row.teamId,
        name: row.name,
        isShared: row.isShared === 1,
        ...storedQueryOf(row.query),
      },
    });
  });
}
