import type { Insertable } from 'kysely';
import type { Db, Dialect } from '../../db/connect';
import type { WorkflowStatesTable } from '../../db/schema';

export interface StateRow {
  id: number;
  teamId: number;
  name: string;
  category: string;
  position: number;
  wipLimit: number | null;
}

const stateColumns = ['id', 'teamId', 'name', 'category', 'position', 'wipLimit'] as const;

/** A team's states in board order. */
export function listStateRows(db: Db, teamId: number): Promise<StateRow[]> {
  return db
    .selectFrom('workflowStates')
    .select(stateColumns)
    .where('teamId', '=', teamId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** One state; on PostgreSQL its row is locked when `lock` (two moves into a full state queue up). */
export function findStateRow(db: Db, id: number, lock?: { dialect: Dialect }): Promise<StateRow | undefined> {
  let query = db.selectFrom('workflowStates').select(stateColumns).where('id', '=', id);
  if (lock?.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertStateRows(
  db: Db,
  rows: Omit<Insertable<WorkflowStatesTable>, 'id'>[],
): Promise<void> {
  await db.insertInto('workflowStates').values(rows).execute();
}

export async function updateStateRow(
  db: Db,
  id: number,
  change: Partial<Omit<Insertable<WorkflowStatesTable>, 'id' | 'teamId'>>,
): Promise<void> {
  await db.updateTable('workflowStates').set(change).where('id', '=', id).execute();
}

export async function deleteStateRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('workflowStates').where('id', '=', id).execute();
}

/** How many items each state of a team holds. */
export async function countItemsByState(db: Db, teamId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('workItems')
    .select(['stateId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('teamId', '=', teamId)
    .groupBy('stateId')
    .execute();
  return new Map(rows.map((row) => [row.stateId, Number(row.n)]));
}

/** How many items one state holds. */
export async function countItemsInState(db: Db, stateId: number): Promise<number> {
  const row = await db
    .selectFrom('workItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stateId', '=', stateId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
