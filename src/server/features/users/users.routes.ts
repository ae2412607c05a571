import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common';
import { NewUser, UpdateUser, User, UserListQuery, UserPage } from '../../../shared/contracts/users';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { createUser, getUser, listUserPage, updateUser } from './users.service';

/** Accounts: everyone in ICT may look people up (to assign work); only admins change them. */
export const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['users'];
  app.get(
    '/users',
    {
      schema: { tags, summary: 'List users', querystring: UserListQuery, response: { 200: UserPage } },
      config: { access: can('read') },
    },
    (request) => listUserPage(ctx, request.query),
  );
  app.post(
    '/users',
    {
      schema: { tags, summary: 'Create a user', body: NewUser, response: { 201: User } },
      config: { access: can('users.manage') },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/users/:id',
    {
      schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: User } },
      config: { access: can('read') },
    },
    (request) => getUser(ctx, request.params.id),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (role, name, disabled, password)',
        params: IdParams,
        body: UpdateUser,
        response: { 200: User },
      },
      config: { access: can('users.manage') },
    },
    (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
  );
};
