import { isCrossTeam } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI, apply) with no user. */
export type TeamActor = Actor | (AuditActor & { userId: null });

/** Regia itself, admins and managers manage every team's membership; a lead manages their own team's. */
export function assertCanManageMembers(actor: TeamActor, teamId: number): void {
  if (!('role' in actor)) return;
  if (isCrossTeam(actor.role)) return;
  if (actor.role === 'lead' && actor.leadTeamIds.includes(teamId)) return;
  throw new AppError('forbidden', 'Only the team lead, a manager or an admin manages this team');
}
