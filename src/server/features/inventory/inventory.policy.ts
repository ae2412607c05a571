import { hasPermission, isCrossTeam, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/**
 * Who may act on the inventory: a signed-in user (with a role and teams), or Regia itself (CLI,
 * jobs), an AuditActor whose userId is null.
 */
export type InventoryActor = Actor | AuditActor;

function isUser(actor: InventoryActor): actor is Actor {
  return 'role' in actor;
}

/** Regia itself acts with no user behind it and may do everything; the audit log names it by label. */
export function isSystemActor(actor: InventoryActor): boolean {
  return !isUser(actor) && actor.userId === null;
}

function assertPermission(actor: InventoryActor, permission: Permission): void {
  if (isSystemActor(actor)) return;
  // An AuditActor naming a user but carrying no role cannot be checked: refuse rather than guess.
  if (!isUser(actor) || !hasPermission(actor.role, permission)) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
}

/** Every role with `read` sees the whole inventory. */
export function assertCanReadInventory(actor: InventoryActor): void {
  assertPermission(actor, 'read');
}

/** The role may change the inventory at all (which items is then a team question). */
export function assertCanWriteInventory(actor: InventoryActor): void {
  assertPermission(actor, 'inventory.write');
}

/** Whether the actor may change (or delete, or relate) an item owned by `ownerTeamId`. */
export function canChangeItem(actor: InventoryActor, ownerTeamId: number | null): boolean {
  if (isSystemActor(actor)) return true;
  if (!isUser(actor) || !hasPermission(actor.role, 'inventory.write')) return false;
  if (isCrossTeam(actor.role)) return true;
  return ownerTeamId !== null && actor.teamIds.includes(ownerTeamId);
}

/** Admins and managers change any item; leads and members only their own teams' items. */
export function assertCanChangeItem(actor: InventoryActor, ownerTeamId: number | null): void {
  assertPermission(actor, 'inventory.write');
  if (!canChangeItem(actor, ownerTeamId)) {
    throw appError('forbidden', phrase('inventory.otherTeam'));
  }
}

/** Leads and members create items only for one of their own teams (and give items only to them). */
export function assertCanOwnItem(actor: InventoryActor, ownerTeamId: number | null): void {
  assertPermission(actor, 'inventory.write');
  if (!canChangeItem(actor, ownerTeamId)) {
    throw appError('forbidden', phrase('inventory.ownTeamsOnly'), [
      { path: 'body.ownerTeamId', message: phrase('issue.chooseOwnTeam') },
    ]);
  }
}
