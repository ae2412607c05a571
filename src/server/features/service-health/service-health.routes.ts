import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common';
import { ServiceHealth } from '../../../shared/contracts/service-health';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { getServiceHealth } from './service-health.service';

/** The health of an item through its relations, for item pages. */
export const serviceHealthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/service-health/:id',
    {
      schema: {
        tags: ['service health'],
        summary: "An item's state through what it depends on, and its daily availability for 90 days",
        params: IdParams,
        response: { 200: ServiceHealth },
      },
      config: { access: can('read') },
    },
    (request) => getServiceHealth(ctx, actorOf(request), request.params.id),
  );
};
