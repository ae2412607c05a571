import type { z } from 'zod';
import {
  type Item,
  type ItemKind,
  ItemListQuery,
  type ItemPage,
  NewItem,
  type NewItemInput,
  UpdateItem,
} from '../../../shared/contracts/inventory';
import type { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import {
  assertCanChangeItem,
  assertCanOwnItem,
  assertCanReadInventory,
  type InventoryActor,
} from './inventory.policy';
import {
  deleteItemRow,
  findItemRow,
  findItemRowByName,
  findTeamName,
  type ItemValues,
  type ItemWithTeamRow,
  insertItemRow,
  isUniqueViolation,
  listItemRows,
  listTagsOfItems,
  replaceItemTags,
  updateItemRow,
} from './inventory.repository';
import { listRelationsOfItem } from './relations.repository';

/** The API shape of an item row with its tags. */
export function toItem(row: ItemWithTeamRow, tags: readonly string[]): Item {
  return {
    id: row.id,
    kind: row.kind as ItemKind,
    name: row.name,
    description: row.description,
    ownerTeamId: row.ownerTeamId,
    ownerTeamName: row.ownerTeamName,
    criticality: row.criticality,
    environment: row.environment,
    location: row.location,
    vendor: row.vendor,
    acquiredOn: row.acquiredOn,
    warrantyEnd: row.warrantyEnd,
    endOfSupport: row.endOfSupport,
    purchaseCostCents: row.purchaseCostCents,
    annualCostCents: row.annualCostCents,
    currency: row.currency,
    tags: [...tags],
    attributes: parseAttributes(row.attributes),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function parseAttributes(text: string): Item['attributes'] {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Item['attributes']) : {};
  } catch {
    return {};
  }
}

/** Rows with their tags, in the rows' order, as API items. */
export async function toItems(db: Db, rows: readonly ItemWithTeamRow[]): Promise<Item[]> {
  const tagsOf = await listTagsOfItems(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toItem(row, tagsOf.get(row.id) ?? []));
}

/** The fields a person writes, out of an item: what import and update compare. */
export function contentOf(item: Item): NewItem {
  return {
    kind: item.kind,
    name: item.name,
    description: item.description,
    ownerTeamId: item.ownerTeamId,
    criticality: item.criticality,
    environment: item.environment as NewItem['environment'],
    location: item.location,
    vendor: item.vendor,
    acquiredOn: item.acquiredOn,
    warrantyEnd: item.warrantyEnd,
    endOfSupport: item.endOfSupport,
    purchaseCostCents: item.purchaseCostCents,
    annualCostCents: item.annualCostCents,
    currency: item.currency,
    tags: item.tags,
    attributes: item.attributes,
  };
}

/** JSON with object keys sorted, so that equal attribute sets compare equal whatever their order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** True when two items' written fields are the same (tags compared as sets). */
export function isSameContent(a: NewItem, b: NewItem): boolean {
  const normalise = (item: NewItem) => canonicalJson({ ...item, tags: [...new Set(item.tags)].sort() });
  return normalise(a) === normalise(b);
}

/** The stored columns of an item's written fields. */
export function toItemValues(item: NewItem): ItemValues {
  const { tags: _tags, attributes, ...columns } = item;
  return { ...columns, attributes: JSON.stringify(attributes) };
}

/** Reads one item inside a transaction or outside it. */
export async function findItemIn(db: Db, id: number): Promise<Item | undefined> {
  const row = await findItemRow(db, id);
  if (!row) return undefined;
  const tagsOf = await listTagsOfItems(db, [id]);
  return toItem(row, tagsOf.get(id) ?? []);
}

function nameTaken(name: string): AppError {
  return appError('conflict', phrase('inventory.nameUsed', { name }), [
    { path: 'body.name', message: phrase('inventory.issueNameUsed') },
  ]);
}

/** Runs a change and turns a unique-name race lost in the database into the same 409 as the early check. */
async function withNameConflict<T>(name: string | undefined, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

async function assertNameFree(db: Db, name: string, exceptId?: number): Promise<void> {
  const existing = await findItemRowByName(db, name);
  if (existing && existing.id !== exceptId) throw nameTaken(name);
}

async function assertTeamExists(db: Db, teamId: number | null): Promise<void> {
  if (teamId === null) return;
  if (!(await findTeamName(db, teamId))) {
    throw appError('validation_failed', phrase('inventory.ownerTeamMissing'), [
      { path: 'body.ownerTeamId', message: phrase('issue.noTeamWithId', { id: teamId }) },
    ]);
  }
}

/** Tags without blanks or repeats, in their first order. */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** One page of items matching the query, with the total over all pages. */
export async function listItems(
  ctx: AppContext,
  actor: InventoryActor,
  query: z.input<typeof ItemListQuery> = {},
): Promise<ItemPage> {
  assertCanReadInventory(actor);
  const { page, pageSize, sort, direction, ...filter } = parseInput(ItemListQuery, query, 'querystring');
  const { rows, total } = await listItemRows(
    ctx.db,
    filter,
    { sort, direction },
    {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    },
  );
  return { rows: await toItems(ctx.db, rows), total, page, pageSize };
}

/** One item by id; 404 when there is none. */
export async function getItem(ctx: AppContext, actor: InventoryActor, id: number): Promise<Item> {
  assertCanReadInventory(actor);
  const item = await findItemIn(ctx.db, id);
  if (!item) throw notFound('item');
  return item;
}

/** The item with exactly this name, or null. */
export async function findItemByName(
  ctx: AppContext,
  actor: InventoryActor,
  name: string,
): Promise<Item | null> {
  assertCanReadInventory(actor);
  const row = await findItemRowByName(ctx.db, name);
  return row ? ((await toItems(ctx.db, [row]))[0] ?? null) : null;
}

/** Creates an item; leads and members only for one of their teams. Audited with the item as created. */
export async function createItem(ctx: AppContext, actor: InventoryActor, input: NewItemInput): Promise<Item> {
  const item = parseInput(NewItem, input, 'body');
  assertCanOwnItem(actor, item.ownerTeamId);
  return withNameConflict(item.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await assertTeamExists(trx, item.ownerTeamId);
      await assertNameFree(trx, item.name);
      const row = await insertItemRow(trx, toItemValues(item), ctx.now());
      await replaceItemTags(trx, row.id, uniqueTags(item.tags));
      const created = await findItemIn(trx, row.id);
      await recordChange(ctx, trx, actor, {
        action: 'item.create',
        entityType: 'item',
        entityId: row.id,
        after: created,
      });
      return created as Item;
    }),
  );
}

/**
 * Changes the given fields of an item. The actor must be allowed to change the item as it is, and,
 * when the owner team changes, to own it under the new team. A change that changes nothing is not
 * written or audited.
 */
export async function updateItem(
  ctx: AppContext,
  actor: InventoryActor,
  id: number,
  input: z.input<typeof UpdateItem>,
): Promise<Item> {
  const change = parseInput(UpdateItem, input, 'body');
  return withNameConflict(change.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findItemIn(trx, id);
      if (!before) throw notFound('item');
      assertCanChangeItem(actor, before.ownerTeamId);
      const { tags, ...fields } = change;
      // The whole item must still be a valid item (e.g. at most 100 attributes), not just the change.
      const merged = parseInput(
        NewItem,
        { ...contentOf(before), ...fields, tags: tags ? uniqueTags(tags) : before.tags },
        'body',
      );
      if (isSameContent(contentOf(before), merged)) return before;
      if (merged.ownerTeamId !== before.ownerTeamId) {
        assertCanOwnItem(actor, merged.ownerTeamId);
        await assertTeamExists(trx, merged.ownerTeamId);
      }
      if (merged.name !== before.name) await assertNameFree(trx, merged.name, id);
      await updateItemRow(trx, id, toItemValues(merged), ctx.now());
      if (tags) await replaceItemTags(trx, id, merged.tags);
      const after = await findItemIn(trx, id);
      await recordChange(ctx, trx, actor, {
        action: 'item.update',
        entityType: 'item',
        entityId: id,
        before,
        after,
      });
      return after as Item;
    }),
  );
}

/** Deletes an item and, with it, its relations; the audit record keeps both. */
export async function deleteItem(ctx: AppContext, actor: InventoryActor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const item = await findItemIn(trx, id);
    if (!item) throw notFound('item');
    assertCanChangeItem(actor, item.ownerTeamId);
    const relations = await listRelationsOfItem(trx, id);
    await deleteItemRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'item.delete',
      entityType: 'item',
      entityId: id,
      before: { ...item, relations: [...relations.outgoing, ...relations.incoming] },
    });
  });
}
