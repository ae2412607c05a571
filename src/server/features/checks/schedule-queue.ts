/** One scheduled run: which check, and when it is planned (epoch ms). */
export interface PlannedRun {
  checkId: number;
  plannedAt: number;
}

/**
 * A binary min-heap of planned runs ordered by time: one timer serves every check, whatever their
 * number (a timer per check is what makes other monitors slow and drifty). Rescheduling a check
 * replaces its entry, found through an index kept beside the heap.
 */
export class ScheduleQueue {
  private readonly heap: PlannedRun[] = [];
  private readonly positions = new Map<number, number>();

  get size(): number {
    return this.heap.length;
  }

  /** The earliest planned run, without removing it. */
  peek(): PlannedRun | undefined {
    return this.heap[0];
  }

  /** Plans a check at a time, replacing any earlier plan for it. */
  schedule(checkId: number, plannedAt: number): void {
    const at = this.positions.get(checkId);
    if (at !== undefined) {
      const previous = this.heap[at]!;
      previous.plannedAt = plannedAt;
      this.siftUp(at);
      this.siftDown(this.positions.get(checkId)!);
      return;
    }
    this.heap.push({ checkId, plannedAt });
    this.positions.set(checkId, this.heap.length - 1);
    this.siftUp(this.heap.length - 1);
  }

  /** Forgets a check (deleted or paused). */
  remove(checkId: number): void {
    const at = this.positions.get(checkId);
    if (at === undefined) return;
    this.swap(at, this.heap.length - 1);
    this.heap.pop();
    this.positions.delete(checkId);
    if (at < this.heap.length) {
      this.siftUp(at);
      this.siftDown(this.positions.get(this.heap[at]!.checkId)!);
    }
  }

  has(checkId: number): boolean {
    return this.positions.has(checkId);
  }

  /** Removes and returns every run planned at or before `now`, earliest first, at most `limit`. */
  takeDue(now: number, limit = Number.POSITIVE_INFINITY): PlannedRun[] {
    const due: PlannedRun[] = [];
    while (due.length < limit && this.heap.length > 0 && this.heap[0]!.plannedAt <= now) {
      const first = this.heap[0]!;
      this.remove(first.checkId);
      due.push(first);
    }
    return due;
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.heap[parent]!.plannedAt <= this.heap[child]!.plannedAt) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && this.heap[left]!.plannedAt < this.heap[smallest]!.plannedAt)
        smallest = left;
      if (right < this.heap.length && this.heap[right]!.plannedAt < this.heap[smallest]!.plannedAt)
        smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const first = this.heap[a]!;
    const second = this.heap[b]!;
    this.heap[a] = second;
    this.heap[b] = first;
    this.positions.set(second.checkId, a);
    this.positions.set(first.checkId, b);
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
