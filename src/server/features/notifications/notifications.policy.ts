import { hasPermission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI, configuration apply), an AuditActor whose userId is null. */
export type NotificationActor = Actor | AuditActor;

/**
 * Channels and rules reach outside Regia (and hold credentials), so only roles with
 * `notifications.manage` (admins and managers) see or change them, and the delivery log with them.
 */
export function assertCanManageNotifications(actor: NotificationActor): void {
  if (!('role' in actor)) {
    if (actor.userId === null) return;
    // An AuditActor naming a user but carrying no role cannot be checked: refuse rather than guess.
    throw appError('forbidden', phrase('access.roleForbids'));
  }
  if (!hasPermission(actor.role, 'notifications.manage')) {
    throw appError('forbidden', phrase('notifications.managersOnly'));
  }
}
