import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  NewStatusPage,
  PublicStatusPage,
  SlugParams,
  StatusPage,
  StatusPageListQuery,
  StatusPagePage,
  UpdateStatusPage,
} from '../../../shared/contracts/status-pages';
import type { AppContext } from '../../context';
import { actorOf, can, publicAccess } from '../../http/access';
import {
  createStatusPage,
  deleteStatusPage,
  getPublicStatusPage,
  getStatusPage,
  listStatusPages,
  previewStatusPage,
  updateStatusPage,
} from './status-pages.service';

const read = { access: can('read') };
const manage = { access: can('statusPages.manage') };

/** Status pages: their editors' routes, and the one public route anyone may call. */
export const statusPagesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['status pages'];

  app.get(
    '/status-pages',
    {
      schema: {
        tags,
        summary: 'List status pages',
        querystring: StatusPageListQuery,
        response: { 200: StatusPagePage },
      },
      config: read,
    },
    (request) => listStatusPages(ctx, actorOf(request), request.query),
  );
  app.post(
    '/status-pages',
    {
      schema: { tags, summary: 'Create a status page', body: NewStatusPage, response: { 201: StatusPage } },
      config: manage,
    },
    async (request, reply) =>
      reply.status(201).send(await createStatusPage(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/status-pages/:id',
    {
      schema: {
        tags,
        summary: 'Get a status page with its services',
        params: IdParams,
        response: { 200: StatusPage },
      },
      config: read,
    },
    (request) => getStatusPage(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/status-pages/:id/preview',
    {
      schema: {
        tags,
        summary: 'What the public would see of a page, published or not',
        params: IdParams,
        response: { 200: PublicStatusPage },
      },
      config: read,
    },
    (request) => previewStatusPage(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/status-pages/:id',
    {
      schema: {
        tags,
        summary: 'Change a status page; services given replace the list',
        params: IdParams,
        body: UpdateStatusPage,
        response: { 200: StatusPage },
      },
      config: manage,
    },
    (request) => updateStatusPage(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/status-pages/:id',
    {
      schema: { tags, summary: 'Delete a status page', params: IdParams, response: { 200: Ok } },
      config: manage,
    },
    async (request) => {
      await deleteStatusPage(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/public/status-pages/:slug',
    {
      schema: {
        tags,
        summary: 'A published status page, for anyone: public names, states, 90 days, incidents, maintenance',
        params: SlugParams,
        response: { 200: PublicStatusPage },
        security: [],
      },
      // Public and unauthenticated: limited per address so it cannot be used to load the server.
      config: { access: publicAccess, rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const view = await getPublicStatusPage(ctx, request.params.slug);
      return reply.header('cache-control', 'no-store').send(view);
    },
  );
};
