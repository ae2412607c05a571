import type { Db } from '../../db/connect';

/** Teams with their members, ordered by name. */
export async function listTeamsWithMembers(db: Db, ids?: number[]) {
  let query = db.selectFrom('teams').selectAll();
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : [-1]);
  const teams = await query.orderBy('name').execute();
  if (teams.length === 0) return [];
  const members = await db
    .selectFrom('teamMembers')
    .innerJoin('users', 'users.id', 'teamMembers.userId')
    .select(['teamMembers.teamId', 'teamMembers.userId', 'teamMembers.isLead', 'users.email', 'users.name'])
    .where(
      'teamMembers.teamId',
      'in',
      teams.map((t) => t.id),
    )
    .orderBy('users.name')
    .execute();
  return teams.map((team) => ({
    ...team,
    members: members
      .filter((m) => m.teamId === team.id)
      .map((m) => ({ userId: m.userId, email: m.email, name: m.name, isLead: Boolean(m.isLead) })),
  }));
}

export function findTeamByName(db: Db, name: string) {
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
}

export function insertTeam(db: Db, team: { name: string; description: string; now: number }) {
  return db
    .insertInto('teams')
    .values({ name: team.name, description: team.description, createdAt: team.now, updatedAt: team.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateTeamRow(
  db: Db,
  id: number,
  change: { name?: string; description?: string; updatedAt: number },
) {
  return db.updateTable('teams').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteTeamRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

/** Adds a member or changes their lead flag. */
export async function upsertMember(db: Db, teamId: number, userId: number, isLead: boolean): Promise<void> {
  await db
    .insertInto('teamMembers')
    .values({ teamId, userId, isLead: Number(isLead) })
    .onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ isLead: Number(isLead) }))
    .execute();
}

export async function deleteMember(db: Db, teamId: number, userId: number): Promise<void> {
  await db.deleteFrom('teamMembers').where('teamId', '=', teamId).where('userId', '=', userId).execute();
}
