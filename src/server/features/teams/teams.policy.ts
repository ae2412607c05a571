import { AppError } from '../../../shared/errors';
import { isCrossTeam } from '../../../shared/domain/roles';
import type { Actor } from '../auth/actor';

/** Admins and managers manage every team's membership; a lead manages their own team's. */
export function assertCanManageMembers(actor: Actor, teamId: number): void {
  if (isCrossTeam(actor.role)) return;
  if (actor.role === 'lead' && actor.leadTeamIds.includes(teamId)) return;
  throw new AppError('forbidden', 'Only the team lead, a manager or an admin manages this team');
}
