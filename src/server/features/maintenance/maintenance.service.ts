import type { z } from 'zod';
import {
  type CalendarOccurrence,
  type MaintenanceListQuery,
  MaintenanceListQuery as MaintenanceListQuerySchema,
  type MaintenanceWindow,
  type MaintenanceWindowPage,
  NewMaintenanceWindow,
  type NewMaintenanceWindowInput,
  type OccurrenceList,
  OccurrenceQuery,
  UpdateMaintenanceWindow,
} from '../../../shared/contracts/maintenance';
import { statusAt, WindowOccurrences } from '../../../shared/domain/maintenance-occurrences';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { assertCanPlanOn, assertCanReadMaintenance, type MaintenanceActor } from './maintenance.policy';
import {
  deleteWindowRow,
  findChecksByIds,
  findItemsByIds,
  findWindowRow,
  insertWindowRow,
  listTargetsOf,
  listWindowIdsTargetingItem,
  listWindowRows,
  replaceTargetRows,
  updateWindowRow,
  type WindowRow,
  type WindowTargets,
} from './maintenance.repository';
import { announceNextOccurrence } from './maintenance-announcements';
import { reloadCalendar } from './maintenance-calendar';

const maxCalendarOccurrences = 2000;

/** The API shape of a stored window, with where it stands at `now`. */
export function toMaintenanceWindow(row: WindowRow, targets: WindowTargets, now: number): MaintenanceWindow {
  const occurrences = new WindowOccurrences(row);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    recurrence: row.recurrence,
    timezone: row.timezone,
    repeatUntil: row.repeatUntil,
    notifyOwners: Boolean(row.notifyOwners),
    items: targets.items.map(({ id, name }) => ({ id, name })),
    checks: targets.checks.map(({ id, name }) => ({ id, name })),
    status: statusAt(occurrences, now),
    current: occurrences.currentOrNext(now),
    announcedOccurrenceAt: row.announcedOccurrenceAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function loadWindow(ctx: AppContext, db: Db, id: number) {
  const row = await findWindowRow(db, id);
  if (!row) throw notFound('maintenanceWindow');
  const targets = (await listTargetsOf(db, [id])).get(id) ?? { items: [], checks: [] };
  return { row, targets, window: toMaintenanceWindow(row, targets, ctx.now()) };
}

/** The targets a window would have, read from the database; unknown ids are field errors. */
async function resolveTargets(db: Db, itemIds: readonly number[], checkIds: readonly number[]) {
  const [items, checks] = await Promise.all([findItemsByIds(db, itemIds), findChecksByIds(db, checkIds)]);
  const issues = [
    ...itemIds
      .filter((id) => !items.some((item) => item.id === id))
      .map((id) => ({ path: 'body.itemIds', message: phrase('issue.noItemWithId', { id }) })),
    ...checkIds
      .filter((id) => !checks.some((check) => check.id === id))
      .map((id) => ({ path: 'body.checkIds', message: phrase('issue.noCheckWithId', { id }) })),
  ];
  if (issues.length > 0) throw appError('validation_failed', phrase('maintenance.targetMissing'), issues);
  return { items, checks };
}

/** Refuses a schedule whose every occurrence is over before it is saved: nothing would ever happen. */
function assertHasFuture(window: NewMaintenanceWindow & { timezone: string }, now: number): void {
  const occurrences = new WindowOccurrences(window);
  if (occurrences.currentOrNext(now) === null) {
    throw appError('validation_failed', phrase('maintenance.overBeforePlanned'), [
      {
        path: window.recurrence ? 'body.repeatUntil' : 'body.startsAt',
        message: phrase('maintenance.issueNoOccurrenceLeft'),
      },
    ]);
  }
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/**
 * One page of windows. Where a window stands (upcoming, active, past) depends on its recurrence, so
 * the filter and order run in memory over every window: a department plans hundreds, not millions.
 */
export async function listMaintenanceWindows(
  ctx: AppContext,
  actor: MaintenanceActor,
  query: z.input<typeof MaintenanceListQuerySchema> = {},
): Promise<MaintenanceWindowPage> {
  assertCanReadMaintenance(actor);
  const { page, pageSize, status, itemId }: MaintenanceListQuery = parseInput(
    MaintenanceListQuerySchema,
    query,
    'querystring',
  );
  const now = ctx.now();
  let rows = await listWindowRows(ctx.db);
  if (itemId !== undefined) {
    const ids = await listWindowIdsTargetingItem(ctx.db, itemId);
    rows = rows.filter((row) => ids.has(row.id));
  }
  const placed = rows.map((row) => {
    const occurrences = new WindowOccurrences(row);
    const current = occurrences.currentOrNext(now);
    return { row, status: statusAt(occurrences, now), sortAt: current?.startsAt ?? row.startsAt };
  });
  const rank = { active: 0, upcoming: 1, past: 2 } as const;
  const chosen = placed
    .filter((entry) => status === undefined || entry.status === status)
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        (a.status === 'past' ? b.sortAt - a.sortAt : a.sortAt - b.sortAt) ||
        a.row.id - b.row.id,
    );
  const slice = chosen.slice((page - 1) * pageSize, page * pageSize);
  const targets = await listTargetsOf(
    ctx.db,
    slice.map((entry) => entry.row.id),
  );
  return {
    rows: slice.map((entry) =>
      toMaintenanceWindow(entry.row, targets.get(entry.row.id) ?? { items: [], checks: [] }, now),
    ),
    total: chosen.length,
    page,
    pageSize,
  };
}

/** One window; 404 when there is none. */
export async function getMaintenanceWindow(
  ctx: AppContext,
  actor: MaintenanceActor,
  id: number,
): Promise<MaintenanceWindow> {
  assertCanReadMaintenance(actor);
  return (await loadWindow(ctx, ctx.db, id)).window;
}

/** Every occurrence overlapping a calendar range (recurring windows expanded), soonest first. */
export async function listMaintenanceOccurrences(
  ctx: AppContext,
  actor: MaintenanceActor,
  query: z.input<typeof OccurrenceQuery>,
): Promise<OccurrenceList> {
  assertCanReadMaintenance(actor);
  const { from, to, itemId } = parseInput(OccurrenceQuery, query, 'querystring');
  let rows = await listWindowRows(ctx.db);
  if (itemId !== undefined) {
    const ids = await listWindowIdsTargetingItem(ctx.db, itemId);
    rows = rows.filter((row) => ids.has(row.id));
  }
  const occurrences: CalendarOccurrence[] = rows.flatMap((row) =>
    new WindowOccurrences(row).between(from, to, maxCalendarOccurrences + 1).map((occurrence) => ({
      windowId: row.id,
      title: row.title,
      isRecurring: row.recurrence !== null,
      ...occurrence,
    })),
  );
  occurrences.sort((a, b) => a.startsAt - b.startsAt || a.windowId - b.windowId);
  return {
    rows: occurrences.slice(0, maxCalendarOccurrences),
    isTruncated: occurrences.length > maxCalendarOccurrences,
  };
}

/**
 * Plans a window. The actor must be allowed to change every target; the owners of the impacted items
 * are told in the same transaction; audited. The calendar that marks results reloads after the commit.
 */
export async function createMaintenanceWindow(
  ctx: AppContext,
  actor: MaintenanceActor,
  input: NewMaintenanceWindowInput,
): Promise<MaintenanceWindow> {
  const parsed = parseInput(NewMaintenanceWindow, input, 'body');
  const window = { ...parsed, timezone: parsed.timezone ?? ctx.config.timezone };
  const now = ctx.now();
  assertHasFuture(window, now);
  const itemIds = uniqueIds(window.itemIds);
  const checkIds = uniqueIds(window.checkIds);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const { items, checks } = await resolveTargets(trx, itemIds, checkIds);
    assertCanPlanOn(actor, [...items, ...checks]);
    const id = await insertWindowRow(trx, {
      title: window.title,
      description: window.description,
      startsAt: window.startsAt,
      durationMinutes: window.durationMinutes,
      recurrence: window.recurrence,
      timezone: window.timezone,
      repeatUntil: window.repeatUntil,
      notifyOwners: window.notifyOwners ? 1 : 0,
      announcedOccurrenceAt: null,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await replaceTargetRows(trx, id, itemIds, checkIds);
    const loaded = await loadWindow(ctx, trx, id);
    await announceNextOccurrence(ctx, trx, loaded.row, loaded.targets);
    const after = (await loadWindow(ctx, trx, id)).window;
    await recordChange(ctx, trx, actor, {
      action: 'maintenanceWindow.create',
      entityType: 'maintenanceWindow',
      entityId: id,
      after,
    });
    return after;
  });
  await reloadCalendar(ctx);
  ctx.events.emit('maintenance.changed', { windowId: created.id });
  return created;
}

/**
 * Changes a window: the actor must be allowed on its current targets and on the new ones. A change of
 * schedule or targets tells the owners again (each team once per occurrence).
 */
export async function updateMaintenanceWindow(
  ctx: AppContext,
  actor: MaintenanceActor,
  id: number,
  input: z.input<typeof UpdateMaintenanceWindow>,
): Promise<MaintenanceWindow> {
  const change = parseInput(UpdateMaintenanceWindow, input, 'body');
  const now = ctx.now();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const before = await loadWindow(ctx, trx, id);
    assertCanPlanOn(actor, [...before.targets.items, ...before.targets.checks]);
    const merged = parseInput(
      NewMaintenanceWindow,
      {
        title: change.title ?? before.row.title,
        description: change.description ?? before.row.description,
        startsAt: change.startsAt ?? before.row.startsAt,
        durationMinutes: change.durationMinutes ?? before.row.durationMinutes,
        recurrence: change.recurrence !== undefined ? change.recurrence : before.row.recurrence,
        timezone: change.timezone ?? before.row.timezone,
        repeatUntil: change.repeatUntil !== undefined ? change.repeatUntil : before.row.repeatUntil,
        notifyOwners: change.notifyOwners ?? Boolean(before.row.notifyOwners),
        itemIds: change.itemIds ?? before.targets.items.map((item) => item.id),
        checkIds: change.checkIds ?? before.targets.checks.map((check) => check.id),
      },
      'body',
    );
    const window = { ...merged, timezone: merged.timezone ?? before.row.timezone };
    const itemIds = uniqueIds(window.itemIds);
    const checkIds = uniqueIds(window.checkIds);
    const { items, checks } = await resolveTargets(trx, itemIds, checkIds);
    assertCanPlanOn(actor, [...items, ...checks]);
    const scheduleChanged =
      window.startsAt !== before.row.startsAt ||
      window.durationMinutes !== before.row.durationMinutes ||
      window.recurrence !== before.row.recurrence ||
      window.timezone !== before.row.timezone ||
      window.repeatUntil !== before.row.repeatUntil;
    if (scheduleChanged) assertHasFuture(window, now);
    const targetsChanged =
      JSON.stringify([...itemIds].sort()) !== JSON.stringify(before.targets.items.map((i) => i.id).sort()) ||
      JSON.stringify([...checkIds].sort()) !== JSON.stringify(before.targets.checks.map((c) => c.id).sort());
    const fieldsChanged =
      scheduleChanged ||
      window.title !== before.row.title ||
      window.description !== before.row.description ||
      window.notifyOwners !== Boolean(before.row.notifyOwners);
    if (!fieldsChanged && !targetsChanged) return before.window;
    await updateWindowRow(trx, id, {
      title: window.title,
      description: window.description,
      startsAt: window.startsAt,
      durationMinutes: window.durationMinutes,
      recurrence: window.recurrence,
      timezone: window.timezone,
      repeatUntil: window.repeatUntil,
      notifyOwners: window.notifyOwners ? 1 : 0,
      updatedAt: now,
    });
    if (targetsChanged) await replaceTargetRows(trx, id, itemIds, checkIds);
    const loaded = await loadWindow(ctx, trx, id);
    if (scheduleChanged || targetsChanged) await announceNextOccurrence(ctx, trx, loaded.row, loaded.targets);
    const after = (await loadWindow(ctx, trx, id)).window;
    await recordChange(ctx, trx, actor, {
      action: 'maintenanceWindow.update',
      entityType: 'maintenanceWindow',
      entityId: id,
      before: before.window,
      after,
    });
    return after;
  });
  await reloadCalendar(ctx);
  ctx.events.emit('maintenance.changed', { windowId: id });
  return updated;
}

/** Deletes a window with its targets; the audit record keeps it. */
export async function deleteMaintenanceWindow(
  ctx: AppContext,
  actor: MaintenanceActor,
  id: number,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadWindow(ctx, trx, id);
    assertCanPlanOn(actor, [...before.targets.items, ...before.targets.checks]);
    await deleteWindowRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'maintenanceWindow.delete',
      entityType: 'maintenanceWindow',
      entityId: id,
      before: before.window,
    });
  });
  await reloadCalendar(ctx);
  ctx.events.emit('maintenance.changed', { windowId: id });
}
