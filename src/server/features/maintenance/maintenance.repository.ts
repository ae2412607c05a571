import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { MaintenanceWindowsTable } from '../../db/schema';
import { chunk } from '../inventory/inventory.repository';

export type WindowRow = Selectable<MaintenanceWindowsTable>;
export type WindowValues = Omit<Insertable<MaintenanceWindowsTable>, 'id'>;

/** A window's targets with the names of what they point to. */
export interface WindowTargets {
  items: { id: number; name: string; ownerTeamId: number | null; criticality: number }[];
  checks: { id: number; name: string; itemId: number | null; ownerTeamId: number | null }[];
}

/** Every window, oldest first; the list filters and sorts in memory (see the service). */
export function listWindowRows(db: Db): Promise<WindowRow[]> {
  return db.selectFrom('maintenanceWindows').selectAll().orderBy('id').execute();
}

/** Windows that may still matter at `since` or later: one-off ones not yet ended, open recurring ones. */
export function listLiveWindowRows(db: Db, since: number): Promise<WindowRow[]> {
  return db
    .selectFrom('maintenanceWindows')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('recurrence', 'is', null),
          eb(eb('startsAt', '+', eb('durationMinutes', '*', 60_000)), '>=', since),
        ]),
        eb.and([
          eb('recurrence', 'is not', null),
          eb.or([
            eb('repeatUntil', 'is', null),
            eb(eb('repeatUntil', '+', eb('durationMinutes', '*', 60_000)), '>=', since),
          ]),
        ]),
      ]),
    )
    .orderBy('id')
    .execute();
}

export function findWindowRow(db: Db, id: number): Promise<WindowRow | undefined> {
  return db.selectFrom('maintenanceWindows').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWindowRow(db: Db, values: WindowValues): Promise<number> {
  const row = await db
    .insertInto('maintenanceWindows')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWindowRow(db: Db, id: number, values: Partial<WindowValues>): Promise<void> {
  await db.updateTable('maintenanceWindows').set(values).where('id', '=', id).execute();
}

export async function deleteWindowRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('maintenanceWindows').where('id', '=', id).execute();
}

/** Replaces a window's targets. */
export async function replaceTargetRows(
  db: Db,
  windowId: number,
  itemIds: readonly number[],
  checkIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('maintenanceTargets').where('windowId', '=', windowId).execute();
  const rows = [
    ...itemIds.map((itemId) => ({ windowId, itemId, checkId: null })),
    ...checkIds.map((checkId) => ({ windowId, itemId: null, checkId })),
  ];
  for (const part of chunk(rows, 100)) await db.insertInto('maintenanceTargets').values(part).execute();
}

/**
 * The targets of some windows, with names and owner teams. Items and checks are read here directly
 * (names, owners) because the target list needs them joined; neither is changed.
 */
export async function listTargetsOf(
  db: Db,
  windowIds: readonly number[],
): Promise<Map<number, WindowTargets>> {
  const targets = new Map<number, WindowTargets>(windowIds.map((id) => [id, { items: [], checks: [] }]));
  for (const part of chunk(windowIds)) {
    const items = await db
      .selectFrom('maintenanceTargets')
      .innerJoin('items', 'items.id', 'maintenanceTargets.itemId')
      .select([
        'maintenanceTargets.windowId',
        'items.id',
        'items.name',
        'items.ownerTeamId',
        'items.criticality',
      ])
      .where('maintenanceTargets.windowId', 'in', part)
      .orderBy('items.name')
      .execute();
    for (const { windowId, ...item } of items) targets.get(windowId)?.items.push(item);
    const checks = await db
      .selectFrom('maintenanceTargets')
      .innerJoin('checks', 'checks.id', 'maintenanceTargets.checkId')
      .leftJoin('items', 'items.id', 'checks.itemId')
      .select([
        'maintenanceTargets.windowId',
        'checks.id',
        'checks.name',
        'checks.itemId',
        // The team that answers for a check: its own owner, else its item's.
        (eb) => eb.fn.coalesce('checks.ownerTeamId', 'items.ownerTeamId').as('ownerTeamId'),
      ])
      .where('maintenanceTargets.windowId', 'in', part)
      .orderBy('checks.name')
      .execute();
    for (const { windowId, ...check } of checks) targets.get(windowId)?.checks.push(check);
  }
  return targets;
}

/** Windows that target an item or one of its checks. */
export async function listWindowIdsTargetingItem(db: Db, itemId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('maintenanceTargets')
    .leftJoin('checks', 'checks.id', 'maintenanceTargets.checkId')
    .select('maintenanceTargets.windowId')
    .where((eb) => eb.or([eb('maintenanceTargets.itemId', '=', itemId), eb('checks.itemId', '=', itemId)]))
    .execute();
  return new Set(rows.map((row) => row.windowId));
}

/** Items by id with their owner team and criticality (the ones that exist). */
export function findItemsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('items')
    .select(['id', 'name', 'ownerTeamId', 'criticality'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Checks by id with the team that answers for them (the ones that exist). */
export function findChecksByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checks')
    .leftJoin('items', 'items.id', 'checks.itemId')
    .select([
      'checks.id',
      'checks.name',
      'checks.itemId',
      (eb) => eb.fn.coalesce('checks.ownerTeamId', 'items.ownerTeamId').as('ownerTeamId'),
    ])
    .where('checks.id', 'in', [...ids])
    .execute();
}

/** The ids of the checks that watch any of the items. */
export async function listCheckIdsOfItems(db: Db, itemIds: readonly number[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunk(itemIds)) {
    const rows = await db.selectFrom('checks').select('id').where('itemId', 'in', part).execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/**
 * Moves a window's announced occurrence forward to `occurrenceStart`, only if no one did already (another
 * server, an earlier run): true when this call did, so the announcement is queued once.
 */
export async function markAnnounced(db: Db, id: number, occurrenceStart: number): Promise<boolean> {
  const rows = await db
    .updateTable('maintenanceWindows')
    .set({ announcedOccurrenceAt: occurrenceStart })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('announcedOccurrenceAt', 'is', null), eb('announcedOccurrenceAt', '<', occurrenceStart)]),
    )
    .returning('id')
    .execute();
  return rows.length > 0;
}
