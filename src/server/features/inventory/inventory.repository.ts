import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { itemSortFields } from '../../../shared/contracts/inventory';
import type { Db } from '../../db/connect';
import type { Database, ItemRow } from '../../db/schema';
import { containsText } from '../../db/text-search';

/** An item row with its owner team's name, as every read returns it. */
export type ItemWithTeamRow = ItemRow & { ownerTeamName: string | null };

/** The list filters; each is optional and they combine with AND. */
export interface ItemFilter {
  q?: string | undefined;
  kind?: string | undefined;
  ownerTeamId?: number | undefined;
  criticality?: number | undefined;
  environment?: string | undefined;
  tag?: string | undefined;
}

export interface ItemOrder {
  sort: (typeof itemSortFields)[number];
  direction: 'asc' | 'desc';
}

/** The columns a person writes, as stored (attributes already JSON text). */
export type ItemValues = Omit<ItemRow, 'id' | 'createdAt' | 'updatedAt'>;

// Parameter lists stay well below SQLite's and PostgreSQL's limits on bound values.
const chunkSize = 500;

/** Splits ids (or names) into chunks for `IN (...)` lists. */
export function chunk<T>(values: readonly T[], size = chunkSize): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

function filterConditions(eb: ExpressionBuilder<Database, 'items'>, filter: ItemFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.q) {
    const searched = ['items.name', 'items.description', 'items.vendor', 'items.location'] as const;
    conditions.push(
      eb.or(
        containsText(
          searched.map((column) => eb.ref(column)),
          filter.q,
        ),
      ),
    );
  }
  if (filter.kind !== undefined) conditions.push(eb('items.kind', '=', filter.kind));
  if (filter.ownerTeamId !== undefined) conditions.push(eb('items.ownerTeamId', '=', filter.ownerTeamId));
  if (filter.criticality !== undefined) conditions.push(eb('items.criticality', '=', filter.criticality));
  if (filter.environment !== undefined) conditions.push(eb('items.environment', '=', filter.environment));
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('itemTags')
          .select('itemTags.itemId')
          .whereRef('itemTags.itemId', '=', 'items.id')
          .where('itemTags.tag', '=', tag),
      ),
    );
  }
  return eb.and(conditions);
}

function selectItemsWithTeam(db: Db) {
  return db
    .selectFrom('items')
    .leftJoin('teams', 'teams.id', 'items.ownerTeamId')
    .selectAll('items')
    .select('teams.name as ownerTeamName');
}

/** Items matching a filter in the requested order; a page of them when `page` is given, and the total. */
export async function listItemRows(
  db: Db,
  filter: ItemFilter,
  order: ItemOrder,
  page?: { limit: number; offset: number },
): Promise<{ rows: ItemWithTeamRow[]; total: number }> {
  let query = selectItemsWithTeam(db).where((eb) => filterConditions(eb, filter));
  // Items without an end of support sort last in both directions and on both dialects.
  if (order.sort === 'endOfSupport') {
    query = query.orderBy((eb) => eb.case().when('items.endOfSupport', 'is', null).then(1).else(0).end());
  }
  query =
    order.sort === 'name'
      ? query.orderBy(sql`lower(${sql.ref('items.name')})`, order.direction)
      : query.orderBy(`items.${order.sort}`, order.direction).orderBy(sql`lower(${sql.ref('items.name')})`);
  query = query.orderBy('items.id', order.direction);
  if (page) query = query.limit(page.limit).offset(page.offset);
  const countQuery = db
    .selectFrom('items')
    .where((eb) => filterConditions(eb, filter))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([query.execute(), countQuery.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

/** Items by id, in no particular order; unknown ids are left out. */
export async function findItemRowsByIds(db: Db, ids: readonly number[]): Promise<ItemWithTeamRow[]> {
  const rows: ItemWithTeamRow[] = [];
  for (const part of chunk([...new Set(ids)])) {
    rows.push(...(await selectItemsWithTeam(db).where('items.id', 'in', part).execute()));
  }
  return rows;
}

export function findItemRow(db: Db, id: number): Promise<ItemWithTeamRow | undefined> {
  return selectItemsWithTeam(db).where('items.id', '=', id).executeTakeFirst();
}

/** The item with exactly this name (names are unique, and compared as stored). */
export function findItemRowByName(db: Db, name: string): Promise<ItemWithTeamRow | undefined> {
  return selectItemsWithTeam(db).where('items.name', '=', name).executeTakeFirst();
}

/** Items by exact name, for matching import rows. */
export async function findItemRowsByNames(db: Db, names: readonly string[]): Promise<ItemWithTeamRow[]> {
  const rows: ItemWithTeamRow[] = [];
  for (const part of chunk([...new Set(names)])) {
    rows.push(...(await selectItemsWithTeam(db).where('items.name', 'in', part).execute()));
  }
  return rows;
}

/** The tags of each item, sorted, by item id. */
export async function listTagsOfItems(db: Db, itemIds: readonly number[]): Promise<Map<number, string[]>> {
  const tagsOf = new Map<number, string[]>();
  for (const part of chunk([...new Set(itemIds)])) {
    const rows = await db
      .selectFrom('itemTags')
      .select(['itemId', 'tag'])
      .where('itemId', 'in', part)
      .orderBy('tag')
      .execute();
    for (const row of rows) tagsOf.set(row.itemId, [...(tagsOf.get(row.itemId) ?? []), row.tag]);
  }
  return tagsOf;
}

export function insertItemRow(db: Db, values: ItemValues, now: number): Promise<ItemRow> {
  return db
    .insertInto('items')
    .values({ ...values, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts many items in few statements (import); returns the stored rows in no particular order. */
export async function insertItemRows(db: Db, values: readonly ItemValues[], now: number): Promise<ItemRow[]> {
  const rows: ItemRow[] = [];
  // 17 columns a row: 200 rows stay far below either dialect's limit on bound values.
  for (const part of chunk(values, 200)) {
    const inserted = await db
      .insertInto('items')
      .values(part.map((value) => ({ ...value, createdAt: now, updatedAt: now })))
      .returningAll()
      .execute();
    rows.push(...inserted);
  }
  return rows;
}

/** Adds tags to items in few statements; the items must not have these tags yet. */
export async function insertItemTags(
  db: Db,
  tags: readonly { itemId: number; tag: string }[],
): Promise<void> {
  for (const part of chunk(tags)) await db.insertInto('itemTags').values(part).execute();
}

/** Removes every tag of the given items. */
export async function deleteTagsOfItems(db: Db, itemIds: readonly number[]): Promise<void> {
  for (const part of chunk(itemIds)) await db.deleteFrom('itemTags').where('itemId', 'in', part).execute();
}

export function updateItemRow(
  db: Db,
  id: number,
  change: Partial<ItemValues>,
  now: number,
): Promise<ItemRow> {
  return db
    .updateTable('items')
    .set({ ...change, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteItemRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('items').where('id', '=', id).execute();
}

/** Sets an item's tags to exactly `tags` (already deduplicated). */
export async function replaceItemTags(db: Db, itemId: number, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('itemTags').where('itemId', '=', itemId).execute();
  if (tags.length > 0) {
    await db
      .insertInto('itemTags')
      .values(tags.map((tag) => ({ itemId, tag })))
      .execute();
  }
}

/** Every team's id and name, for resolving owner teams. */
export function listTeamNames(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
}

export function findTeamName(db: Db, id: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** True when a driver error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
