import type { Transaction } from 'kysely';
import {
  type CheckState,
  combineLocations,
  nextState,
  type ResultStatus,
} from '../../../shared/domain/check-state';
import type { Db, Dialect } from '../../db/connect';
import type { Database } from '../../db/schema';
import {
  addResult,
  bucketStartOf,
  emptyBucket,
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
    const stored = await insertResults(trx, dialect, ordered);
    if (stored.length === 0) return [];
    const changes = await advanceStates(trx, stored);
    for (const change of changes) {
      await trx.insertInto('checkEvents').values(change).execute();
      for (const handler of handlers) await handler(trx, change);
    }
    await upsertRollups(trx, dialect, stored);
    return changes;
  });
}

type MarkedResult = PendingResult & { inMaintenance: boolean };
type StoredResult = MarkedResult & { id: number };

async function insertResults(
  trx: Transaction<Database>,
  dialect: Dialect,
  results: MarkedResult[],
): Promise<StoredResult[]> {
  const stored: StoredResult[] = [];
  // Chunks keep each statement under both drivers' parameter limits.
  const chunkSize = dialect === 'sqlite' ? 60 : 500;
  for (let start = 0; start < results.length; start += chunkSize) {
    const chunk = results.slice(start, start + chunkSize);
    const rows = await trx
      .insertInto('checkResults')
      .values(
        chunk.map((r) => ({
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
          details: JSON.stringify(r.details),
          inMaintenance: r.inMaintenance ? 1 : 0,
        })),
      )
      .onConflict((oc) => oc.columns(['checkId', 'location', 'plannedAt']).doNothing())
      .returning(['id', 'checkId', 'location', 'plannedAt'])
      .execute();
    const byKey = new Map(rows.map((row) => [`${row.checkId}:${row.location}:${row.plannedAt}`, row.id]));
    for (const result of chunk) {
      const id = byKey.get(`${result.checkId}:${result.location}:${result.plannedAt}`);
      if (id !== undefined) stored.push({ ...result, id });
    }
  }
  return stored;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

async function advanceStates(trx: Transaction<Database>, results: StoredResult[]): Promise<StateChange[]> {
  const checkIds = [...new Set(results.map((r) => r.checkId))];
  const [checks, states, locationRows] = await Promise.all([
    trx
      .selectFrom('checks')
      .select(['id', 'retries', 'locations', 'downQuorum'])
      .where('id', 'in', checkIds)
      .execute(),
    trx.selectFrom('checkStates').selectAll().where('checkId', 'in', checkIds).execute(),
    trx.selectFrom('checkLocationStates').selectAll().where('checkId', 'in', checkIds).execute(),
  ]);
  const checkById = new Map(checks.map((c) => [c.id, c]));
  const stateById = new Map(states.map((s) => [s.checkId, s]));
  const memory = new Map(locationRows.map((row) => [`${row.checkId}:${row.location}`, row]));
  const changes: StateChange[] = [];
  const touchedLocations = new Set<string>();
  const lastByCheck = new Map<number, { result: StoredResult; state: CheckState }>();

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

    const locations = JSON.parse(check.locations) as string[];
    const combined = combineLocations(
      locations.map(
        (location) =>
          (memory.get(`${result.checkId}:${location}`)?.state as CheckState | undefined) ?? 'unknown',
      ),
      check.downQuorum,
    );
    const before = (lastByCheck.get(result.checkId)?.state ??
      stateById.get(result.checkId)?.state ??
      'unknown') as CheckState;
    if (combined !== before && combined !== 'unknown') {
      changes.push({
        checkId: result.checkId,
        fromState: before,
        toState: combined,
        at: result.startedAt,
        message: result.message,
        resultId: result.id,
      });
    }
    lastByCheck.set(result.checkId, { result, state: combined === 'unknown' ? before : combined });
  }

  const touchedRows = [...touchedLocations].map((key) => memory.get(key)!);
  for (let start = 0; start < touchedRows.length; start += 150) {
    await trx
      .insertInto('checkLocationStates')
      .values(touchedRows.slice(start, start + 150))
      .onConflict((oc) =>
        oc.columns(['checkId', 'location']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          consecutiveFailures: eb.ref('excluded.consecutiveFailures'),
          lastResultAt: eb.ref('excluded.lastResultAt'),
        })),
      )
      .execute();
  }
  const stateRows = [...lastByCheck].map(([checkId, { result, state }]) => {
    const previous = stateById.get(checkId);
    const changedAt =
      changes.filter((c) => c.checkId === checkId).at(-1)?.at ?? previous?.changedAt ?? result.startedAt;
    return {
      checkId,
      state,
      changedAt,
      lastResultAt: result.startedAt,
      lastStatus: result.status,
      lastMessage: result.message.slice(0, 2000),
      lastLatencyMs: Math.round(result.latencyMs),
      nextRunAt: null,
      leaseOwner: null,
      leaseUntil: null,
    };
  });
  for (let start = 0; start < stateRows.length; start += 80) {
    await trx
      .insertInto('checkStates')
      .values(stateRows.slice(start, start + 80))
      .onConflict((oc) =>
        oc.column('checkId').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          changedAt: eb.ref('excluded.changedAt'),
          lastResultAt: eb.ref('excluded.lastResultAt'),
          lastStatus: eb.ref('excluded.lastStatus'),
          lastMessage: eb.ref('excluded.lastMessage'),
          lastLatencyMs: eb.ref('excluded.lastLatencyMs'),
        })),
      )
      .execute();
  }
  return changes;
}

async function upsertRollups(
  trx: Transaction<Database>,
  dialect: Dialect,
  results: StoredResult[],
): Promise<void> {
  const buckets = new Map<string, RollupBucket>();
  for (const result of results) {
    for (const resolution of Object.keys(resolutions) as Resolution[]) {
      const start = bucketStartOf(result.startedAt, resolution);
      const key = rollupKey(result.checkId, resolution, start);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = emptyBucket(result.checkId, resolution, start);
        buckets.set(key, bucket);
      }
      addResult(bucket, result.status, result.latencyMs, result.inMaintenance);
    }
  }
  const checkIds = [...new Set(results.map((r) => r.checkId))];
  // Only the buckets this batch touches: a handful of starts per resolution, not the whole day.
  const startsByResolution = new Map<Resolution, Set<number>>();
  for (const bucket of buckets.values()) {
    const starts = startsByResolution.get(bucket.resolution) ?? new Set<number>();
    starts.add(bucket.bucketStart);
    startsByResolution.set(bucket.resolution, starts);
  }
  let query = trx
    .selectFrom('checkRollups')
    .selectAll()
    .where('checkId', 'in', checkIds)
    .where((eb) =>
      eb.or(
        [...startsByResolution].map(([resolution, starts]) =>
          eb.and([eb('resolution', '=', resolution), eb('bucketStart', 'in', [...starts])]),
        ),
      ),
    );
  if (dialect === 'postgres') query = query.forUpdate();
  const existing = await query.execute();
  const isExisting = new Set<string>();
  for (const row of existing) {
    const key = rollupKey(row.checkId, row.resolution as Resolution, row.bucketStart);
    const bucket = buckets.get(key);
    if (!bucket) continue;
    mergeBucket(bucket, {
      ...row,
      resolution: row.resolution as Resolution,
      histogram: JSON.parse(row.histogram),
    });
    isExisting.add(key);
  }
  const rows = [...buckets.values()].map((bucket) => ({
    checkId: bucket.checkId,
    resolution: bucket.resolution,
    bucketStart: bucket.bucketStart,
    upCount: bucket.upCount,
    degradedCount: bucket.degradedCount,
    downCount: bucket.downCount,
    latencyMin: bucket.latencyMin,
    latencyMax: bucket.latencyMax,
    latencySum: bucket.latencySum,
    histogram: JSON.stringify(bucket.histogram),
    maintenanceUpCount: bucket.maintenanceUpCount,
    maintenanceDegradedCount: bucket.maintenanceDegradedCount,
    maintenanceDownCount: bucket.maintenanceDownCount,
  }));
  // Buckets read (and locked) above are updated in one statement; new ones are plainly inserted, so
  // a replica that created the same bucket meanwhile makes this transaction fail and be retried
  // rather than overwrite its counts.
  const updates = rows.filter((row) =>
    isExisting.has(rollupKey(row.checkId, row.resolution, row.bucketStart)),
  );
  const inserts = rows.filter(
    (row) => !isExisting.has(rollupKey(row.checkId, row.resolution, row.bucketStart)),
  );
  for (let start = 0; start < updates.length; start += 90) {
    await trx
      .insertInto('checkRollups')
      .values(updates.slice(start, start + 90))
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
      )
      .execute();
  }
  for (let start = 0; start < inserts.length; start += 90) {
    await trx
      .insertInto('checkRollups')
      .values(inserts.slice(start, start + 90))
      .execute();
  }
}
