import { isCrossTeam } from '../../../shared/domain/roles';
import { useSignedInUser } from '../auth/auth.api';
import { useTeams } from './teams.api';

/**
 * The teams a user may make a record's owner: any team for roles that span teams, else their own.
 * The record's current owner stays listed, so editing it does not blank a team the user is not in.
 */
export function useOwnerTeamOptions(currentTeamId: string | null) {
  const me = useSignedInUser();
  const teams = useTeams();
  const isAnyTeam = isCrossTeam(me.role);
  return (teams.data?.rows ?? [])
    .filter((team) => isAnyTeam || me.teamIds.includes(team.id) || String(team.id) === currentTeamId)
    .map((team) => ({ value: String(team.id), label: team.name }));
}
