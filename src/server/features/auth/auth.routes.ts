import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken,
  ChangePasswordRequest,
  CreatedApiToken,
  LoginRequest,
  Me,
  NewApiToken,
  SetupRequest,
  SetupStatus,
  UpdateMeRequest,
} from '../../../shared/contracts/auth';
import { IdParams, Ok } from '../../../shared/contracts/common';
import type { AppContext } from '../../context';
import {
  actorOf,
  clearSessionCookie,
  publicAccess,
  selfService,
  setSessionCookie,
  signedIn,
} from '../../http/access';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { loadActor } from './actor';
import {
  changeOwnPassword,
  login,
  logout,
  type SetupGate,
  startSession,
  toMe,
  updateMe,
} from './auth.service';
import { LoginThrottle } from './login-throttle';
import { createToken, listTokens, revokeOwnToken } from './tokens.service';

const guessable = { rateLimit: { max: 30, timeWindow: '1 minute' } };

async function meOf(ctx: AppContext, userId: number, via: 'session' | 'token') {
  const actor = await loadActor(ctx.db, userId, via, null);
  if (!actor) throw appError('unauthenticated', phrase('auth.accountDisabled'));
  return toMe(actor, ctx.config.timezone);
}

/** Sign-in, sign-out, the caller's profile and password, their API tokens, and first-run setup. */
export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; setupGate: SetupGate }> = async (
  app,
  { ctx, setupGate },
) => {
  const throttle = new LoginThrottle();
  const tags = ['auth'];

  app.get(
    '/setup',
    {
      schema: { tags, summary: 'Is first-run setup open?', response: { 200: SetupStatus } },
      config: { access: publicAccess },
    },
    async () => ({ isOpen: await setupGate.isOpen(ctx) }),
  );
  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the first admin with the one-time code',
        body: SetupRequest,
        response: { 200: Me },
      },
      config: { access: publicAccess, ...guessable },
    },
    async (request, reply) => {
      const userId = await setupGate.complete(ctx, request.body);
      const session = await startSession(ctx, userId);
      setSessionCookie(reply, request, session.cookieValue, session.maxAgeSeconds);
      return meOf(ctx, userId, 'session');
    },
  );
  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: LoginRequest,
        response: { 200: Me },
      },
      config: { access: publicAccess, ...guessable },
    },
    async (request, reply) => {
      const { userId, session } = await login(ctx, throttle, request.body, request.ip);
      setSessionCookie(reply, request, session.cookieValue, session.maxAgeSeconds);
      return meOf(ctx, userId, 'session');
    },
  );
  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 200: Ok } }, config: { access: selfService } },
    async (request, reply) => {
      await logout(ctx, actorOf(request));
      clearSessionCookie(reply, request);
      return { ok: true as const };
    },
  );
  app.get(
    '/auth/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: Me } }, config: { access: signedIn } },
    async (request) => toMe(actorOf(request), ctx.config.timezone),
  );
  app.patch(
    '/auth/me',
    {
      schema: { tags, summary: 'Change own name or language', body: UpdateMeRequest, response: { 200: Me } },
      config: { access: selfService },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateMe(ctx, actor, request.body);
      return meOf(ctx, actor.userId, actor.via);
    },
  );
  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change own password; ends every other session',
        body: ChangePasswordRequest,
        response: { 200: Ok },
      },
      config: { access: selfService, ...guessable },
    },
    async (request, reply) => {
      const session = await changeOwnPassword(ctx, actorOf(request), request.body);
      if (session) setSessionCookie(reply, request, session.cookieValue, session.maxAgeSeconds);
      return { ok: true as const };
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: "The caller's API tokens",
        response: { 200: z.object({ rows: z.array(ApiToken) }) },
      },
      config: { access: signedIn },
    },
    async (request) => ({ rows: await listTokens(ctx, actorOf(request).userId) }),
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; its secret is shown once',
        body: NewApiToken,
        response: { 201: CreatedApiToken },
      },
      config: { access: selfService },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createToken(ctx, actor, actor.userId, request.body));
    },
  );
  app.delete(
    '/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: Ok } },
      config: { access: selfService },
    },
    async (request) => {
      await revokeOwnToken(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
