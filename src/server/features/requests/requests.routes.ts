import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common';
import {
  AcceptRequest,
  DeclineRequest,
  MergeRequest,
  MergeTargetList,
  MergeTargetQuery,
  NewRequest,
  RequestChoices,
  RequestChoicesQuery,
  RequestDetail,
  RequestFigures,
  RequestFiguresQuery,
  RequestListQuery,
  RequestPage,
} from '../../../shared/contracts/requests';
import type { AppContext } from '../../context';
import { actorOf, can, signedIn } from '../../http/access';
import { getRequestFigures } from './request-figures';
import {
  acceptRequest,
  declineRequest,
  getRequest,
  getRequestChoices,
  listMergeTargets,
  listRequests,
  mergeRequest,
  submitRequest,
} from './requests.service';

// Submitting is for every role but auditors; reading is scoped by the service: a requester sees only
// the requests they follow, and any other request answers 404.
const submit = { access: can('requests.submit') };
// Triage is for those who change work; the service then checks the request's team.
const triage = { access: can('work.write') };

/** Requests and problems from colleagues: submit, follow, triage, figures. */
export const requestsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['requests'];
  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: "List requests: one's own (mine), waiting in triage, or all (triage and all need read)",
        querystring: RequestListQuery,
        response: { 200: RequestPage },
      },
      config: { access: signedIn },
    },
    (request) => listRequests(ctx, actorOf(request), request.query),
  );
  app.get(
    '/requests/choices',
    {
      schema: {
        tags,
        summary: 'Teams and systems to choose from when submitting a request (names only)',
        querystring: RequestChoicesQuery,
        response: { 200: RequestChoices },
      },
      config: submit,
    },
    (request) => getRequestChoices(ctx, request.query.q),
  );
  app.get(
    '/requests/figures',
    {
      schema: {
        tags,
        summary: 'Response and resolution times and outcome counts of requests submitted in a period',
        querystring: RequestFiguresQuery,
        response: { 200: RequestFigures },
      },
      config: { access: can('read') },
    },
    (request) => getRequestFigures(ctx, request.query),
  );
  app.post(
    '/requests',
    {
      schema: {
        tags,
        summary: "Submit a request or report a problem into a team's triage (audited)",
        body: NewRequest,
        response: { 201: RequestDetail },
      },
      config: submit,
    },
    async (request, reply) =>
      reply.status(201).send(await submitRequest(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'A request with its status history and where its thread is',
        params: IdParams,
        response: { 200: RequestDetail },
      },
      config: { access: signedIn },
    },
    (request) => getRequest(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/requests/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a request: it becomes a work item of type request, keeping its thread (audited)',
        params: IdParams,
        body: AcceptRequest,
        response: { 200: RequestDetail },
      },
      config: triage,
    },
    (request) => acceptRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/requests/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge a request into another request or a work item; its requester follows the target (audited)',
        params: IdParams,
        body: MergeRequest,
        response: { 200: RequestDetail },
      },
      config: triage,
    },
    (request) => mergeRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/requests/:id/merge-targets',
    {
      schema: {
        tags,
        summary:
          "What a request may be merged into: the team's requests in triage and open work items by title, or by #number",
        params: IdParams,
        querystring: MergeTargetQuery,
        response: { 200: MergeTargetList },
      },
      config: triage,
    },
    (request) => listMergeTargets(ctx, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/requests/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline a request with a reason for the requester (audited)',
        params: IdParams,
        body: DeclineRequest,
        response: { 200: RequestDetail },
      },
      config: triage,
    },
    (request) => declineRequest(ctx, actorOf(request), request.params.id, request.body),
  );
};
