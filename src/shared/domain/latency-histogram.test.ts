import { describe, expect, it } from 'vitest';
import { computeAvailability, countsUnderRule } from './availability';
import {
  addToHistogram,
  bucketOf,
  emptyHistogram,
  latencyBucketBounds,
  mergeHistograms,
  quantileOf,
} from './latency-histogram';

describe('latency histogram', () => {
  it('puts a latency in the first bucket whose bound is not below it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(1.1)).toBe(1);
    expect(latencyBucketBounds[bucketOf(100)]).toBeGreaterThanOrEqual(100);
    expect(latencyBucketBounds[bucketOf(100) - 1]).toBeLessThan(100);
    expect(bucketOf(999_999)).toBe(latencyBucketBounds.length);
  });

  it('estimates p95 within the bucket width of the exact value', () => {
    const histogram = emptyHistogram();
    const samples = Array.from({ length: 1000 }, (_, i) => 20 + (i % 100) * 2); // 20..218 ms, uniform
    for (const latency of samples) addToHistogram(histogram, latency);
    const exact = [...samples].sort((a, b) => a - b)[949]!;
    const estimate = quantileOf(histogram, 0.95)!;
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.12);
  });

  it('merges by addition, so a day equals the sum of its hours', () => {
    const a = emptyHistogram();
    const b = emptyHistogram();
    addToHistogram(a, 10);
    addToHistogram(b, 500);
    mergeHistograms(a, b);
    expect(a.reduce((s, n) => s + n, 0)).toBe(2);
    expect(quantileOf(emptyHistogram(), 0.95)).toBeNull();
  });
});

describe('availability', () => {
  it('counts degraded by the chosen rule and says so', () => {
    const counts = { up: 90, degraded: 8, down: 2 };
    expect(
      computeAvailability(counts, { degradedCountsAs: 'up', minimumSamples: 1, maintenance: 'excluded' })
        .availability,
    ).toBeCloseTo(0.98);
    expect(
      computeAvailability(counts, { degradedCountsAs: 'down', minimumSamples: 1, maintenance: 'excluded' })
        .availability,
    ).toBeCloseTo(0.9);
    const half = computeAvailability(counts, {
      degradedCountsAs: 'half',
      minimumSamples: 1,
      maintenance: 'excluded',
    });
    expect(half.availability).toBeCloseTo(0.94);
    expect(half.ruleText).toContain('half');
  });
  it('refuses a figure below the minimum sample size', () => {
    expect(
      computeAvailability(
        { up: 3, degraded: 0, down: 0 },
        { degradedCountsAs: 'up', minimumSamples: 10, maintenance: 'excluded' },
      ).availability,
    ).toBeNull();
  });
});

describe('availability and maintenance windows', () => {
  const counts = { up: 90, degraded: 0, down: 10, maintenance: { up: 0, degraded: 0, down: 8 } };
  it('leaves results inside maintenance windows out when the rule says so, and says it', () => {
    const rule = { degradedCountsAs: 'up', minimumSamples: 1, maintenance: 'excluded' } as const;
    const figure = computeAvailability(countsUnderRule(counts, rule), rule);
    expect(figure.availability).toBeCloseTo(90 / 92);
    expect(figure.ruleText).toContain('maintenance windows left out');
  });
  it('counts them like any other when the rule includes them', () => {
    const rule = { degradedCountsAs: 'up', minimumSamples: 1, maintenance: 'included' } as const;
    const figure = computeAvailability(countsUnderRule(counts, rule), rule);
    expect(figure.availability).toBeCloseTo(0.9);
    expect(figure.ruleText).toContain('maintenance windows counted');
  });
});
