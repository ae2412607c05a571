/**
 * Whether adding the edge `blocker → blocked` closes a loop, given the edges reachable from
 * `blocked` (blocker id → ids it blocks). Answers the loop as ids, starting and ending with
 * `blocker` (blocker → blocked → … → blocker), or null when there is none.
 */
export function findDependencyCycle(
  edges: ReadonlyMap<number, readonly number[]>,
  blocked: number,
  blocker: number,
): number[] | null {
  // Breadth-first from `blocked`, remembering how each item was reached, so the loop is the shortest.
  const cameFrom = new Map<number, number | null>([[blocked, null]]);
  const queue = [blocked];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    if (current === blocker) {
      const path: number[] = [];
      for (let at: number | null = current; at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
      return [blocker, ...path];
    }
    for (const next of edges.get(current) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}
