import { describe, expect, it } from 'vitest';
import { nextOnGrid, ScheduleQueue, spreadOffset } from './schedule-queue';

describe('schedule queue', () => {
  it('hands out due runs in time order', () => {
    const queue = new ScheduleQueue();
    const times = [50, 10, 40, 30, 20, 60];
    for (const [i, at] of times.entries()) queue.schedule(i + 1, at);
    expect(queue.takeDue(45).map((r) => r.plannedAt)).toEqual([10, 20, 30, 40]);
    expect(queue.size).toBe(2);
    expect(queue.peek()?.plannedAt).toBe(50);
  });

  it('replaces a check plan instead of adding a second one', () => {
    const queue = new ScheduleQueue();
    queue.schedule(1, 100);
    queue.schedule(2, 50);
    queue.schedule(1, 10);
    expect(queue.size).toBe(2);
    expect(queue.takeDue(1000).map((r) => r.checkId)).toEqual([1, 2]);
  });

  it('stays ordered through many random schedules and removals', () => {
    const queue = new ScheduleQueue();
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i += 1) queue.schedule(Math.floor(random() * 1000), Math.floor(random() * 1e6));
    for (let i = 0; i < 300; i += 1) queue.remove(Math.floor(random() * 1000));
    const taken = queue.takeDue(Number.POSITIVE_INFINITY).map((r) => r.plannedAt);
    expect(taken).toEqual([...taken].sort((a, b) => a - b));
    expect(new Set(taken).size).toBeLessThanOrEqual(1000);
  });

  it('respects a limit on how many runs it hands out at once', () => {
    const queue = new ScheduleQueue();
    for (let i = 1; i <= 10; i += 1) queue.schedule(i, i);
    expect(queue.takeDue(100, 3)).toHaveLength(3);
    expect(queue.size).toBe(7);
  });
});

describe('spreading checks over their interval', () => {
  it('scatters 1000 checks of the same interval evenly over it', () => {
    const interval = 30_000;
    const perSecond = new Array(30).fill(0);
    for (let id = 1; id <= 1000; id += 1) perSecond[Math.floor(spreadOffset(id, interval) / 1000)] += 1;
    expect(Math.max(...perSecond)).toBeLessThan(60); // ~33 a second on average
    expect(Math.min(...perSecond)).toBeGreaterThan(15);
  });

  it('keeps each check on its own grid, whenever it is asked', () => {
    const first = nextOnGrid(42, 30_000, 1_000_000);
    expect(first).toBeGreaterThanOrEqual(1_000_000);
    expect(first - 1_000_000).toBeLessThan(30_000);
    expect(nextOnGrid(42, 30_000, first + 1)).toBe(first + 30_000);
  });
});
