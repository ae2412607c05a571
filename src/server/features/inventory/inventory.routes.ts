import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  DependencyGraph,
  ExportQuery,
  GraphQuery,
  Impact,
  ImportReport,
  ImportRequest,
  Item,
  ItemListQuery,
  ItemPage,
  ItemRelations,
  NewItem,
  NewRelation,
  Relation,
  UpdateItem,
} from '../../../shared/contracts/inventory';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { csvContentType, sendDownload, xlsxContentType } from '../../http/download';
import { createItem, deleteItem, getItem, listItems, updateItem } from './inventory.service';
import { exportItems } from './inventory-export';
import { importItemsCsv } from './inventory-import.service';
import {
  computeImpact,
  createRelation,
  deleteRelation,
  getDependencyGraph,
  listItemRelations,
} from './relations.service';

const read = { access: can('read') };
const write = { access: can('inventory.write') };

/** Inventory items, their relations, impact analysis, the dependency map, CSV import and export. */
export const inventoryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['inventory'];

  app.get(
    '/items',
    {
      schema: {
        tags,
        summary: 'List items: search, filter, sort, page',
        querystring: ItemListQuery,
        response: { 200: ItemPage },
      },
      config: read,
    },
    (request) => listItems(ctx, actorOf(request), request.query),
  );
  app.post(
    '/items',
    { schema: { tags, summary: 'Create an item', body: NewItem, response: { 201: Item } }, config: write },
    async (request, reply) => reply.status(201).send(await createItem(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/items/export',
    {
      schema: {
        tags,
        summary: 'Download the items matching the filters as CSV or XLSX (the import format)',
        querystring: ExportQuery,
        produces: [csvContentType, xlsxContentType],
      },
      config: read,
    },
    async (request, reply) => {
      return sendDownload(reply, await exportItems(ctx, actorOf(request), request.query));
    },
  );
  app.post(
    '/items/import',
    {
      schema: {
        tags,
        summary: 'Preview (dry run) or apply a CSV import of items',
        body: ImportRequest,
        response: { 200: ImportReport },
      },
      config: write,
      bodyLimit: ctx.config.importLimitBytes,
    },
    (request) => importItemsCsv(ctx, actorOf(request), request.body),
  );
  app.get(
    '/items/:id',
    { schema: { tags, summary: 'Get an item', params: IdParams, response: { 200: Item } }, config: read },
    (request) => getItem(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/items/:id',
    {
      schema: {
        tags,
        summary: 'Change an item',
        params: IdParams,
        body: UpdateItem,
        response: { 200: Item },
      },
      config: write,
    },
    (request) => updateItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/items/:id',
    {
      schema: { tags, summary: 'Delete an item and its relations', params: IdParams, response: { 200: Ok } },
      config: write,
    },
    async (request) => {
      await deleteItem(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/items/:id/relations',
    {
      schema: {
        tags,
        summary: 'The relations of an item, both directions',
        params: IdParams,
        response: { 200: ItemRelations },
      },
      config: read,
    },
    (request) => listItemRelations(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/items/:id/impact',
    {
      schema: {
        tags,
        summary: 'Everything that depends on an item, transitively',
        params: IdParams,
        response: { 200: Impact },
      },
      config: read,
    },
    (request) => computeImpact(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/relations',
    {
      schema: { tags, summary: 'Relate two items', body: NewRelation, response: { 201: Relation } },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createRelation(ctx, actorOf(request), request.body)),
  );
  app.delete(
    '/relations/:id',
    {
      schema: { tags, summary: 'Remove a relation', params: IdParams, response: { 200: Ok } },
      config: write,
    },
    async (request) => {
      await deleteRelation(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/relations/graph',
    {
      schema: {
        tags,
        summary: 'The dependency map around an item, or of the whole inventory',
        querystring: GraphQuery,
        response: { 200: DependencyGraph },
      },
      config: read,
    },
    (request) => getDependencyGraph(ctx, actorOf(request), request.query),
  );
};
