import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Timeline, TimelineQuery } from '../../../shared/contracts/work-items';
import { TeamParams } from '../../../shared/contracts/workflows';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { getTimeline } from './work-timeline';

/** A team's timeline: a bounded date window of items and the dependencies between them. */
export const workTimelineRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/teams/:teamId/timeline',
    {
      schema: {
        tags: ['work'],
        summary: "A team's items whose bars cross a date window (at most 400 days), with their dependencies",
        params: TeamParams,
        querystring: TimelineQuery,
        response: { 200: Timeline },
      },
      config: { access: can('read') },
    },
    (request) => getTimeline(ctx, actorOf(request), request.params.teamId, request.query),
  );
};
