import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { Database, WorkViewsTable } from '../../db/schema';

/** A saved view row with its owner's name. */
export interface WorkViewRow {
  id: number;
  teamId: number;
  ownerId: number | null;
  ownerName: string | null;
  name: string;
  isShared: number;
  query: string;
  createdAt: number;
  updatedAt: number;
}

function selectWorkViews(db: Db) {
  return db
    .selectFrom('workViews')
    .leftJoin('users', 'users.id', 'workViews.ownerId')
    .select([
      'workViews.id',
      'workViews.teamId',
      'workViews.ownerId',
      'users.name as ownerName',
      'workViews.name',
      'workViews.isShared',
      'workViews.query',
      'workViews.createdAt',
      'workViews.updatedAt',
    ]);
}

export function findWorkViewRow(db: Db, id: number): Promise<WorkViewRow | undefined> {
  return selectWorkViews(db).where('workViews.id', '=', id).executeTakeFirst();
}

/** Who may see which views: their own, and the shared ones of the teams given (all teams when null). */
export interface ViewVisibility {
  userId: number;
  sharedTeamIds: readonly number[] | null;
}

function visibleTo(
  eb: ExpressionBuilder<Database, 'workViews'>,
  visibility: ViewVisibility,
  teamId: number | undefined,
): Expression<SqlBool> {
  const shared: Expression<SqlBool>[] = [eb('workViews.isShared', '=', 1)];
  if (visibility.sharedTeamIds !== null) {
    // An empty IN list is not valid SQL: no team means no shared view.
    shared.push(
      visibility.sharedTeamIds.length > 0
        ? eb('workViews.teamId', 'in', [...visibility.sharedTeamIds])
        : sql<SqlBool>`1 = 0`,
    );
  }
  const conditions: Expression<SqlBool>[] = [
    eb.or([eb('workViews.ownerId', '=', visibility.userId), eb.and(shared)]),
  ];
  if (teamId !== undefined) conditions.push(eb('workViews.teamId', '=', teamId));
  return eb.and(conditions);
}

/** A page of the views a person sees, optionally of one team, by name. */
export async function listWorkViewRows(
  db: Db,
  visibility: ViewVisibility,
  teamId: number | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: WorkViewRow[]; total: number }> {
  const rows = await selectWorkViews(db)
    .where((eb) => visibleTo(eb, visibility, teamId))
    .orderBy('workViews.name')
    .orderBy('workViews.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await db
    .selectFrom('workViews')
    .where((eb) => visibleTo(eb, visibility, teamId))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertWorkViewRow(db: Db, values: Omit<Insertable<WorkViewsTable>, 'id'>) {
  const row = await db.insertInto('workViews').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWorkViewRow(db: Db, id: number, change: Partial<Insertable<WorkViewsTable>>) {
  await db.updateTable('workViews').set(change).where('id', '=', id).execute();
}

export async function deleteWorkViewRow(db: Db, id: number) {
  await db.deleteFrom('workViews').where('id', '=', id).execute();
}
