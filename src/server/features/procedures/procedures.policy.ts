import { hasPermission, isCrossTeam, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI, jobs, other features), an AuditActor whose userId is null. */
export type ProcedureActor = Actor | AuditActor;

function isUser(actor: ProcedureActor): actor is Actor {
  return 'role' in actor;
}

function assertPermission(actor: ProcedureActor, permission: Permission): void {
  if (!isUser(actor) && actor.userId === null) return;
  // An AuditActor naming a user but carrying no role cannot be checked: refuse rather than guess.
  if (!isUser(actor) || !hasPermission(actor.role, permission)) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
}

/** Every role with `read` sees every procedure test and its history. */
export function assertCanReadProcedures(actor: ProcedureActor): void {
  assertPermission(actor, 'read');
}

/** Whether the actor may change, or record outcomes of, a test owned by `ownerTeamId`. */
export function canChangeProcedureTest(actor: ProcedureActor, ownerTeamId: number | null): boolean {
  if (!isUser(actor)) return actor.userId === null;
  if (!hasPermission(actor.role, 'inventory.write')) return false;
  if (isCrossTeam(actor.role)) return true;
  return ownerTeamId !== null && actor.teamIds.includes(ownerTeamId);
}

/** Admins and managers change any test; leads and members only their own teams' tests. */
export function assertCanChangeProcedureTest(actor: ProcedureActor, ownerTeamId: number | null): void {
  assertPermission(actor, 'inventory.write');
  if (!canChangeProcedureTest(actor, ownerTeamId)) {
    throw appError('forbidden', phrase('procedures.otherTeam'));
  }
}

/** Leads and members create tests only for one of their own teams (and hand them only to them). */
export function assertCanOwnProcedureTest(actor: ProcedureActor, ownerTeamId: number): void {
  assertPermission(actor, 'inventory.write');
  if (!canChangeProcedureTest(actor, ownerTeamId)) {
    throw appError('forbidden', phrase('procedures.ownTeamsOnly'), [
      { path: 'body.ownerTeamId', message: phrase('issue.chooseOwnTeam') },
    ]);
  }
}
