import type { AppContext } from '../../context';
import { recordFailure } from './incident-automation';
import { findCheckContextRow } from './incidents.repository';

/** A severity for a check without an item, as the state-change handler uses. */
const severityWithoutItem = 3;

/**
 * A check that went down inside a maintenance window opened nothing, and its state does not change
 * when the window ends. This opens its incident then: every down check whose down state began
 * inside a window that is now over, and that no incident has gathered since it went down (so an
 * incident a person resolved while the check was still down is not opened again). Runs from the
 * maintenance job; returns how many checks it handled.
 */
export async function openIncidentsAfterMaintenance(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const lookup = ctx.reactions.maintenance;
  const down = await ctx.db
    .selectFrom('checkStates')
    .innerJoin('checks', 'checks.id', 'checkStates.checkId')
    .select(['checkStates.checkId', 'checkStates.changedAt', 'checkStates.lastMessage'])
    .where('checkStates.state', '=', 'down')
    .where('checks.isPaused', '=', 0)
    .execute();
  const ended = down.filter(
    (row) =>
      lookup.isCheckInMaintenance(row.checkId, row.changedAt) &&
      !lookup.isCheckInMaintenance(row.checkId, now),
  );
  let handled = 0;
  for (const row of ended) {
    const opened = await ctx.db.transaction().execute(async (trx) => {
      const gathered = await trx
        .selectFrom('incidentChecks')
        .select('incidentId')
        .where('checkId', '=', row.checkId)
        .where('failingSince', '>=', row.changedAt)
        .executeTakeFirst();
      if (gathered) return false;
      const check = await findCheckContextRow(trx, row.checkId);
      if (!check) return false;
      await recordFailure(
        trx,
        {
          source: { kind: 'check', id: check.id },
          name: check.name,
          itemId: check.itemId,
          itemName: check.itemName,
          severity: check.criticality ?? severityWithoutItem,
          teamId: check.itemOwnerTeamId ?? check.ownerTeamId,
          at: now,
          message: `still down when maintenance ended: ${row.lastMessage ?? ''}`.slice(0, 2000),
        },
        now,
      );
      return true;
    });
    if (opened) {
      handled += 1;
      ctx.events.emit('incident.changed', { incidentId: null, checkId: row.checkId });
    }
  }
  return handled;
}
