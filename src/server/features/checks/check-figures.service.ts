import type { z } from 'zod';
import type { AvailabilityQuery, ResultListQuery, SeriesQuery } from '../../../shared/contracts/checks';
import { computeAvailability, countsUnderRule } from '../../../shared/domain/availability';
import { emptyHistogram, mergeHistograms, quantileOf } from '../../../shared/domain/latency-histogram';
import type { AppContext } from '../../context';
import { notFound } from '../../i18n/app-error';
import { assertCanReadInventory, type InventoryActor } from '../inventory/inventory.policy';
import { listRollups } from './checks.repository';
import type { Resolution } from './rollups';

const periods = {
  '24h': { ms: 86_400_000, resolution: '5m' },
  '7d': { ms: 7 * 86_400_000, resolution: '1h' },
  '30d': { ms: 30 * 86_400_000, resolution: '1h' },
  '90d': { ms: 90 * 86_400_000, resolution: '1d' },
} as const satisfies Record<string, { ms: number; resolution: Resolution }>;
type Period = keyof typeof periods;

async function assertCheckExists(ctx: AppContext, id: number): Promise<void> {
  const row = await ctx.db.selectFrom('checks').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('check');
}

/**
 * Availability and latency for 24 h, 7 d, 30 d and 90 d, from rollups only (raw results may be gone),
 * each figure with the rule it was counted by.
 */
export async function getAvailability(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
  query: z.infer<typeof AvailabilityQuery>,
) {
  assertCanReadInventory(actor);
  await assertCheckExists(ctx, id);
  const now = ctx.now();
  const figures = [];
  for (const [period, { ms, resolution }] of Object.entries(periods) as [
    Period,
    (typeof periods)[Period],
  ][]) {
    const rollups = await listRollups(ctx.db, [id], resolution, now - ms);
    const all = { up: 0, degraded: 0, down: 0, maintenance: { up: 0, degraded: 0, down: 0 } };
    const histogram = emptyHistogram();
    let latencySum = 0;
    for (const rollup of rollups) {
      all.up += rollup.upCount;
      all.degraded += rollup.degradedCount;
      all.down += rollup.downCount;
      all.maintenance.up += rollup.maintenanceUpCount;
      all.maintenance.degraded += rollup.maintenanceDegradedCount;
      all.maintenance.down += rollup.maintenanceDownCount;
      latencySum += rollup.latencySum;
      mergeHistograms(histogram, JSON.parse(rollup.histogram) as number[]);
    }
    const counts = countsUnderRule(all, query);
    const figure = computeAvailability(counts, query);
    const resultCount = all.up + all.degraded + all.down;
    figures.push({
      period,
      availability: figure.availability,
      samples: figure.samples,
      ...counts,
      inMaintenance: all.maintenance.up + all.maintenance.degraded + all.maintenance.down,
      // Latency is over every result, maintenance or not: it describes the system, not a promise.
      latencyAvgMs: resultCount > 0 ? Math.round(latencySum / resultCount) : null,
      latencyP95Ms: quantileOf(histogram, 0.95),
      ruleText: figure.ruleText,
    });
  }
  return { figures };
}

/** Outcomes and latency over a period, one point per rollup bucket, for charts. */
export async function getSeries(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
  query: z.infer<typeof SeriesQuery>,
) {
  assertCanReadInventory(actor);
  await assertCheckExists(ctx, id);
  const { ms, resolution } = periods[query.period];
  const rollups = await listRollups(ctx.db, [id], resolution, ctx.now() - ms);
  return {
    resolution,
    points: rollups.map((rollup) => {
      const samples = rollup.upCount + rollup.degradedCount + rollup.downCount;
      return {
        at: rollup.bucketStart,
        up: rollup.upCount,
        degraded: rollup.degradedCount,
        down: rollup.downCount,
        latencyAvgMs: samples > 0 ? Math.round(rollup.latencySum / samples) : null,
        latencyP95Ms: quantileOf(JSON.parse(rollup.histogram) as number[], 0.95),
        latencyMinMs: rollup.latencyMin,
        latencyMaxMs: rollup.latencyMax,
      };
    }),
  };
}

/** Raw results, newest first (kept for the retention period). */
export async function listResults(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
  query: z.infer<typeof ResultListQuery>,
) {
  assertCanReadInventory(actor);
  await assertCheckExists(ctx, id);
  let base = ctx.db.selectFrom('checkResults').where('checkId', '=', id);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.from !== undefined) base = base.where('startedAt', '>=', query.from);
  if (query.to !== undefined) base = base.where('startedAt', '<', query.to);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      location: row.location,
      plannedAt: row.plannedAt,
      startedAt: row.startedAt,
      status: row.status as 'up' | 'degraded' | 'down',
      latencyMs: row.latencyMs,
      phases: { dnsMs: row.dnsMs, connectMs: row.connectMs, tlsMs: row.tlsMs, firstByteMs: row.firstByteMs },
      message: row.message,
      details: JSON.parse(row.details) as Record<string, unknown>,
    })),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** State changes of a check, newest first. */
export async function listCheckEvents(ctx: AppContext, actor: InventoryActor, id: number, limit = 100) {
  assertCanReadInventory(actor);
  await assertCheckExists(ctx, id);
  return ctx.db
    .selectFrom('checkEvents')
    .select(['id', 'at', 'fromState', 'toState', 'message'])
    .where('checkId', '=', id)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
