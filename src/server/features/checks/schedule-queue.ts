/** One scheduled run: which check, and when it is planned (epoch ms). */
export interface PlannedRun {
  checkId: number;
  plannedAt: number;
}

// A heap entry knows its own place, so a swap writes two fields instead of two Map entries: at
// 10,000 checks every run moves an entry through about 13 levels.
interface Entry extends PlannedRun {
  index: number;
}

/**
 * A binary min-heap of planned runs ordered by time: one timer serves every check, whatever their
 * number (a timer per check is what makes other monitors slow and drifty). Rescheduling a check
 * replaces its entry, found through an index kept beside the heap.
 */
export class ScheduleQueue {
  private readonly heap: Entry[] = [];
  private readonly entries = new Map<number, Entry>();

  get size(): number {
    return this.heap.length;
  }

  /** The earliest planned run, without removing it. */
  peek(): PlannedRun | undefined {
    return this.heap[0];
  }

  /** Plans a check at a time, replacing any earlier plan for it. */
  schedule(checkId: number, plannedAt: number): void {
    const existing = this.entries.get(checkId);
    if (existing) {
      existing.plannedAt = plannedAt;
      this.siftUp(existing.index);
      this.siftDown(existing.index);
      return;
    }
    const entry: Entry = { checkId, plannedAt, index: this.heap.length };
    this.heap.push(entry);
    this.entries.set(checkId, entry);
    this.siftUp(entry.index);
  }

  /** Forgets a check (deleted or paused). */
  remove(checkId: number): void {
    const entry = this.entries.get(checkId);
    if (!entry) return;
    this.entries.delete(checkId);
    const last = this.heap.pop()!;
    if (last === entry) return;
    // The last entry fills the hole and moves up or down to its place.
    this.heap[entry.index] = last;
    last.index = entry.index;
    this.siftUp(last.index);
    this.siftDown(last.index);
  }

  has(checkId: number): boolean {
    return this.entries.has(checkId);
  }

  /** Removes and returns every run planned at or before `now`, earliest first, at most `limit`. */
  takeDue(now: number, limit = Number.POSITIVE_INFINITY): PlannedRun[] {
    const due: PlannedRun[] = [];
    while (due.length < limit && this.heap.length > 0 && this.heap[0]!.plannedAt <= now) {
      const first = this.heap[0]!;
      this.remove(first.checkId);
      due.push({ checkId: first.checkId, plannedAt: first.plannedAt });
    }
    return due;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    let child = index;
    while (child > 0) {
      const parentIndex = (child - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (parent.plannedAt <= entry.plannedAt) break;
      heap[child] = parent;
      parent.index = child;
      child = parentIndex;
    }
    heap[child] = entry;
    entry.index = child;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = left;
      if (left >= heap.length) break;
      if (right < heap.length && heap[right]!.plannedAt < heap[left]!.plannedAt) smallest = right;
      const child = heap[smallest]!;
      if (child.plannedAt >= entry.plannedAt) break;
      heap[parent] = child;
      child.index = parent;
      parent = smallest;
    }
    heap[parent] = entry;
    entry.index = parent;
  }
}

/**
 * Where in its interval a check first runs: spread by its id, so a thousand checks created at once
 * with the same interval do not all fire in the same second. Stable across restarts.
 */
export function spreadOffset(checkId: number, intervalMs: number): number {
  // Knuth's multiplicative hash scatters consecutive ids evenly over the interval.
  const hashed = (Math.imul(checkId, 2_654_435_761) >>> 0) / 2 ** 32;
  return Math.floor(hashed * intervalMs);
}

/** The first planned time at or after `now` on the check's grid (offset + k × interval). */
export function nextOnGrid(checkId: number, intervalMs: number, now: number): number {
  const offset = spreadOffset(checkId, intervalMs);
  const k = Math.ceil((now - offset) / intervalMs);
  return offset + k * intervalMs;
}
