import type { z } from 'zod';
import {
  type DependencyGraph,
  GraphQuery,
  type Impact,
  type ItemKind,
  type ItemRelations,
  NewRelation,
  type Relation,
  type RelationKind,
} from '../../../shared/contracts/inventory';
import { walkBreadthFirst } from '../../../shared/domain/impact';
import type { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { assertCanChangeItem, assertCanReadInventory, type InventoryActor } from './inventory.policy';
import { findItemRow, findItemRowsByIds, isUniqueViolation } from './inventory.repository';
import {
  deleteRelationRow,
  findRelationByEnds,
  findRelationRow,
  insertRelationRow,
  listAllRelationRows,
  listNeighboursOf,
  listRelationsAmong,
  listRelationsOfItem,
  listSourcesOf,
  type RelationWithNamesRow,
} from './relations.repository';

/** "A dependsOn B" and "A runsOn B" both mean A fails when B fails; "connectsTo" carries no failure. */
export const impactRelationKinds: readonly RelationKind[] = ['dependsOn', 'runsOn'];

/** The most nodes a dependency map shows, so that the browser can still draw it. */
export const graphNodeLimit = 500;

function toRelation(row: RelationWithNamesRow): Relation {
  return { ...row, kind: row.kind as RelationKind };
}

function duplicateRelation(): AppError {
  return appError('conflict', phrase('inventory.relationExists'), [
    { path: 'body.targetItemId', message: phrase('inventory.issueRelationExists') },
  ]);
}

/** The relations leaving and reaching one item. */
export async function listItemRelations(
  ctx: AppContext,
  actor: InventoryActor,
  itemId: number,
): Promise<ItemRelations> {
  assertCanReadInventory(actor);
  if (!(await findItemRow(ctx.db, itemId))) throw notFound('item');
  const { outgoing, incoming } = await listRelationsOfItem(ctx.db, itemId);
  return { outgoing: outgoing.map(toRelation), incoming: incoming.map(toRelation) };
}

/** Every relation in the inventory (for the CLI's export and other features' maps). */
export async function listAllRelations(ctx: AppContext, actor: InventoryActor): Promise<Relation[]> {
  assertCanReadInventory(actor);
  return (await listAllRelationRows(ctx.db)).map(toRelation);
}

/**
 * Relates two items ("source kind target"). The actor must be allowed to change the source item;
 * an item cannot relate to itself, and the same relation cannot be made twice.
 */
export async function createRelation(
  ctx: AppContext,
  actor: InventoryActor,
  input: z.input<typeof NewRelation>,
): Promise<Relation> {
  const relation = parseInput(NewRelation, input, 'body');
  if (relation.sourceItemId === relation.targetItemId) {
    throw appError('validation_failed', phrase('inventory.relatedToItself'), [
      { path: 'body.targetItemId', message: phrase('inventory.issueChooseOtherItem') },
    ]);
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const [source, target] = await Promise.all([
        findItemRow(trx, relation.sourceItemId),
        findItemRow(trx, relation.targetItemId),
      ]);
      const missing = [
        ...(source
          ? []
          : [
              {
                path: 'body.sourceItemId',
                message: phrase('issue.noItemWithId', { id: relation.sourceItemId }),
              },
            ]),
        ...(target
          ? []
          : [
              {
                path: 'body.targetItemId',
                message: phrase('issue.noItemWithId', { id: relation.targetItemId }),
              },
            ]),
      ];
      if (!source || !target)
        throw appError('validation_failed', phrase('inventory.relatedItemMissing'), missing);
      assertCanChangeItem(actor, source.ownerTeamId);
      if (await findRelationByEnds(trx, relation.sourceItemId, relation.targetItemId, relation.kind)) {
        throw duplicateRelation();
      }
      const id = await insertRelationRow(trx, relation, ctx.now());
      const created = toRelation((await findRelationRow(trx, id)) as RelationWithNamesRow);
      await recordChange(ctx, trx, actor, {
        action: 'relation.create',
        entityType: 'relation',
        entityId: id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateRelation();
    throw error;
  }
}

/** Removes a relation; the actor must be allowed to change its source item. */
export async function deleteRelation(ctx: AppContext, actor: InventoryActor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findRelationRow(trx, id);
    if (!row) throw notFound('relation');
    const source = await findItemRow(trx, row.sourceItemId);
    assertCanChangeItem(actor, source?.ownerTeamId ?? null);
    await deleteRelationRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'relation.delete',
      entityType: 'relation',
      entityId: id,
      before: toRelation(row),
    });
  });
}

/**
 * Everything that transitively depends on an item through dependsOn and runsOn relations, nearest
 * first: the blast radius when the item fails. One query per level of the walk, never per item; a
 * cycle ends the walk instead of looping, and the item itself is never listed.
 */
export async function computeImpact(ctx: AppContext, actor: InventoryActor, itemId: number): Promise<Impact> {
  assertCanReadInventory(actor);
  if (!(await findItemRow(ctx.db, itemId))) throw notFound('item');
  const { depthOf } = await walkBreadthFirst(itemId, (frontier) =>
    listSourcesOf(ctx.db, frontier, impactRelationKinds),
  );
  depthOf.delete(itemId);
  const rows = await findItemRowsByIds(ctx.db, [...depthOf.keys()]);
  const impacted = rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind as ItemKind,
      criticality: row.criticality,
      depth: depthOf.get(row.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        a.depth - b.depth || a.criticality - b.criticality || a.name.localeCompare(b.name) || a.id - b.id,
    );
  return { itemId, impacted };
}

/**
 * The dependency map: around an item, every item up to `depth` hops away through relations of any
 * kind in either direction; without an item, the whole inventory. At most 500 nodes either way
 * (`isTruncated` says when some were left out), with every relation among them.
 */
export async function getDependencyGraph(
  ctx: AppContext,
  actor: InventoryActor,
  query: z.input<typeof GraphQuery> = {},
): Promise<DependencyGraph> {
  assertCanReadInventory(actor);
  const { itemId, depth } = parseInput(GraphQuery, query, 'querystring');
  let nodeIds: number[];
  let isTruncated: boolean;
  if (itemId !== undefined) {
    if (!(await findItemRow(ctx.db, itemId))) throw notFound('item');
    const walk = await walkBreadthFirst(itemId, (frontier) => listNeighboursOf(ctx.db, frontier), {
      maxDepth: depth,
      maxNodes: graphNodeLimit,
    });
    nodeIds = [...walk.depthOf.keys()];
    isTruncated = walk.isTruncated;
  } else {
    // Items that take part in a relation first: an unrelated item is a lone dot on the map.
    const rows = await ctx.db
      .selectFrom('items')
      .select('items.id')
      .orderBy((eb) =>
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('relations')
                .select('relations.id')
                .where((inner) =>
                  inner.or([
                    inner('relations.sourceItemId', '=', inner.ref('items.id')),
                    inner('relations.targetItemId', '=', inner.ref('items.id')),
                  ]),
                ),
            ),
          )
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('items.criticality')
      .orderBy('items.id')
      .limit(graphNodeLimit + 1)
      .execute();
    isTruncated = rows.length > graphNodeLimit;
    nodeIds = rows.slice(0, graphNodeLimit).map((row) => row.id);
  }
  const [items, edges] = await Promise.all([
    findItemRowsByIds(ctx.db, nodeIds),
    listRelationsAmong(ctx.db, nodeIds),
  ]);
  return {
    nodes: items
      .map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind as ItemKind,
        criticality: row.criticality,
      }))
      .sort((a, b) => a.id - b.id),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.sourceItemId,
      target: edge.targetItemId,
      kind: edge.kind as RelationKind,
    })),
    isTruncated,
  };
}
