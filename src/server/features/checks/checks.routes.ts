import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AvailabilityQuery,
  AvailabilityReport,
  BeatAck,
  Check,
  CheckListQuery,
  CheckPage,
  CheckWithPushUrl,
  NewCheck,
  PushTokenParams,
  ResultListQuery,
  ResultPage,
  RunNowResult,
  Series,
  SeriesQuery,
  TestCheckRequest,
  UpdateCheck,
} from '../../../shared/contracts/checks';
import { IdParams, Ok } from '../../../shared/contracts/common';
import type { AppContext } from '../../context';
import { actorOf, can, publicAccess } from '../../http/access';
import { getAvailability, getSeries, listCheckEvents, listResults } from './check-figures.service';
import {
  createCheck,
  deleteCheck,
  getCheck,
  listChecks,
  receiveBeat,
  renewPushToken,
  runCheckNow,
  testCheckSettings,
  updateCheck,
} from './checks.service';

const CheckEvent = z.object({
  id: z.number().int(),
  at: z.number().int(),
  fromState: z.string(),
  toState: z.string(),
  message: z.string(),
});

/** Checks: definitions, run now, results, figures, and the heartbeat push URL. */
export const checksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['checks'];
  const read = { access: can('read') };
  const write = { access: can('inventory.write') };

  app.get(
    '/checks',
    {
      schema: {
        tags,
        summary: 'List checks with state and a 24 h sparkline',
        querystring: CheckListQuery,
        response: { 200: CheckPage },
      },
      config: read,
    },
    (request) => listChecks(ctx, actorOf(request), request.query),
  );
  app.post(
    '/checks',
    {
      schema: { tags, summary: 'Create a check', body: NewCheck, response: { 201: CheckWithPushUrl } },
      config: write,
    },
    async (request, reply) => reply.status(201).send(await createCheck(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/checks/test',
    {
      schema: {
        tags,
        summary: 'Run unsaved settings once and answer the result',
        body: TestCheckRequest,
        response: { 200: RunNowResult },
      },
      config: write,
    },
    (request) => testCheckSettings(ctx, actorOf(request), request.body),
  );
  app.get(
    '/checks/:id',
    { schema: { tags, summary: 'Get a check', params: IdParams, response: { 200: Check } }, config: read },
    (request) => getCheck(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/checks/:id',
    {
      schema: {
        tags,
        summary: 'Change a check',
        params: IdParams,
        body: UpdateCheck,
        response: { 200: Check },
      },
      config: write,
    },
    (request) => updateCheck(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/checks/:id',
    {
      schema: { tags, summary: 'Delete a check and its results', params: IdParams, response: { 200: Ok } },
      config: write,
    },
    async (request) => {
      await deleteCheck(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/checks/:id/run',
    {
      schema: {
        tags,
        summary: 'Run a saved check now; the result is answered, not stored',
        params: IdParams,
        response: { 200: RunNowResult },
      },
      config: write,
    },
    (request) => runCheckNow(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/checks/:id/push-token',
    {
      schema: {
        tags,
        summary: 'Make a new push URL for a heartbeat check',
        params: IdParams,
        response: { 200: CheckWithPushUrl },
      },
      config: write,
    },
    (request) => renewPushToken(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/checks/:id/results',
    {
      schema: {
        tags,
        summary: 'Raw results, newest first',
        params: IdParams,
        querystring: ResultListQuery,
        response: { 200: ResultPage },
      },
      config: read,
    },
    (request) => listResults(ctx, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/checks/:id/availability',
    {
      schema: {
        tags,
        summary: 'Availability and latency for 24 h, 7 d, 30 d, 90 d',
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityReport },
      },
      config: read,
    },
    (request) => getAvailability(ctx, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/checks/:id/series',
    {
      schema: {
        tags,
        summary: 'Latency and outcomes over time',
        params: IdParams,
        querystring: SeriesQuery,
        response: { 200: Series },
      },
      config: read,
    },
    (request) => getSeries(ctx, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/checks/:id/events',
    {
      schema: {
        tags,
        summary: 'State changes, newest first',
        params: IdParams,
        response: { 200: z.object({ rows: z.array(CheckEvent) }) },
      },
      config: read,
    },
    async (request) => ({ rows: await listCheckEvents(ctx, actorOf(request), request.params.id) }),
  );

  // The push URL is its own credential: a backup job or cron task calls it without an account.
  const beat = {
    schema: {
      tags,
      summary: 'Heartbeat: a job reports it ran (the URL holds the secret)',
      params: PushTokenParams,
      querystring: z.strictObject({ message: z.string().max(200).optional() }),
      response: { 200: BeatAck },
    },
    config: { access: publicAccess, rateLimit: { max: 120, timeWindow: '1 minute' } },
  };
  app.post('/heartbeats/:token', beat, async (request) => ({
    ok: true as const,
    checkId: await receiveBeat(ctx, request.params.token, request.query.message),
  }));
  app.get('/heartbeats/:token', beat, async (request) => ({
    ok: true as const,
    checkId: await receiveBeat(ctx, request.params.token, request.query.message),
  }));
};
