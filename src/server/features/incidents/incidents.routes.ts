import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common';
import {
  AssignIncident,
  IncidentDetail,
  IncidentListQuery,
  IncidentPage,
  IncidentReview,
  IncidentSettings,
  IncidentTransition,
  NewIncident,
  NewIncidentComment,
  UpdateIncident,
} from '../../../shared/contracts/incidents';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { getIncidentSettings, updateIncidentSettings } from './incident-settings';
import {
  acknowledgeIncident,
  assignIncident,
  commentOnIncident,
  createIncident,
  getIncident,
  listIncidents,
  reopenIncident,
  resolveIncident,
  reviewIncident,
  updateIncident,
} from './incidents.service';

const read = { access: can('read') };
// Team rules (leads and members act only on their own teams' incidents) are the service's.
const write = { access: can('incidents.write') };

/** Incidents: list, detail with timeline, manual incidents and every action a person takes on them. */
export const incidentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['incidents'];

  app.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'List incidents: filter by state, severity, team, item, text; sort, page',
        querystring: IncidentListQuery,
        response: { 200: IncidentPage },
      },
      config: read,
    },
    (request) => listIncidents(ctx, actorOf(request), request.query),
  );
  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Open an incident by hand, on an item or on none',
        body: NewIncident,
        response: { 201: IncidentDetail },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createIncident(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/incidents/settings',
    {
      schema: {
        tags,
        summary: 'How automatic incidents behave',
        response: { 200: IncidentSettings },
      },
      config: read,
    },
    () => getIncidentSettings(ctx.db),
  );
  app.put(
    '/incidents/settings',
    {
      schema: {
        tags,
        summary: 'Change how automatic incidents behave (admins; audited)',
        body: IncidentSettings,
        response: { 200: IncidentSettings },
      },
      config: { access: can('settings.manage') },
    },
    (request) => updateIncidentSettings(ctx, actorOf(request), request.body),
  );
  app.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'An incident with its moments, gathered checks, impacted items and timeline',
        params: IdParams,
        response: { 200: IncidentDetail },
      },
      config: read,
    },
    (request) => getIncident(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Change the title, description, severity, public summary or automatic resolution',
        params: IdParams,
        body: UpdateIncident,
        response: { 200: IncidentDetail },
      },
      config: write,
    },
    (request) => updateIncident(ctx, actorOf(request), request.params.id, request.body),
  );

  // The actions a person takes, each one timeline entry and one audit record.
  const actions = [
    ['acknowledge', 'Acknowledge (sets the acknowledged moment once)'],
    ['resolve', 'Resolve by hand, with an optional note'],
    ['reopen', 'Reopen a resolved incident, with an optional note'],
  ] as const;
  for (const [action, summary] of actions) {
    app.post(
      `/incidents/:id/${action}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          // A bare POST (no body) is fine here: the note is optional.
          body: IncidentTransition.optional(),
          response: { 200: IncidentDetail },
        },
        config: write,
      },
      (request) => {
        const actor = actorOf(request);
        const { id } = request.params;
        if (action === 'acknowledge') return acknowledgeIncident(ctx, actor, id);
        if (action === 'resolve') return resolveIncident(ctx, actor, id, request.body);
        return reopenIncident(ctx, actor, id, request.body);
      },
    );
  }
  app.post(
    '/incidents/:id/assign',
    {
      schema: {
        tags,
        summary: 'Hand the incident to a person, or to nobody',
        params: IdParams,
        body: AssignIncident,
        response: { 200: IncidentDetail },
      },
      config: write,
    },
    (request) => assignIncident(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/incidents/:id/comments',
    {
      schema: {
        tags,
        summary: 'Add a plain-text comment to the timeline',
        params: IdParams,
        body: NewIncidentComment,
        response: { 201: IncidentDetail },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await commentOnIncident(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.put(
    '/incidents/:id/review',
    {
      schema: {
        tags,
        summary: 'Record the post-incident review: cause and actions',
        params: IdParams,
        body: IncidentReview,
        response: { 200: IncidentDetail },
      },
      config: write,
    },
    (request) => reviewIncident(ctx, actorOf(request), request.params.id, request.body),
  );
};
