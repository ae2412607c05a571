import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { StatusPagesTable } from '../../db/schema';
import { chunk } from '../inventory/inventory.repository';

export type StatusPageRow = Selectable<StatusPagesTable>;
export type StatusPageValues = Omit<Insertable<StatusPagesTable>, 'id'>;

/** A shown service with the item's internal name (for editors only). */
export interface PageServiceRow {
  pageId: number;
  itemId: number;
  itemName: string;
  displayName: string;
  position: number;
}

export async function listPageRows(db: Db, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('statusPages')
      .selectAll()
      .orderBy('slug')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('statusPages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every page (for export). */
export function listAllPageRows(db: Db): Promise<StatusPageRow[]> {
  return db.selectFrom('statusPages').selectAll().orderBy('slug').execute();
}

export function findPageRow(db: Db, id: number): Promise<StatusPageRow | undefined> {
  return db.selectFrom('statusPages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPageRowBySlug(db: Db, slug: string): Promise<StatusPageRow | undefined> {
  return db.selectFrom('statusPages').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertPageRow(db: Db, values: StatusPageValues): Promise<number> {
  const row = await db.insertInto('statusPages').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePageRow(db: Db, id: number, values: Partial<StatusPageValues>): Promise<void> {
  await db.updateTable('statusPages').set(values).where('id', '=', id).execute();
}

export async function deletePageRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('statusPages').where('id', '=', id).execute();
}

/** The services of some pages, in their order. */
export async function listServiceRows(db: Db, pageIds: readonly number[]): Promise<PageServiceRow[]> {
  const rows: PageServiceRow[] = [];
  for (const part of chunk(pageIds)) {
    rows.push(
      ...(await db
        .selectFrom('statusPageServices')
        .innerJoin('items', 'items.id', 'statusPageServices.itemId')
        .select([
          'statusPageServices.pageId',
          'statusPageServices.itemId',
          'items.name as itemName',
          'statusPageServices.displayName',
          'statusPageServices.position',
        ])
        .where('statusPageServices.pageId', 'in', part)
        .orderBy('statusPageServices.position')
        .execute()),
    );
  }
  return rows;
}

/** Replaces a page's services; their order is the list's. */
export async function replaceServiceRows(
  db: Db,
  pageId: number,
  services: readonly { itemId: number; displayName: string }[],
): Promise<void> {
  await db.deleteFrom('statusPageServices').where('pageId', '=', pageId).execute();
  if (services.length === 0) return;
  await db
    .insertInto('statusPageServices')
    .values(services.map((service, position) => ({ pageId, ...service, position })))
    .execute();
}

/** The ids among `ids` that are items. */
export async function listExistingItemIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('items')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}
