import { describe, expect, it } from 'vitest';
import { walkBreadthFirst } from './impact';

/** A graph as adjacency lists, with a log of the frontiers asked for. */
function graph(edges: Record<number, number[]>) {
  const asked: number[][] = [];
  const neighboursOf = async (frontier: number[]) => {
    asked.push([...frontier]);
    return frontier.flatMap((id) => edges[id] ?? []);
  };
  return { asked, neighboursOf };
}

describe('walkBreadthFirst', () => {
  it('ends on a cycle and reaches each node once, at its shortest distance', async () => {
    const { asked, neighboursOf } = graph({ 1: [2], 2: [3], 3: [1, 4], 4: [] });
    const { depthOf, isTruncated } = await walkBreadthFirst(1, neighboursOf);
    expect([...depthOf]).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    expect(isTruncated).toBe(false);
    expect(asked).toEqual([[1], [2], [3], [4]]);
  });

  it('asks once per level with the whole frontier', async () => {
    const { asked, neighboursOf } = graph({ 1: [2, 3, 4], 2: [5], 3: [5], 4: [6] });
    const { depthOf } = await walkBreadthFirst(1, neighboursOf);
    expect(depthOf.get(5)).toBe(2);
    expect(asked).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('stops at the depth and the node limits', async () => {
    const { neighboursOf } = graph({ 1: [2, 3], 2: [4], 3: [5], 4: [6] });
    expect([...(await walkBreadthFirst(1, neighboursOf, { maxDepth: 1 })).depthOf.keys()]).toEqual([1, 2, 3]);
    const limited = await walkBreadthFirst(1, neighboursOf, { maxNodes: 4 });
    expect(limited.depthOf.size).toBe(4);
    expect(limited.isTruncated).toBe(true);
  });
});
