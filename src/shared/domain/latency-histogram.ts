// Latency distributions are kept as counts in fixed buckets so that rollups merge by addition and a
// p95 for a day or a quarter comes from the rollups alone, never from raw results.

/**
 * Upper bounds of the buckets in milliseconds, growing by 12 % from 1 ms to about 2 minutes (~110
 * buckets): a quantile read from them is within 12 % of the exact value. The last bucket is
 * everything above. Frozen: stored rollups depend on these bounds.
 */
export const latencyBucketBounds: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let bound = 1; bound < 120_000; bound *= 1.12) bounds.push(Math.round(bound * 100) / 100);
  return bounds;
})();

export type LatencyHistogram = number[];

export function emptyHistogram(): LatencyHistogram {
  return new Array(latencyBucketBounds.length + 1).fill(0);
}

/** Index of the bucket a latency falls in. */
export function bucketOf(latencyMs: number): number {
  let low = 0;
  let high = latencyBucketBounds.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (latencyMs <= latencyBucketBounds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function addToHistogram(histogram: LatencyHistogram, latencyMs: number): void {
  const index = bucketOf(latencyMs);
  histogram[index] = (histogram[index] ?? 0) + 1;
}

export function mergeHistograms(into: LatencyHistogram, from: LatencyHistogram): void {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
}

/**
 * The latency under which `quantile` of the samples fall, interpolated linearly inside the bucket;
 * accurate to the bucket's width (a few percent at these bounds). Null without samples.
 */
export function quantileOf(histogram: LatencyHistogram, quantile: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    const count = histogram[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = i === 0 ? 0 : latencyBucketBounds[i - 1]!;
      const upper = latencyBucketBounds[i] ?? lower * 2;
      return Math.round(lower + ((rank - seen) / count) * (upper - lower));
    }
    seen += count;
  }
  return latencyBucketBounds[latencyBucketBounds.length - 1]!;
}
