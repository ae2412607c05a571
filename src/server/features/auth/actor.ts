import type { Role } from '../../../shared/domain/roles';
import type { Db } from '../../db/connect';

/** Who is calling: the signed-in user with their teams, and how they proved it. */
export interface Actor {
  userId: number;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  teamIds: number[];
  leadTeamIds: number[];
  via: 'session' | 'token';
  /** hashed id of the session, when signed in by cookie */
  sessionId: string | null;
  /** how the audit log names them */
  label: string;
}

/** Loads an enabled user and their team memberships as an Actor, or null. */
export async function loadActor(
  db: Db,
  userId: number,
  via: Actor['via'],
  sessionId: string | null,
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'locale', 'isDisabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.isDisabled) return null;
  const memberships = await db
    .selectFrom('teamMembers')
    .select(['teamId', 'isLead'])
    .where('userId', '=', userId)
    .execute();
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    locale: user.locale,
    teamIds: memberships.map((m) => m.teamId),
    leadTeamIds: memberships.filter((m) => m.isLead).map((m) => m.teamId),
    via,
    sessionId,
    label: user.email,
  };
}
