import type { Storage } from './db/connect';
import type { StateChange, StateChangeHandler } from './features/checks/result-recorder';
import type { ProcedureStateChangeHandler } from './features/procedures/procedure-runs.service';

/** Answers whether a check is inside a maintenance window at a moment; must be quick (no I/O). */
export interface MaintenanceLookup {
  isCheckInMaintenance(checkId: number, at: number): boolean;
}

/**
 * What features add to facts other features record, in the same transaction: the incidents feature
 * opens incidents and queues notifications on a state change, the maintenance feature marks results
 * taken inside its windows. Empty until `installReactions` (features/reactions.ts) fills it at start,
 * so a feature that records facts never imports the features that react to them.
 */
export interface Reactions {
  checkStateChanged: StateChangeHandler[];
  procedureStateChanged: ProcedureStateChangeHandler[];
  maintenance: MaintenanceLookup;
}

export function createReactions(): Reactions {
  return {
    checkStateChanged: [],
    procedureStateChanged: [],
    maintenance: { isCheckInMaintenance: () => false },
  };
}

/**
 * The options `recordResults` takes, from the reactions installed; with the storage, on SQLite the
 * recorder keeps its statements prepared on the driver's handle (every writer should pass it).
 */
export function recordOptionsOf(reactions: Reactions, storage?: Pick<Storage, 'sqlite'>) {
  return {
    handlers: reactions.checkStateChanged,
    isInMaintenance: (checkId: number, at: number) => reactions.maintenance.isCheckInMaintenance(checkId, at),
    ...(storage?.sqlite ? { sqlite: storage.sqlite } : {}),
  };
}

export type { StateChange };
