import { isCrossTeam } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI, apply) with no user. */
export type TeamActor = Actor | (AuditActor & { userId: null });

/** Regia itself, admins and managers manage every team's membership; a lead manages their own team's. */
export function assertCanManageMembers(actor: TeamActor, teamId: number): void {
  if (!('role' in actor)) return;
  if (isCrossTeam(actor.role)) return;
  if (actor.role === 'lead' && actor.leadTeamIds.includes(teamId)) return;
  throw appError('forbidden', phrase('teams.manageForbidden'));
}
