import { hasPermission } from '../../../shared/domain/roles';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import type { Actor } from '../auth/actor';
import { canChangeWork } from '../work-items/work.policy';

/** Everyone who may read work sees every request; a requester only the ones they follow. */
export function canReadAllRequests(actor: Actor): boolean {
  return hasPermission(actor.role, 'read');
}

/** A request is visible to readers of work and to the people who follow it. */
export function canSeeRequest(actor: Actor, followerIds: readonly number[]): boolean {
  return canReadAllRequests(actor) || followerIds.includes(actor.userId);
}

/** Triage (accept, merge, decline) is for those who change the team's work: members, leads, managers. */
export function canTriageRequest(actor: Actor, teamId: number): boolean {
  return canChangeWork(actor, teamId);
}

export function assertCanTriageRequest(actor: Actor, teamId: number): void {
  if (!canTriageRequest(actor, teamId)) {
    throw appError('forbidden', phrase('requests.triageForbidden'));
  }
}

/** Listing beyond one's own requests needs the right to read work. */
export function assertCanReadAllRequests(actor: Actor): void {
  if (!canReadAllRequests(actor)) throw appError('forbidden', phrase('requests.ownOnly'));
}
