import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  NewWorkView,
  UpdateWorkView,
  WorkView,
  WorkViewListQuery,
  WorkViewPage,
} from '../../../shared/contracts/work-items';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { createWorkView, deleteWorkView, listWorkViews, updateWorkView } from './saved-views.service';

const read = { access: can('read') };
// Saving a view is a change people who change work make; auditors only read the shared ones.
const write = { access: can('work.write') };

/** Saved views of the work item list: personal, or shared with a team; only their owner changes them. */
export const savedViewsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['work'];
  app.get(
    '/work-views',
    {
      schema: {
        tags,
        summary: "List the caller's saved views and those shared with their teams",
        querystring: WorkViewListQuery,
        response: { 200: WorkViewPage },
      },
      config: read,
    },
    (request) => listWorkViews(ctx, actorOf(request), request.query),
  );
  app.post(
    '/work-views',
    {
      schema: {
        tags,
        summary: 'Save a view of the list: filters, sort and grouping (audited)',
        body: NewWorkView,
        response: { 201: WorkView },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createWorkView(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/work-views/:id',
    {
      schema: {
        tags,
        summary: 'Change a saved view; only its owner may (audited)',
        params: IdParams,
        body: UpdateWorkView,
        response: { 200: WorkView },
      },
      config: write,
    },
    (request) => updateWorkView(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/work-views/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved view; only its owner may (audited)',
        params: IdParams,
        response: { 200: Ok },
      },
      config: write,
    },
    async (request) => {
      await deleteWorkView(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
