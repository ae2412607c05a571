import type { Db } from '../../db/connect';
import { chunk } from '../inventory/inventory.repository';

// Reads of the checks feature's tables that the health rules need (states and day rollups); nothing
// here writes to them.

/** Every check on an item, with its current state (null before its first result). */
export function listItemCheckStates(db: Db) {
  return db
    .selectFrom('checks')
    .leftJoin('checkStates', 'checkStates.checkId', 'checks.id')
    .select(['checks.id', 'checks.itemId', 'checks.isPaused', 'checkStates.state'])
    .where('checks.itemId', 'is not', null)
    .execute();
}

/** Day rollups of some checks from a day on: counts with their maintenance part. */
export async function listDayRollups(db: Db, checkIds: readonly number[], from: number) {
  const rows = [];
  for (const part of chunk(checkIds)) {
    rows.push(
      ...(await db
        .selectFrom('checkRollups')
        .select([
          'checkId',
          'bucketStart',
          'upCount',
          'degradedCount',
          'downCount',
          'maintenanceUpCount',
          'maintenanceDegradedCount',
          'maintenanceDownCount',
        ])
        .where('checkId', 'in', part)
        .where('resolution', '=', '1d')
        .where('bucketStart', '>=', from)
        .execute()),
    );
  }
  return rows;
}
