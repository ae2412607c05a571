import type { CheckListQuery } from '../../../shared/contracts/checks';
import type { Db } from '../../db/connect';

/** A check with its state and item name, as lists and details need it. */
export function selectChecks(db: Db) {
  return db
    .selectFrom('checks')
    .leftJoin('checkStates', 'checkStates.checkId', 'checks.id')
    .leftJoin('items', 'items.id', 'checks.itemId')
    .selectAll('checks')
    .select([
      'items.name as itemName',
      'items.ownerTeamId as itemOwnerTeamId',
      'checkStates.state',
      'checkStates.changedAt',
      'checkStates.lastResultAt',
      'checkStates.lastMessage',
      'checkStates.lastLatencyMs',
    ]);
}

export type CheckWithStateRow = Awaited<
  ReturnType<ReturnType<typeof selectChecks>['executeTakeFirstOrThrow']>
>;

export function findCheck(db: Db, id: number) {
  return selectChecks(db).where('checks.id', '=', id).executeTakeFirst();
}

export function findCheckByName(db: Db, name: string) {
  return db.selectFrom('checks').select(['id']).where('name', '=', name).executeTakeFirst();
}

/** One page of checks; the owner team is the check's own or, failing that, its item's. */
export async function listCheckRows(db: Db, query: CheckListQuery) {
  let base = selectChecks(db);
  if (query.q)
    base = base.where((eb) => eb(eb.fn('lower', ['checks.name']), 'like', `%${query.q!.toLowerCase()}%`));
  if (query.itemId) base = base.where('checks.itemId', '=', query.itemId);
  if (query.kind) base = base.where('checks.kind', '=', query.kind);
  if (query.ownerTeamId) {
    const team = query.ownerTeamId;
    base = base.where((eb) =>
      eb.or([
        eb('checks.ownerTeamId', '=', team),
        eb.and([eb('checks.ownerTeamId', 'is', null), eb('items.ownerTeamId', '=', team)]),
      ]),
    );
  }
  if (query.state === 'paused') base = base.where('checks.isPaused', '=', 1);
  else if (query.state === 'unknown')
    base = base
      .where((eb) => eb.or([eb('checkStates.state', 'is', null), eb('checkStates.state', '=', 'unknown')]))
      .where('checks.isPaused', '=', 0);
  else if (query.state)
    base = base.where('checkStates.state', '=', query.state).where('checks.isPaused', '=', 0);
  const sortColumn = {
    name: 'checks.name',
    kind: 'checks.kind',
    state: 'checkStates.state',
    lastResultAt: 'checkStates.lastResultAt',
  } as const;
  const [rows, count] = await Promise.all([
    base
      .orderBy(sortColumn[query.sort], query.direction)
      .orderBy('checks.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Checks the given location runs, not paused. */
export function listRunnableChecks(db: Db) {
  return db.selectFrom('checks').selectAll().where('isPaused', '=', 0).execute();
}

/** When each heartbeat check last received a beat. */
export async function lastBeats(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('checkResults')
    .innerJoin('checks', 'checks.id', 'checkResults.checkId')
    .select(['checkResults.checkId', (eb) => eb.fn.max('checkResults.startedAt').as('at')])
    .where('checks.kind', '=', 'heartbeat')
    .where('checkResults.status', '=', 'up')
    .groupBy('checkResults.checkId')
    .execute();
  return new Map(rows.map((row) => [row.checkId, Number(row.at)]));
}

/** Rollup rows of some checks, one resolution, from a time on. */
export function listRollups(db: Db, checkIds: number[], resolution: string, from: number) {
  return db
    .selectFrom('checkRollups')
    .selectAll()
    .where('checkId', 'in', checkIds.length > 0 ? checkIds : [-1])
    .where('resolution', '=', resolution)
    .where('bucketStart', '>=', from)
    .orderBy('bucketStart')
    .execute();
}

/** Deletes raw results older than the retention; rollups stay. Returns how many went. */
export async function deleteResultsBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('checkResults').where('startedAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Makes sure every check has a state row (checks made by apply or demo start unknown). */
export async function ensureStateRows(db: Db, checkIds: number[], now: number): Promise<void> {
  for (let start = 0; start < checkIds.length; start += 500) {
    const chunk = checkIds.slice(start, start + 500);
    await db
      .insertInto('checkStates')
      .values(chunk.map((checkId) => ({ checkId, state: 'unknown', changedAt: now })))
      .onConflict((oc) => oc.column('checkId').doNothing())
      .execute();
  }
}

/**
 * Claims planned runs for one server on PostgreSQL: a run is a (check, planned time) slot, and the
 * slot goes to whoever first moves the check's `nextRunAt` up to it. Rows another server is claiming
 * right now are skipped, not waited for. Each slot therefore runs once, whatever the replicas.
 */
export async function claimSlots(
  db: Db,
  owner: string,
  runs: { checkId: number; plannedAt: number }[],
): Promise<Set<number>> {
  const claimed = new Set<number>();
  await db.transaction().execute(async (trx) => {
    const ids = runs.map((run) => run.checkId);
    const free = await trx
      .selectFrom('checkStates')
      .select(['checkId', 'nextRunAt'])
      .where('checkId', 'in', ids)
      .forUpdate()
      .skipLocked()
      .execute();
    const lastClaimed = new Map(free.map((row) => [row.checkId, row.nextRunAt]));
    for (const run of runs) {
      if (!lastClaimed.has(run.checkId)) continue;
      const previous = lastClaimed.get(run.checkId);
      if (previous !== null && previous !== undefined && previous >= run.plannedAt) continue;
      claimed.add(run.checkId);
    }
    for (const run of runs) {
      if (!claimed.has(run.checkId)) continue;
      await trx
        .updateTable('checkStates')
        .set({ nextRunAt: run.plannedAt, leaseOwner: owner })
        .where('checkId', '=', run.checkId)
        .execute();
    }
  });
  return claimed;
}
