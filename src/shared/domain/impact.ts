/** What a breadth-first walk found: each reached id with its distance in hops from the start. */
export interface WalkResult {
  depthOf: Map<number, number>;
  /** true when `maxNodes` stopped the walk before it reached everything */
  isTruncated: boolean;
}

export interface WalkOptions {
  /** stop after this many hops (default: no limit) */
  maxDepth?: number;
  /** stop once this many ids, the start included, have been reached (default: no limit) */
  maxNodes?: number;
}

/**
 * Walks a graph breadth-first from one id, one level at a time: `neighboursOf` receives the whole
 * frontier at once (so a database answers one batched query per level, not one per node) and returns
 * the ids one hop further. A visited set makes cycles harmless: each id is reached once, at its
 * shortest distance. The start has depth 0.
 */
export async function walkBreadthFirst(
  startId: number,
  neighboursOf: (frontier: number[]) => Promise<Iterable<number>>,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxNodes = options.maxNodes ?? Number.POSITIVE_INFINITY;
  const depthOf = new Map<number, number>([[startId, 0]]);
  let frontier = [startId];
  let depth = 0;
  while (frontier.length > 0 && depth < maxDepth) {
    depth += 1;
    const next: number[] = [];
    for (const id of await neighboursOf(frontier)) {
      if (depthOf.has(id)) continue;
      if (depthOf.size >= maxNodes) return { depthOf, isTruncated: true };
      depthOf.set(id, depth);
      next.push(id);
    }
    frontier = next;
  }
  return { depthOf, isTruncated: false };
}
