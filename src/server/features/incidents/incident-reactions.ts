import type { Transaction } from 'kysely';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import type { StateChange } from '../checks/result-recorder';
import type { ProcedureStateChange } from '../procedures/procedure-runs.service';
import { recordFailure, recordRecovery } from './incident-automation';
import { type CheckFacts, queueCheckNotification } from './incident-notifications';
import { findCheckContextRow, findProcedureContextRow, findResultDetails } from './incidents.repository';

/** A severity for a fact without an item, between the most and least severe. */
const severityWithoutItem = 3;

// A TLS check words an expiring certificate this way (see checks/probes/tls.probe.ts).
const expiryMessage = /^certificate (expires in|expired)\b/;

/**
 * What a check's state change writes, in the transaction that records it: the notifications of
 * the change, and the incident it opens, gathers into, reopens or restores. Inside a maintenance
 * window a failure opens nothing and nothing is announced; a recovery still counts, so that an
 * incident opened before the window can close.
 */
export function createCheckStateHandler(ctx: AppContext) {
  return async (trx: Transaction<Database>, change: StateChange): Promise<void> => {
    const check = await findCheckContextRow(trx, change.checkId);
    if (!check) return;
    const now = ctx.now();
    // Read at each change: the maintenance feature (or a test) installs its lookup after this one.
    const isInMaintenance = ctx.reactions.maintenance.isCheckInMaintenance(check.id, change.at);
    const facts: CheckFacts = {
      id: check.id,
      name: check.name,
      itemName: check.itemName,
      severity: check.criticality ?? severityWithoutItem,
      teamId: check.itemOwnerTeamId ?? check.ownerTeamId,
    };
    if (!isInMaintenance) await announceChange(trx, check.kind, facts, change, now);
    const source = { kind: 'check', id: check.id } as const;
    if (change.toState === 'down') {
      if (isInMaintenance) return;
      await recordFailure(
        trx,
        {
          source,
          name: check.name,
          itemId: check.itemId,
          itemName: check.itemName,
          severity: facts.severity,
          teamId: facts.teamId,
          at: change.at,
          message: change.message,
        },
        now,
      );
    } else if (change.fromState === 'down') {
      // Degraded counts as back: the system answers again, slowly.
      await recordRecovery(trx, source, check.name, change.at, change.message, now);
    }
  };
}

async function announceChange(
  trx: Transaction<Database>,
  checkKind: string,
  check: CheckFacts,
  change: StateChange,
  now: number,
): Promise<void> {
  const facts = { message: change.message.slice(0, 500), fromState: change.fromState, state: change.toState };
  // A first result that finds the check up is no news; "up" announces a recovery.
  if (change.toState === 'up' && change.fromState === 'unknown') return;
  const kind =
    change.toState === 'down' ? 'check.down' : change.toState === 'up' ? 'check.up' : 'check.degraded';
  await queueCheckNotification(trx, kind, check, change.at, now, facts);
  if (checkKind !== 'tls' || change.toState === 'up' || !expiryMessage.test(change.message)) return;
  const result = change.resultId === null ? undefined : await findResultDetails(trx, change.resultId);
  const details = parseDetails(result?.details);
  await queueCheckNotification(trx, 'certificate.expiring', check, change.at, now, {
    ...facts,
    daysLeft: typeof details.certificateDaysLeft === 'number' ? details.certificateDaysLeft : null,
    validTo: typeof details.validTo === 'string' ? details.validTo : null,
  });
}

function parseDetails(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A procedure test failing opens (or gathers into) an incident on its item; passing again restores it. */
export function createProcedureStateHandler(ctx: AppContext) {
  return async (trx: Transaction<Database>, change: ProcedureStateChange): Promise<void> => {
    const test = await findProcedureContextRow(trx, change.procedureTestId);
    if (!test) return;
    const now = ctx.now();
    const source = { kind: 'procedure', id: test.id } as const;
    if (change.toState === 'down') {
      await recordFailure(
        trx,
        {
          source,
          name: test.name,
          itemId: test.itemId,
          itemName: test.itemName,
          severity: test.criticality ?? severityWithoutItem,
          teamId: test.itemOwnerTeamId ?? test.ownerTeamId,
          at: change.at,
          message: change.message,
        },
        now,
      );
    } else if (change.fromState === 'down') {
      await recordRecovery(trx, source, test.name, change.at, change.message, now);
    }
  };
}

/**
 * Registers the incidents feature's reactions. Automatic changes are written inside another
 * feature's transaction, whose commit this feature does not see: live views hear of them through
 * `incident.changed` once the check's state change is announced, which happens after the commit.
 */
export function installIncidentReactions(ctx: AppContext): void {
  ctx.reactions.checkStateChanged.push(createCheckStateHandler(ctx));
  ctx.reactions.procedureStateChanged.push(createProcedureStateHandler(ctx));
  ctx.events.on('check.stateChanged', (change) =>
    ctx.events.emit('incident.changed', { incidentId: null, checkId: change.checkId }),
  );
}
