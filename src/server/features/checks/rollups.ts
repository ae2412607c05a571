import {
  addToHistogram,
  emptyHistogram,
  type LatencyHistogram,
  mergeHistograms,
} from '../../../shared/domain/latency-histogram';

/** Rollup resolutions and their bucket widths. */
export const resolutions = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type Resolution = keyof typeof resolutions;

/** Counts and latency of one check over one bucket. */
export interface RollupBucket {
  checkId: number;
  resolution: Resolution;
  bucketStart: number;
  upCount: number;
  degradedCount: number;
  downCount: number;
  latencyMin: number | null;
  latencyMax: number | null;
  latencySum: number;
  histogram: LatencyHistogram;
  /** the part of the counts taken inside maintenance windows */
  maintenanceUpCount: number;
  maintenanceDegradedCount: number;
  maintenanceDownCount: number;
}

export function bucketStartOf(at: number, resolution: Resolution): number {
  const width = resolutions[resolution];
  return Math.floor(at / width) * width;
}

export function rollupKey(checkId: number, resolution: Resolution, bucketStart: number): string {
  return `${checkId}:${resolution}:${bucketStart}`;
}

export function emptyBucket(checkId: number, resolution: Resolution, bucketStart: number): RollupBucket {
  return {
    checkId,
    resolution,
    bucketStart,
    upCount: 0,
    degradedCount: 0,
    downCount: 0,
    latencyMin: null,
    latencyMax: null,
    latencySum: 0,
    histogram: emptyHistogram(),
    maintenanceUpCount: 0,
    maintenanceDegradedCount: 0,
    maintenanceDownCount: 0,
  };
}

/** Adds one result to a bucket. Latency counts for every result, including failures. */
export function addResult(
  bucket: RollupBucket,
  status: 'up' | 'degraded' | 'down',
  latencyMs: number,
  inMaintenance = false,
): void {
  if (status === 'up') bucket.upCount += 1;
  else if (status === 'degraded') bucket.degradedCount += 1;
  else bucket.downCount += 1;
  if (inMaintenance) {
    if (status === 'up') bucket.maintenanceUpCount += 1;
    else if (status === 'degraded') bucket.maintenanceDegradedCount += 1;
    else bucket.maintenanceDownCount += 1;
  }
  const latency = Math.round(latencyMs);
  bucket.latencyMin = bucket.latencyMin === null ? latency : Math.min(bucket.latencyMin, latency);
  bucket.latencyMax = bucket.latencyMax === null ? latency : Math.max(bucket.latencyMax, latency);
  bucket.latencySum += latency;
  addToHistogram(bucket.histogram, latency);
}

/**
 * A histogram as stored: the JSON array, written by `join`, which is twice as quick as
 * JSON.stringify here and gives the same text for whole numbers (every count is one).
 */
export function histogramText(histogram: LatencyHistogram): string {
  return `[${histogram.join(',')}]`;
}

/** Adds a stored bucket into a fresh one (both for the same check, resolution and start). */
export function mergeBucket(into: RollupBucket, from: RollupBucket): void {
  into.upCount += from.upCount;
  into.degradedCount += from.degradedCount;
  into.downCount += from.downCount;
  into.maintenanceUpCount += from.maintenanceUpCount;
  into.maintenanceDegradedCount += from.maintenanceDegradedCount;
  into.maintenanceDownCount += from.maintenanceDownCount;
  into.latencySum += from.latencySum;
  into.latencyMin = minOf(into.latencyMin, from.latencyMin);
  into.latencyMax = maxOf(into.latencyMax, from.latencyMax);
  mergeHistograms(into.histogram, from.histogram);
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
