import type { Db } from '../../db/connect';

const runnerColumns = ['id', 'name', 'location', 'lastSeenAt', 'createdAt'] as const;

/** Every remote runner, by name; never the token hash. */
export function listRunnerRows(db: Db) {
  return db.selectFrom('runners').select(runnerColumns).orderBy('name').orderBy('id').execute();
}

export function findRunner(db: Db, id: number) {
  return db.selectFrom('runners').select(runnerColumns).where('id', '=', id).executeTakeFirst();
}

export function findRunnerByName(db: Db, name: string) {
  return db.selectFrom('runners').select(['id']).where('name', '=', name).executeTakeFirst();
}

/** The runner a token belongs to, by the token's SHA-256 hash. */
export function findRunnerByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('runners')
    .select(['id', 'name', 'location', 'lastSeenAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export function markRunnerSeen(db: Db, id: number, at: number) {
  return db.updateTable('runners').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

/**
 * The not-paused checks whose locations may include this one. `locations` is a JSON array in a
 * text column; the LIKE narrows the rows (a location is a slug, so it holds no LIKE wildcard) and
 * the caller checks the parsed array.
 */
export function listChecksNamingLocation(db: Db, location: string) {
  return db
    .selectFrom('checks')
    .select([
      'id',
      'kind',
      'settings',
      'intervalSeconds',
      'cron',
      'timeoutMs',
      'degradedAboveMs',
      'locations',
      'updatedAt',
    ])
    .where('isPaused', '=', 0)
    .where('locations', 'like', `%"${location}"%`)
    .orderBy('id')
    .execute();
}

/** What a report's checks say about where they run and whether they run. */
export function findChecksForReport(db: Db, ids: number[]) {
  return db
    .selectFrom('checks')
    .select(['id', 'kind', 'locations', 'isPaused'])
    .where('id', 'in', ids.length > 0 ? ids : [-1])
    .execute();
}
