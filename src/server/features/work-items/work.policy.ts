import { hasPermission, isCrossTeam, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (jobs, apply, other features), an AuditActor whose userId is null. */
export type WorkActor = Actor | AuditActor;

function isUser(actor: WorkActor): actor is Actor {
  return 'role' in actor;
}

function hasRight(actor: WorkActor, permission: Permission): boolean {
  // Regia itself acts for everyone; an AuditActor naming a user without a role cannot be checked.
  if (!isUser(actor)) return actor.userId === null;
  return hasPermission(actor.role, permission);
}

/** Every role with `read` sees every team's work (auditors included). */
export function assertCanReadWork(actor: WorkActor): void {
  if (!hasRight(actor, 'read')) throw appError('forbidden', phrase('access.roleForbids'));
}

/** Members and leads change their own teams' items; managers and admins every team's. */
export function canChangeWork(actor: WorkActor, teamId: number): boolean {
  if (!hasRight(actor, 'work.write')) return false;
  if (!isUser(actor) || isCrossTeam(actor.role)) return true;
  return actor.teamIds.includes(teamId);
}

/** Refuses a change to another team's work items. */
export function assertCanChangeWork(actor: WorkActor, teamId: number): void {
  if (!canChangeWork(actor, teamId)) {
    throw appError('forbidden', phrase('work.otherTeam'));
  }
}

/** Leads manage their own team's workflow and recurring work; managers and admins every team's. */
export function canManageWorkflow(actor: WorkActor, teamId: number): boolean {
  if (!hasRight(actor, 'workflows.manage')) return false;
  if (!isUser(actor) || isCrossTeam(actor.role)) return true;
  return actor.leadTeamIds.includes(teamId);
}

/** Refuses a workflow change to anyone but the team's lead, a manager or an admin. */
export function assertCanManageWorkflow(actor: WorkActor, teamId: number): void {
  if (!canManageWorkflow(actor, teamId)) {
    throw appError('forbidden', phrase('work.workflowForbidden'));
  }
}
