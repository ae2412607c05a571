import { describe, expect, it } from 'vitest';
import { computeWorkFigures } from './work-figures';
import { expectedFigures, figureItems } from './work-figures.fixture';

describe('work figures', () => {
  it('match the hand-computed values of the known data set', () => {
    const period = { from: Date.UTC(2026, 9, 31, 23), to: Date.UTC(2026, 10, 30, 23) };
    expect(computeWorkFigures(figureItems, period, 'Europe/Rome', Date.UTC(2026, 10, 25, 9))).toEqual(
      expectedFigures,
    );
  });

  it('answers null averages for an empty period', () => {
    expect(computeWorkFigures([], { from: 0, to: 1 }, 'Europe/Rome', 1)).toMatchObject({
      throughput: 0,
      onTimeRate: null,
      cycleTimeDays: null,
      backlogAgeDays: null,
    });
  });
});
