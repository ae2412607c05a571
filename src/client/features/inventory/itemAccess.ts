import type { Me } from '../../../shared/contracts/auth';
import { hasPermission, isCrossTeam } from '../../../shared/domain/roles';

/** Whether to offer editing an item: admins and managers always, others on their own teams' items. */
export function canEditItem(me: Me, ownerTeamId: number | null): boolean {
  if (!hasPermission(me.role, 'inventory.write')) return false;
  if (isCrossTeam(me.role)) return true;
  return ownerTeamId !== null && me.teamIds.includes(ownerTeamId);
}
