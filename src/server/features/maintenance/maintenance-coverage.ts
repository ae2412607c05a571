import type { AppContext } from '../../context';
import { computeImpact } from '../inventory/relations.service';
import { listCheckIdsOfItems } from './maintenance.repository';

// Regia itself asks the inventory; reading the impact needs no user's right.
const system = { userId: null, label: 'maintenance' };

/** What a window covers: its items with everything that depends on them, and all their checks. */
export interface Coverage {
  itemIds: Set<number>;
  checkIds: Set<number>;
}

/**
 * The items a window's target items put in maintenance: each target and everything that depends on it
 * through dependsOn and runsOn relations, transitively (the inventory's impact walk, cycle-safe).
 */
export async function coveredItemIds(
  ctx: AppContext,
  targetItemIds: readonly number[],
): Promise<Set<number>> {
  const covered = new Set<number>();
  for (const itemId of targetItemIds) {
    if (covered.has(itemId)) continue;
    covered.add(itemId);
    try {
      const impact = await computeImpact(ctx, system, itemId);
      for (const impacted of impact.impacted) covered.add(impacted.id);
    } catch {
      // The item was deleted since the targets were read: its target row goes with it.
    }
  }
  return covered;
}

/** The coverage of one window: items (targets and dependants) and checks (theirs and single targets). */
export async function computeCoverage(
  ctx: AppContext,
  targets: { itemIds: readonly number[]; checkIds: readonly number[] },
): Promise<Coverage> {
  const itemIds = await coveredItemIds(ctx, targets.itemIds);
  const checkIds = new Set([...targets.checkIds, ...(await listCheckIdsOfItems(ctx.db, [...itemIds]))]);
  return { itemIds, checkIds };
}
