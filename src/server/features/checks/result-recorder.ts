import type { Selectable, Transaction } from 'kysely';
import {
  type CheckState,
  combineLocations,
  nextState,
  type ResultStatus,
} from '../../../shared/domain/check-state';
import type { Db, Dialect, Storage } from '../../db/connect';
import type {
  CheckLocationStatesTable,
  CheckResultsTable,
  CheckRollupsTable,
  CheckStatesTable,
  Database,
} from '../../db/schema';
import { paddedIdLists, type QueryTarget, ReusableQuery } from './reusable-query';
import {
  addResult,
  bucketStartOf,
  emptyBucket,
  histogramText,
  mergeBucket,
  type Resolution,
  type RollupBucket,
  resolutions,
  rollupKey,
} from './rollups';

/** A result as a runner hands it over, before it is stored. */
export interface PendingResult {
  checkId: number;
  location: string;
  plannedAt: number;
  startedAt: number;
  status: ResultStatus;
  latencyMs: number;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  message: string;
  details: Record<string, unknown>;
}

/** A state change, as written and as announced after the commit. */
export interface StateChange {
  checkId: number;
  fromState: CheckState;
  toState: CheckState;
  at: number;
  message: string;
  resultId: number | null;
}

/**
 * Something another feature writes in the same transaction as a state change (the incidents
 * feature opens an incident and queues notifications here), so that a crash can never keep one
 * without the other.
 */
export type StateChangeHandler = (trx: Transaction<Database>, change: StateChange) => Promise<void>;

/** What other features add to the recording of results (see `Reactions` in the context). */
export interface RecordOptions {
  /** written in the same transaction as each state change */
  handlers?: readonly StateChangeHandler[];
  /** whether a check was inside a maintenance window at a moment (its results are marked) */
  isInMaintenance?: (checkId: number, at: number) => boolean;
  /**
   * On SQLite, the driver's handle under `db` (`Storage.sqlite`): the recorder's statements are then
   * prepared once and kept rather than prepared again for every batch. Same SQL, same results.
   */
  sqlite?: Storage['sqlite'];
}

/**
 * Stores a batch of results in ONE transaction with everything they cause: per-location memory,
 * the check's state, state-change events (and what handlers write for them), and rollups.
 * A result already stored for the same check, location and planned time (a replay after a
 * crash) is ignored. No network I/O happens inside.
 */
export async function recordResults(
  db: Db,
  dialect: Dialect,
  results: PendingResult[],
  options: RecordOptions = {},
): Promise<StateChange[]> {
  if (results.length === 0) return [];
  const handlers = options.handlers ?? [];
  const isInMaintenance = options.isInMaintenance ?? (() => false);
  const ordered = [...results]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((result) => ({ ...result, inMaintenance: isInMaintenance(result.checkId, result.startedAt) }));
  return db.transaction().execute(async (trx) => {
    // The raw handle runs statements on the connection the transaction holds (SQLite has one).
    const target: QueryTarget = {
      db: trx,
      dialect,
      sqlite: dialect === 'sqlite' ? options.sqlite : undefined,
    };
    const stored = await insertResults(target, ordered);
    if (stored.length === 0) return [];
    const changes = await advanceStates(target, stored);
    for (const change of changes) {
      await insertEvent.executeForEach(target, [change]);
      for (const handler of handlers) await handler(trx, change);
    }
    await upsertRollups(target, stored);
    return changes;
  });
}

type MarkedResult = PendingResult & { inMaintenance: boolean };
type StoredResult = MarkedResult & { id: number };
type ResultRow = Omit<Selectable<CheckResultsTable>, 'id'>;
type RollupRow = Selectable<CheckRollupsTable>;
type CheckStateRow = Pick<
  Selectable<CheckStatesTable>,
  'checkId' | 'state' | 'changedAt' | 'lastResultAt' | 'lastStatus' | 'lastMessage' | 'lastLatencyMs'
>;
type LocationStateRow = Selectable<CheckLocationStatesTable>;

// The recorder's statements, each built and compiled by Kysely once per dialect and row count.
const insertResultRows = new ReusableQuery(
  [
    'checkId',
    'location',
    'plannedAt',
    'startedAt',
    'status',
    'latencyMs',
    'dnsMs',
    'connectMs',
    'tlsMs',
    'firstByteMs',
    'message',
    'details',
    'inMaintenance',
  ],
  (db, rows: ResultRow[]) =>
    db
      .insertInto('checkResults')
      .values(rows)
      .onConflict((oc) => oc.columns(['checkId', 'location', 'plannedAt']).doNothing())
      .returning(['id', 'checkId', 'location', 'plannedAt']),
);
const selectChecksWithState = new ReusableQuery(['id'], (db, rows: { id: number }[]) =>
  db
    .selectFrom('checks')
    .leftJoin('checkStates', 'checkStates.checkId', 'checks.id')
    .select([
      'checks.id',
      'checks.retries',
      'checks.locations',
      'checks.downQuorum',
      'checkStates.state',
      'checkStates.changedAt',
    ])
    .where(
      'checks.id',
      'in',
      rows.map((row) => row.id),
    ),
);
const selectLocationStates = new ReusableQuery(['id'], (db, rows: { id: number }[]) =>
  db
    .selectFrom('checkLocationStates')
    .selectAll()
    .where(
      'checkId',
      'in',
      rows.map((row) => row.id),
    ),
);
const upsertLocationStates = new ReusableQuery(
  ['checkId', 'location', 'state', 'consecutiveFailures', 'lastResultAt'],
  (db, rows: LocationStateRow[]) =>
    db
      .insertInto('checkLocationStates')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['checkId', 'location']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          consecutiveFailures: eb.ref('excluded.consecutiveFailures'),
          lastResultAt: eb.ref('excluded.lastResultAt'),
        })),
      ),
);
const upsertCheckStates = new ReusableQuery(
  ['checkId', 'state', 'changedAt', 'lastResultAt', 'lastStatus', 'lastMessage', 'lastLatencyMs'],
  (db, rows: CheckStateRow[]) =>
    db
      .insertInto('checkStates')
      .values(rows.map((row) => ({ ...row, nextRunAt: null, leaseOwner: null, leaseUntil: null })))
      .onConflict((oc) =>
        oc.column('checkId').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          changedAt: eb.ref('excluded.changedAt'),
          lastResultAt: eb.ref('excluded.lastResultAt'),
          lastStatus: eb.ref('excluded.lastStatus'),
          lastMessage: eb.ref('excluded.lastMessage'),
          lastLatencyMs: eb.ref('excluded.lastLatencyMs'),
        })),
      ),
);
// One bucket start of one resolution for a list of checks: point lookups on the primary key.
const selectRollups = new ReusableQuery(
  ['checkId', 'resolution', 'bucketStart'],
  (db, rows: Pick<RollupRow, 'checkId' | 'resolution' | 'bucketStart'>[], dialect) => {
    const query = db
      .selectFrom('checkRollups')
      .selectAll()
      .where('resolution', '=', rows[0]!.resolution)
      .where('bucketStart', '=', rows[0]!.bucketStart)
      .where(
        'checkId',
        'in',
        rows.map((row) => row.checkId),
      );
    return dialect === 'postgres' ? query.forUpdate() : query;
  },
);
const rollupColumns = [
  'checkId',
  'resolution',
  'bucketStart',
  'upCount',
  'degradedCount',
  'downCount',
  'latencyMin',
  'latencyMax',
  'latencySum',
  'histogram',
  'maintenanceUpCount',
  'maintenanceDegradedCount',
  'maintenanceDownCount',
] as const;
const updateRollups = new ReusableQuery(rollupColumns, (db, rows: RollupRow[]) =>
  db
    .insertInto('checkRollups')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['checkId', 'resolution', 'bucketStart']).doUpdateSet((eb) => ({
        upCount: eb.ref('excluded.upCount'),
        degradedCount: eb.ref('excluded.degradedCount'),
        downCount: eb.ref('excluded.downCount'),
        latencyMin: eb.ref('excluded.latencyMin'),
        latencyMax: eb.ref('excluded.latencyMax'),
        latencySum: eb.ref('excluded.latencySum'),
        histogram: eb.ref('excluded.histogram'),
        maintenanceUpCount: eb.ref('excluded.maintenanceUpCount'),
        maintenanceDegradedCount: eb.ref('excluded.maintenanceDegradedCount'),
        maintenanceDownCount: eb.ref('excluded.maintenanceDownCount'),
      })),
    ),
);
const insertEvent = new ReusableQuery(
  ['checkId', 'fromState', 'toState', 'at', 'message', 'resultId'],
  (db, rows: StateChange[]) => db.insertInto('checkEvents').values(rows),
);
const insertRollups = new ReusableQuery(rollupColumns, (db, rows: RollupRow[]) =>
  db.insertInto('checkRollups').values(rows),
);

async function insertResults(target: QueryTarget, results: MarkedResult[]): Promise<StoredResult[]> {
  const rows = await insertResultRows.executeForEach(
    target,
    results.map((r) => ({
      checkId: r.checkId,
      location: r.location,
      plannedAt: r.plannedAt,
      startedAt: r.startedAt,
      status: r.status,
      latencyMs: Math.round(r.latencyMs),
      dnsMs: roundOrNull(r.dnsMs),
      connectMs: roundOrNull(r.connectMs),
      tlsMs: roundOrNull(r.tlsMs),
      firstByteMs: roundOrNull(r.firstByteMs),
      message: r.message.slice(0, 2000),
      details: serializeDetails(r.details),
      inMaintenance: r.inMaintenance ? 1 : 0,
    })),
  );
  const idByKey = new Map(rows.map((row) => [`${row.checkId}:${row.location}:${row.plannedAt}`, row.id]));
  const stored: StoredResult[] = [];
  for (const result of results) {
    const key = `${result.checkId}:${result.location}:${result.plannedAt}`;
    const id = idByKey.get(key);
    if (id === undefined) continue;
    // Taken once: the same run twice in one batch was inserted (and counts) once.
    idByKey.delete(key);
    stored.push({ ...result, id });
  }
  return stored;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function serializeDetails(details: Record<string, unknown>): string {
  for (const _ in details) return JSON.stringify(details);
  return '{}';
}

/** Runs a select for every padded list of `ids` and gathers the rows. */
async function selectByIds<Row>(
  query: ReusableQuery<{ id: number }, Row>,
  target: QueryTarget,
  ids: number[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const list of paddedIdLists(ids)) rows.push(...(await query.execute(target, list)).rows);
  return rows;
}

async function advanceStates(target: QueryTarget, results: StoredResult[]): Promise<StateChange[]> {
  const checkIds = [...new Set(results.map((r) => r.checkId))];
  const checks = await selectByIds(selectChecksWithState, target, checkIds);
  const locationRows = await selectByIds(selectLocationStates, target, checkIds);
  const checkById = new Map(
    checks.map((c) => [c.id, { ...c, locations: JSON.parse(c.locations) as string[] }]),
  );
  const memory = new Map(locationRows.map((row) => [`${row.checkId}:${row.location}`, row]));
  const changes: StateChange[] = [];
  const touchedLocations = new Set<string>();
  const lastByCheck = new Map<number, { result: StoredResult; state: CheckState; changedAt?: number }>();

  for (const result of results) {
    const check = checkById.get(result.checkId);
    if (!check) continue; // deleted while the run was in flight
    const key = `${result.checkId}:${result.location}`;
    const previous = memory.get(key) ?? {
      checkId: result.checkId,
      location: result.location,
      state: 'unknown',
      consecutiveFailures: 0,
      lastResultAt: 0,
    };
    const next = nextState(
      { state: previous.state as CheckState, consecutiveFailures: previous.consecutiveFailures },
      result.status,
      check.retries,
    );
    memory.set(key, { ...previous, ...next, lastResultAt: result.startedAt });
    touchedLocations.add(key);

    const combined = combineLocations(
      check.locations.map(
        (location) =>
          (memory.get(`${result.checkId}:${location}`)?.state as CheckState | undefined) ?? 'unknown',
      ),
      check.downQuorum,
    );
    const last = lastByCheck.get(result.checkId);
    const before = (last?.state ?? check.state ?? 'unknown') as CheckState;
    let changedAt = last?.changedAt;
    if (combined !== before && combined !== 'unknown') {
      changes.push({
        checkId: result.checkId,
        fromState: before,
        toState: combined,
        at: result.startedAt,
        message: result.message,
        resultId: result.id,
      });
      changedAt = result.startedAt;
    }
    lastByCheck.set(result.checkId, { result, state: combined === 'unknown' ? before : combined, changedAt });
  }

  const touchedRows = [...touchedLocations].map((key) => memory.get(key)!);
  await upsertLocationStates.executeForEach(target, touchedRows);
  const stateRows = [...lastByCheck].map(([checkId, { result, state, changedAt }]) => ({
    checkId,
    state,
    changedAt: changedAt ?? checkById.get(checkId)?.changedAt ?? result.startedAt,
    lastResultAt: result.startedAt,
    lastStatus: result.status,
    lastMessage: result.message.slice(0, 2000),
    lastLatencyMs: Math.round(result.latencyMs),
  }));
  await upsertCheckStates.executeForEach(target, stateRows);
  return changes;
}

async function upsertRollups(target: QueryTarget, results: StoredResult[]): Promise<void> {
  const buckets = new Map<string, RollupBucket>();
  // The checks of each bucket start, per resolution: what the stored buckets are looked up by.
  const checksByStart = new Map<
    string,
    { resolution: Resolution; bucketStart: number; checkIds: Set<number> }
  >();
  for (const result of results) {
    for (const resolution of Object.keys(resolutions) as Resolution[]) {
      const start = bucketStartOf(result.startedAt, resolution);
      const key = rollupKey(result.checkId, resolution, start);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = emptyBucket(result.checkId, resolution, start);
        buckets.set(key, bucket);
        const group = `${resolution}:${start}`;
        let lookup = checksByStart.get(group);
        if (!lookup) {
          lookup = { resolution, bucketStart: start, checkIds: new Set() };
          checksByStart.set(group, lookup);
        }
        lookup.checkIds.add(result.checkId);
      }
      addResult(bucket, result.status, result.latencyMs, result.inMaintenance);
    }
  }
  const isExisting = new Set<string>();
  // Only the buckets this batch touches (a handful of starts per resolution), read and on
  // PostgreSQL locked, so that they are updated rather than overwritten. Always in the same order
  // (resolution, start, check), so two transactions locking the same buckets cannot deadlock.
  const lookups = [...checksByStart.values()].sort(
    (a, b) => a.resolution.localeCompare(b.resolution) || a.bucketStart - b.bucketStart,
  );
  for (const { resolution, bucketStart, checkIds } of lookups) {
    for (const list of paddedIdLists([...checkIds].sort((a, b) => a - b))) {
      const { rows } = await selectRollups.execute(
        target,
        list.map(({ id }) => ({ checkId: id, resolution, bucketStart })),
      );
      for (const row of rows) {
        const key = rollupKey(row.checkId, row.resolution as Resolution, row.bucketStart);
        const bucket = buckets.get(key);
        if (!bucket || isExisting.has(key)) continue;
        mergeBucket(bucket, {
          ...row,
          resolution: row.resolution as Resolution,
          histogram: JSON.parse(row.histogram),
        });
        isExisting.add(key);
      }
    }
  }
  const updates: RollupRow[] = [];
  const inserts: RollupRow[] = [];
  for (const [key, bucket] of buckets) {
    const row = {
      checkId: bucket.checkId,
      resolution: bucket.resolution,
      bucketStart: bucket.bucketStart,
      upCount: bucket.upCount,
      degradedCount: bucket.degradedCount,
      downCount: bucket.downCount,
      latencyMin: bucket.latencyMin,
      latencyMax: bucket.latencyMax,
      latencySum: bucket.latencySum,
      histogram: histogramText(bucket.histogram),
      maintenanceUpCount: bucket.maintenanceUpCount,
      maintenanceDegradedCount: bucket.maintenanceDegradedCount,
      maintenanceDownCount: bucket.maintenanceDownCount,
    };
    (isExisting.has(key) ? updates : inserts).push(row);
  }
  // Buckets read (and locked) above are updated; new ones are plainly inserted, so a replica that
  // created the same bucket meanwhile makes this transaction fail and be retried rather than
  // overwrite its counts.
  await updateRollups.executeForEach(target, updates);
  await insertRollups.executeForEach(target, inserts);
}
