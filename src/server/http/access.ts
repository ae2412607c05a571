import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RunnerIdentity } from '../../shared/contracts/runners';
import { hasPermission, type Permission } from '../../shared/domain/roles';
import type { AppContext } from '../context';
import { type Actor, loadActor } from '../features/auth/actor';
import { hashSecret } from '../features/auth/secrets';
import { findLiveSession, touchSession } from '../features/auth/sessions.repository';
import { findLiveToken, markTokenUsed } from '../features/auth/tokens.repository';
import { authenticateRunner, runnerTokenPrefix } from '../features/runners/runner-auth';
import { appError } from '../i18n/app-error';
import { phrase } from '../i18n/messages';

/**
 * The access rule every route must declare in `config.access`; a route without one answers 500, and
 * the authorisation test walks the route table to prove each rule holds.
 * - public: anyone, signed in or not
 * - signedIn: any enabled account; `selfService` routes change only the caller's own things
 *   (logout, own password, own tokens), so read-only roles may call them too
 * - permission: the role must carry it (team-scoped rules are then checked by the service)
 * - runner: a remote runner's token (`rr_…`) only; a user's credentials get 403 there, and a
 *   runner token gets 403 on every other non-public route
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn'; selfService?: boolean }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'runner' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** the remote runner calling with its `rr_…` token; never set together with `actor` */
    runner: RunnerIdentity | null;
  }
}

export const sessionCookie = 'regia_session';
const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const publicAccess: Access = { kind: 'public' };
export const signedIn: Access = { kind: 'signedIn' };
export const selfService: Access = { kind: 'signedIn', selfService: true };
export const runnerOnly: Access = { kind: 'runner' };
/** Access rule requiring one permission. */
export function can(permission: Permission): Access {
  return { kind: 'permission', permission };
}

/** The signed-in caller; only for routes whose access rule guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw appError('unauthenticated', phrase('access.signInFirst'));
  return request.actor;
}

/** Resolves the caller from the session cookie or a bearer token, then enforces the route's rule. */
export function registerAccessControl(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('runner', null);

  // Authorisation runs at the very start, before a body is read or validated: an anonymous caller
  // or a role without the right learns nothing about the shape a route expects.
  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request);
    if (bearer?.startsWith(runnerTokenPrefix)) request.runner = await authenticateRunner(ctx, bearer);
    else request.actor = await authenticate(ctx, request);
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!access) {
      // Only Regia's own non-API routes (static files, docs, health) may go without a rule.
      if (request.url.startsWith('/api/v1'))
        throw new Error(`route ${request.routeOptions.url} has no access rule`);
      return;
    }
    enforceSameOrigin(ctx, request);
    if (access.kind === 'public') return;
    if (access.kind === 'runner') {
      if (request.runner) return;
      if (!request.actor) throw appError('unauthenticated', phrase('access.runnerRouteNeedsToken'));
      throw appError('forbidden', phrase('access.runnerRouteRefusesUsers'));
    }
    if (request.runner) throw appError('forbidden', phrase('access.runnerTokenOnlyRunnerApi'));
    const actor = request.actor;
    if (!actor) throw appError('unauthenticated', phrase('access.signInFirst'));
    const isChange = mutatingMethods.has(request.method);
    if (access.kind === 'signedIn') {
      if (isChange && !access.selfService && actor.role === 'auditor') {
        throw appError('forbidden', phrase('access.auditorReadsOnly'));
      }
      return;
    }
    if (!hasPermission(actor.role, access.permission)) {
      throw appError('forbidden', phrase('access.roleForbids'));
    }
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  return authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : null;
}

async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Actor | null> {
  const now = ctx.now();
  const bearer = bearerToken(request);
  if (bearer !== null) {
    const token = await findLiveToken(ctx.db, hashSecret(bearer), now);
    if (!token) throw appError('unauthenticated', phrase('access.tokenUnknown'));
    if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000)
      await markTokenUsed(ctx.db, token.id, now);
    const actor = await loadActor(ctx.db, token.userId, 'token', null);
    if (!actor) throw appError('unauthenticated', phrase('access.tokenAccountDisabled'));
    return actor;
  }
  const cookie = request.cookies[sessionCookie];
  if (!cookie) return null;
  const sessionId = hashSecret(cookie);
  const session = await findLiveSession(ctx.db, sessionId, now);
  if (!session) return null;
  // Slide the expiry, at most once a minute, so that reads do not all turn into writes.
  if (now - session.lastSeenAt > 60_000) {
    await touchSession(ctx.db, sessionId, now, now + ctx.config.sessionDays * 86_400_000);
  }
  return loadActor(ctx.db, session.userId, 'session', sessionId);
}

/**
 * Changes made with a session cookie must come from Regia's own pages: the browser's Origin (or
 * Sec-Fetch-Site) must say same-origin. Bearer-token calls carry no ambient credential and pass.
 */
function enforceSameOrigin(ctx: AppContext, request: FastifyRequest): void {
  if (!mutatingMethods.has(request.method)) return;
  if (request.headers.authorization?.startsWith('Bearer ')) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const hasCookie = Boolean(request.cookies[sessionCookie]);
  if (origin !== undefined) {
    if (!allowedOrigins(ctx, request).includes(origin)) {
      throw appError('forbidden', phrase('access.crossSite'));
    }
    return;
  }
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw appError('forbidden', phrase('access.crossSite'));
  }
  if (hasCookie && fetchSite === undefined) {
    throw appError('forbidden', phrase('access.originRequired'));
  }
}

function allowedOrigins(ctx: AppContext, request: FastifyRequest): string[] {
  const own = `${request.protocol}://${request.host}`;
  return ctx.config.publicUrl ? [own, new URL(ctx.config.publicUrl).origin] : [own];
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  value: string,
  maxAgeSeconds: number,
) {
  void reply.setCookie(sessionCookie, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest) {
  void reply.clearCookie(sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}
