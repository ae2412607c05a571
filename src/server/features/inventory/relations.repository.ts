import type { RelationKind } from '../../../shared/contracts/inventory';
import type { Db } from '../../db/connect';
import { chunk } from './inventory.repository';

/** A relation with the names of both ends, as the API shows it. */
export interface RelationWithNamesRow {
  id: number;
  sourceItemId: number;
  sourceName: string;
  targetItemId: number;
  targetName: string;
  kind: string;
  createdAt: number;
}

function selectRelationsWithNames(db: Db) {
  return db
    .selectFrom('relations')
    .innerJoin('items as source', 'source.id', 'relations.sourceItemId')
    .innerJoin('items as target', 'target.id', 'relations.targetItemId')
    .select([
      'relations.id',
      'relations.sourceItemId',
      'source.name as sourceName',
      'relations.targetItemId',
      'target.name as targetName',
      'relations.kind',
      'relations.createdAt',
    ]);
}

export function findRelationRow(db: Db, id: number): Promise<RelationWithNamesRow | undefined> {
  return selectRelationsWithNames(db).where('relations.id', '=', id).executeTakeFirst();
}

export function findRelationByEnds(db: Db, sourceItemId: number, targetItemId: number, kind: RelationKind) {
  return db
    .selectFrom('relations')
    .select('id')
    .where('sourceItemId', '=', sourceItemId)
    .where('targetItemId', '=', targetItemId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** The relations leaving and reaching one item, ordered by the other end's name. */
export async function listRelationsOfItem(db: Db, itemId: number) {
  const [outgoing, incoming] = await Promise.all([
    selectRelationsWithNames(db)
      .where('relations.sourceItemId', '=', itemId)
      .orderBy('target.name')
      .orderBy('relations.id')
      .execute(),
    selectRelationsWithNames(db)
      .where('relations.targetItemId', '=', itemId)
      .orderBy('source.name')
      .orderBy('relations.id')
      .execute(),
  ]);
  return { outgoing, incoming };
}

/** Every relation, in id order. */
export function listAllRelationRows(db: Db): Promise<RelationWithNamesRow[]> {
  return selectRelationsWithNames(db).orderBy('relations.id').execute();
}

export async function insertRelationRow(
  db: Db,
  relation: { sourceItemId: number; targetItemId: number; kind: RelationKind },
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('relations')
    .values({ ...relation, createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteRelationRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('relations').where('id', '=', id).execute();
}

/** The sources of relations of the given kinds whose target is one of `targetIds`: one level of dependants. */
export async function listSourcesOf(
  db: Db,
  targetIds: readonly number[],
  kinds: readonly RelationKind[],
): Promise<number[]> {
  const sources: number[] = [];
  for (const part of chunk(targetIds)) {
    const rows = await db
      .selectFrom('relations')
      .select('sourceItemId')
      .distinct()
      .where('targetItemId', 'in', part)
      .where('kind', 'in', [...kinds])
      .execute();
    sources.push(...rows.map((row) => row.sourceItemId));
  }
  return sources;
}

/** The items on the other end of any relation touching one of `itemIds`, in either direction. */
export async function listNeighboursOf(db: Db, itemIds: readonly number[]): Promise<number[]> {
  const neighbours: number[] = [];
  for (const part of chunk(itemIds)) {
    const rows = await db
      .selectFrom('relations')
      .select(['sourceItemId', 'targetItemId'])
      .where((eb) => eb.or([eb('sourceItemId', 'in', part), eb('targetItemId', 'in', part)]))
      .orderBy('id')
      .execute();
    for (const row of rows) neighbours.push(row.sourceItemId, row.targetItemId);
  }
  return neighbours;
}

/** The relations whose two ends are both among `itemIds` (at most a few hundred ids). */
export async function listRelationsAmong(db: Db, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  const ids = new Set(itemIds);
  const rows = [];
  for (const part of chunk(itemIds)) {
    const found = await db
      .selectFrom('relations')
      .select(['id', 'sourceItemId', 'targetItemId', 'kind'])
      .where('sourceItemId', 'in', part)
      .orderBy('id')
      .execute();
    rows.push(...found.filter((row) => ids.has(row.targetItemId)));
  }
  return rows;
}
