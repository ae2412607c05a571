import { hasPermission, type Permission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { AuditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/** A signed-in user, or Regia itself (CLI apply) as an AuditActor whose userId is null. */
export type StatusPageActor = Actor | AuditActor;

function assertPermission(actor: StatusPageActor, permission: Permission): void {
  if (!('role' in actor) && actor.userId === null) return;
  if (!('role' in actor) || !hasPermission(actor.role, permission)) {
    throw appError('forbidden', phrase('access.roleForbids'));
  }
}

/** Every role with `read` sees the pages and their previews, published or not. */
export function assertCanReadStatusPages(actor: StatusPageActor): void {
  assertPermission(actor, 'read');
}

/** Only admins and managers change pages: what they show, anyone on the internet may read. */
export function assertCanManageStatusPages(actor: StatusPageActor): void {
  assertPermission(actor, 'statusPages.manage');
}
