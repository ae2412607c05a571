import { hasPermission, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { canChangeItem } from '../inventory/inventory.policy';

/** A signed-in user, or Regia itself (CLI, jobs) as an AuditActor whose userId is null. */
export type MaintenanceActor = Actor | AuditActor;

function isUser(actor: MaintenanceActor): actor is Actor {
  return 'role' in actor;
}

function assertPermission(actor: MaintenanceActor, permission: Permission): void {
  if (!isUser(actor) && actor.userId === null) return;
  // An AuditActor naming a user but carrying no role cannot be checked: refuse rather than guess.
  if (!isUser(actor) || !hasPermission(actor.role, permission)) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
}

/** Every role with `read` sees every window: planned work is no secret inside Regia. */
export function assertCanReadMaintenance(actor: MaintenanceActor): void {
  assertPermission(actor, 'read');
}

/**
 * A window may be planned (or changed, or deleted) only by someone who may change every item and
 * check it targets: admins and managers anywhere, leads on their own teams' items and checks, as the
 * inventory's own rule says.
 */
export function assertCanPlanOn(
  actor: MaintenanceActor,
  targets: { ownerTeamId: number | null; name: string }[],
): void {
  assertPermission(actor, 'maintenance.write');
  const foreign = targets.filter((target) => !canChangeItem(actor, target.ownerTeamId));
  if (foreign.length > 0) {
    throw appError(
      'forbidden',
      phrase('maintenance.foreignTargets'),
      foreign.map((target) => ({
        path: 'body',
        message: phrase('maintenance.issueOtherTeam', { name: target.name }),
      })),
    );
  }
}
