import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf, signedIn } from '../../http/access';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type Actor, loadActor } from '../auth/actor';
import { hashSecret } from '../auth/secrets';
import { findLiveSession } from '../auth/sessions.repository';
import { findLiveToken } from '../auth/tokens.repository';
import { countUnread } from './personal-notifications';

/** Open bell streams one person may hold at once (tabs, devices); more are refused and poll instead. */
export const maxStreamsPerUser = 8;
const keepAliveMs = 25_000;

/** Whether the credential the stream was opened with still holds: sign-out or a password change ends it. */
async function isStillSignedIn(ctx: AppContext, request: FastifyRequest, actor: Actor): Promise<boolean> {
  const now = ctx.now();
  if (actor.via === 'session') {
    if (!actor.sessionId || !(await findLiveSession(ctx.db, actor.sessionId, now))) return false;
  } else {
    const bearer = request.headers.authorization?.slice('Bearer '.length).trim() ?? '';
    if (!(await findLiveToken(ctx.db, hashSecret(bearer), now))) return false;
  }
  return (await loadActor(ctx.db, actor.userId, actor.via, actor.sessionId)) !== null;
}

/**
 * The live header bell as server-sent events: `unread` with the caller's unread count when the
 * stream opens and whenever they get new notifications. Only the count travels, never a
 * notification or anyone else's id. New notifications arrive as `personal.notified` on the bus,
 * emitted after the writing transaction committed and relayed between servers.
 */
export const notificationStreamRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const openStreams = new Set<() => void>();
  const streamsOfUser = new Map<number, number>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });
  app.get(
    '/me/notifications/stream',
    {
      schema: {
        tags: ['collaboration'],
        summary: 'Your unread notification count, live (text/event-stream)',
        produces: ['text/event-stream'],
      },
      config: { access: signedIn },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const userId = actor.userId;
      const open = streamsOfUser.get(userId) ?? 0;
      if (open >= maxStreamsPerUser) {
        throw appError('too_many_requests', phrase('collaboration.tooManyBells', { max: maxStreamsPerUser }));
      }
      streamsOfUser.set(userId, open + 1);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let isClosed = false;
      let isCounting = false;
      let isStale = false;
      // One count at a time; news arriving meanwhile asks for one more count, not one each.
      const sendUnread = async (): Promise<void> => {
        if (isCounting) {
          isStale = true;
          return;
        }
        isCounting = true;
        try {
          do {
            isStale = false;
            const unread = await countUnread(ctx.db, userId);
            if (!isClosed) raw.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
          } while (isStale && !isClosed);
        } catch (error) {
          request.log.warn({ err: error }, 'could not count unread notifications for a live bell');
        } finally {
          isCounting = false;
        }
      };
      const offNotified = ctx.events.on('personal.notified', ({ userIds }) => {
        if (userIds.includes(userId)) void sendUnread();
      });
      // A comment line keeps proxies from closing an idle stream; the credential is checked again.
      const keepAlive = setInterval(() => {
        raw.write(': keep-alive\n\n');
        isStillSignedIn(ctx, request, actor).then(
          (isSignedIn) => {
            if (!isSignedIn) end();
          },
          (error: unknown) => request.log.warn({ err: error }, 'could not check a live bell session'),
        );
      }, keepAliveMs);
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        clearInterval(keepAlive);
        offNotified();
        openStreams.delete(end);
        const left = (streamsOfUser.get(userId) ?? 1) - 1;
        if (left > 0) streamsOfUser.set(userId, left);
        else streamsOfUser.delete(userId);
      };
      const end = () => {
        close();
        raw.end();
      };
      openStreams.add(end);
      request.raw.on('close', close);
      await sendUnread();
    },
  );
};
