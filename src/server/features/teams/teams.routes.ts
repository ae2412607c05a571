import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  NewTeam,
  PutTeamMember,
  Team,
  TeamList,
  TeamMemberParams,
  UpdateTeam,
} from '../../../shared/contracts/teams';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  putTeamMember,
  removeTeamMember,
  updateTeam,
} from './teams.service';

/** Teams and their members. */
export const teamsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['teams'];
  app.get(
    '/teams',
    {
      schema: { tags, summary: 'List teams with members', response: { 200: TeamList } },
      config: { access: can('read') },
    },
    async () => ({ rows: await listTeams(ctx) }),
  );
  app.post(
    '/teams',
    {
      schema: { tags, summary: 'Create a team', body: NewTeam, response: { 201: Team } },
      config: { access: can('teams.write') },
    },
    async (request, reply) => reply.status(201).send(await createTeam(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/teams/:id',
    {
      schema: { tags, summary: 'Get a team', params: IdParams, response: { 200: Team } },
      config: { access: can('read') },
    },
    (request) => getTeam(ctx, request.params.id),
  );
  app.patch(
    '/teams/:id',
    {
      schema: { tags, summary: 'Change a team', params: IdParams, body: UpdateTeam, response: { 200: Team } },
      config: { access: can('teams.write') },
    },
    (request) => updateTeam(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/teams/:id',
    {
      schema: { tags, summary: 'Delete a team', params: IdParams, response: { 200: Ok } },
      config: { access: can('teams.write') },
    },
    async (request) => {
      await deleteTeam(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.put(
    '/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Add a member or set their lead flag',
        params: TeamMemberParams,
        body: PutTeamMember,
        response: { 200: Team },
      },
      config: { access: can('teams.members') },
    },
    (request) =>
      putTeamMember(ctx, actorOf(request), request.params.id, request.params.userId, request.body.isLead),
  );
  app.delete(
    '/teams/:id/members/:userId',
    {
      schema: { tags, summary: 'Remove a member', params: TeamMemberParams, response: { 200: Team } },
      config: { access: can('teams.members') },
    },
    (request) => removeTeamMember(ctx, actorOf(request), request.params.id, request.params.userId),
  );
};
