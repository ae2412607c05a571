import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  Channel,
  ChannelListQuery,
  ChannelPage,
  ChannelTestOutcome,
  Delivery,
  DeliveryListQuery,
  DeliveryPage,
  NewChannel,
  NewRule,
  Rule,
  RuleListQuery,
  RulePage,
  UpdateChannel,
  UpdateRule,
} from '../../../shared/contracts/notifications';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  sendChannelTest,
  updateChannel,
} from './channels.service';
import { listDeliveries, retryDelivery } from './deliveries.service';
import { createRule, deleteRule, getRule, listRules, updateRule } from './rules.service';

// Reading is as guarded as changing: channels carry credentials and reach outside Regia.
const manage = { access: can('notifications.manage') };

/** Notification channels, rules and the delivery log. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['notifications'];

  app.get(
    '/notifications/channels',
    {
      schema: {
        tags,
        summary: 'List channels (secrets shown as ********)',
        querystring: ChannelListQuery,
        response: { 200: ChannelPage },
      },
      config: manage,
    },
    (request) => listChannels(ctx, actorOf(request), request.query),
  );
  app.post(
    '/notifications/channels',
    {
      schema: {
        tags,
        summary: 'Create a channel (email, webhook, Slack, Teams, Telegram)',
        body: NewChannel,
        response: { 201: Channel },
      },
      config: manage,
    },
    async (request, reply) =>
      reply.status(201).send(await createChannel(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/notifications/channels/:id',
    {
      schema: {
        tags,
        summary: 'Get a channel (secrets shown as ********)',
        params: IdParams,
        response: { 200: Channel },
      },
      config: manage,
    },
    (request) => getChannel(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/notifications/channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel; a secret sent back as ******** keeps its stored value',
        params: IdParams,
        body: UpdateChannel,
        response: { 200: Channel },
      },
      config: manage,
    },
    (request) => updateChannel(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/notifications/channels/:id',
    {
      schema: {
        tags,
        summary: 'Delete a channel and its delivery log',
        params: IdParams,
        response: { 200: Ok },
      },
      config: manage,
    },
    async (request) => {
      await deleteChannel(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/notifications/channels/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now (no retries) and answer with the outcome',
        params: IdParams,
        response: { 200: ChannelTestOutcome },
      },
      config: manage,
    },
    (request) => sendChannelTest(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/notifications/rules',
    {
      schema: { tags, summary: 'List rules', querystring: RuleListQuery, response: { 200: RulePage } },
      config: manage,
    },
    (request) => listRules(ctx, actorOf(request), request.query),
  );
  app.post(
    '/notifications/rules',
    {
      schema: {
        tags,
        summary: 'Create a rule: events, teams, severity, channels',
        body: NewRule,
        response: { 201: Rule },
      },
      config: manage,
    },
    async (request, reply) => reply.status(201).send(await createRule(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/notifications/rules/:id',
    {
      schema: { tags, summary: 'Get a rule', params: IdParams, response: { 200: Rule } },
      config: manage,
    },
    (request) => getRule(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/notifications/rules/:id',
    {
      schema: { tags, summary: 'Change a rule', params: IdParams, body: UpdateRule, response: { 200: Rule } },
      config: manage,
    },
    (request) => updateRule(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/notifications/rules/:id',
    {
      schema: { tags, summary: 'Delete a rule', params: IdParams, response: { 200: Ok } },
      config: manage,
    },
    async (request) => {
      await deleteRule(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/notifications/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log with tries, newest first; status=dead is the dead-letter list',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage },
      },
      config: manage,
    },
    (request) => listDeliveries(ctx, actorOf(request), request.query),
  );
  app.post(
    '/notifications/deliveries/:id/retry',
    {
      schema: {
        tags,
        summary: 'Queue a dead delivery again for a new round of tries',
        params: IdParams,
        response: { 200: Delivery },
      },
      config: manage,
    },
    (request) => retryDelivery(ctx, actorOf(request), request.params.id),
  );
};
