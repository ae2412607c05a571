import { hasPermission, isCrossTeam, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI, jobs, other features), an AuditActor whose userId is null. */
export type IncidentActor = Actor | AuditActor;

function isUser(actor: IncidentActor): actor is Actor {
  return 'role' in actor;
}

function assertPermission(actor: IncidentActor, permission: Permission): void {
  if (!isUser(actor) && actor.userId === null) return;
  // An AuditActor naming a user but carrying no role cannot be checked: refuse rather than guess.
  if (!isUser(actor) || !hasPermission(actor.role, permission)) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
}

/** Every role with `read` sees every incident and its timeline. */
export function assertCanReadIncidents(actor: IncidentActor): void {
  assertPermission(actor, 'read');
}

/** Whether the actor may act on an incident of `teamId`: its team's leads and members, managers, admins. */
export function canChangeIncident(actor: IncidentActor, teamId: number | null): boolean {
  if (!isUser(actor)) return actor.userId === null;
  if (!hasPermission(actor.role, 'incidents.write')) return false;
  if (isCrossTeam(actor.role)) return true;
  return teamId !== null && actor.teamIds.includes(teamId);
}

/** Admins and managers act on every incident; leads and members on their own teams' incidents. */
export function assertCanChangeIncident(actor: IncidentActor, teamId: number | null): void {
  assertPermission(actor, 'incidents.write');
  if (!canChangeIncident(actor, teamId)) {
    throw appError('forbidden', phrase('incidents.otherTeam'));
  }
}

/** Leads and members open incidents only for one of their own teams. */
export function assertCanOpenIncidentFor(actor: IncidentActor, teamId: number | null): void {
  assertPermission(actor, 'incidents.write');
  if (!canChangeIncident(actor, teamId)) {
    throw appError('forbidden', phrase('incidents.ownTeamsOnly'), [
      { path: 'body.teamId', message: phrase('issue.chooseOwnTeam') },
    ]);
  }
}

/** How the timeline names a person: their name, or the label for Regia and the CLI. */
export function timelineActorOf(actor: IncidentActor): { id: number | null; label: string } {
  return isUser(actor) ? { id: actor.userId, label: actor.name } : { id: actor.userId, label: actor.label };
}
