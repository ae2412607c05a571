import type { DailyAvailability, HealthState, ServiceHealth } from '../../../shared/contracts/service-health';
import type { CountsWithMaintenance } from '../../../shared/domain/availability';
import type { AppContext } from '../../context';
import { notFound } from '../../i18n/app-error';
import { assertCanReadInventory, type InventoryActor } from '../inventory/inventory.policy';
import { findItemRow } from '../inventory/inventory.repository';
import { impactRelationKinds, listAllRelations } from '../inventory/relations.service';
import { calendarOf } from '../maintenance/maintenance-calendar';
import {
  type CheckHealth,
  checksReliedOn,
  dailyRuleText,
  type HealthGraph,
  lowestAvailability,
  stateOfItem,
  stateRuleText,
} from './health-rules';
import { listDayRollups, listItemCheckStates } from './service-health.repository';

const dayMs = 86_400_000;
/** How many days of daily availability the health answers with (the status page's strip). */
export const healthDays = 90;
// Regia itself reads the inventory here; callers check their own rights (or are public pages).
const system = { userId: null, label: 'service-health' };

/**
 * The inventory as the health rules need it, at `at`: direct dependencies, checks with states, and the
 * maintenance calendar's answers (from memory).
 */
export async function loadHealthGraph(ctx: AppContext, at = ctx.now()): Promise<HealthGraph> {
  const [relations, checks] = await Promise.all([listAllRelations(ctx, system), listItemCheckStates(ctx.db)]);
  const dependenciesOf = new Map<number, number[]>();
  for (const relation of relations) {
    if (!impactRelationKinds.includes(relation.kind)) continue;
    // "source dependsOn target": the source relies on the target.
    dependenciesOf.set(relation.sourceItemId, [
      ...(dependenciesOf.get(relation.sourceItemId) ?? []),
      relation.targetItemId,
    ]);
  }
  const checksOf = new Map<number, CheckHealth[]>();
  for (const check of checks) {
    if (check.itemId === null) continue;
    const entry = { id: check.id, state: check.state ?? 'unknown', isPaused: Boolean(check.isPaused) };
    checksOf.set(check.itemId, [...(checksOf.get(check.itemId) ?? []), entry]);
  }
  const calendar = calendarOf(ctx);
  return {
    dependenciesOf,
    checksOf,
    isCheckInMaintenance: (checkId) => ctx.reactions.maintenance.isCheckInMaintenance(checkId, at),
    isItemInMaintenance: (itemId) => calendar?.isItemInMaintenance(itemId, at) ?? false,
  };
}

/** The current state of each item, through its relations (see `stateRuleText`). */
export async function getItemStates(
  ctx: AppContext,
  itemIds: readonly number[],
  graph?: HealthGraph,
): Promise<Map<number, HealthState>> {
  const loaded = graph ?? (await loadHealthGraph(ctx));
  return new Map(itemIds.map((id) => [id, stateOfItem(id, loaded)]));
}

/** The UTC days of the last `days` days, oldest first, each with the epoch ms it starts at. */
export function lastDays(now: number, days = healthDays): { day: string; startsAt: number }[] {
  const today = Math.floor(now / dayMs) * dayMs;
  return Array.from({ length: days }, (_, index) => {
    const startsAt = today - (days - 1 - index) * dayMs;
    return { day: new Date(startsAt).toISOString().slice(0, 10), startsAt };
  });
}

/**
 * Daily availability of each item for the last 90 days, from the checks' `1d` rollups (see
 * `dailyRuleText`): one query for all the checks involved.
 */
export async function getDailyAvailability(
  ctx: AppContext,
  itemIds: readonly number[],
  graph?: HealthGraph,
): Promise<Map<number, DailyAvailability[]>> {
  const loaded = graph ?? (await loadHealthGraph(ctx));
  const days = lastDays(ctx.now());
  const reliedOn = new Map(itemIds.map((id) => [id, checksReliedOn(id, loaded)]));
  const allChecks = [...new Set([...reliedOn.values()].flat())];
  const rollups = await listDayRollups(ctx.db, allChecks, days[0]?.startsAt ?? 0);
  const countsOf = new Map<string, CountsWithMaintenance>();
  for (const rollup of rollups) {
    countsOf.set(`${rollup.checkId}:${Number(rollup.bucketStart)}`, {
      up: rollup.upCount,
      degraded: rollup.degradedCount,
      down: rollup.downCount,
      maintenance: {
        up: rollup.maintenanceUpCount,
        degraded: rollup.maintenanceDegradedCount,
        down: rollup.maintenanceDownCount,
      },
    });
  }
  return new Map(
    itemIds.map((itemId) => [
      itemId,
      days.map(({ day, startsAt }) => ({
        day,
        availability: lowestAvailability(
          (reliedOn.get(itemId) ?? []).flatMap((checkId) => {
            const counts = countsOf.get(`${checkId}:${startsAt}`);
            return counts ? [counts] : [];
          }),
        ),
      })),
    ]),
  );
}

/** One item's health for the web client: state, the last 90 days, and the rules. */
export async function getServiceHealth(
  ctx: AppContext,
  actor: InventoryActor,
  itemId: number,
): Promise<ServiceHealth> {
  assertCanReadInventory(actor);
  if (!(await findItemRow(ctx.db, itemId))) throw notFound('item');
  const graph = await loadHealthGraph(ctx);
  const [states, days] = await Promise.all([
    getItemStates(ctx, [itemId], graph),
    getDailyAvailability(ctx, [itemId], graph),
  ]);
  return {
    itemId,
    state: states.get(itemId) ?? 'unknown',
    stateRuleText,
    days: days.get(itemId) ?? [],
    ruleText: dailyRuleText,
    computedAt: ctx.now(),
  };
}
