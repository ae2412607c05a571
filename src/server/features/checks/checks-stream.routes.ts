import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { can } from '../../http/access';

/**
 * Live updates for the checks pages as server-sent events: `state` on every state change and
 * `result` for every stored result (throttled per check to one a second). On one server these come
 * from the in-process bus, into which the event relay (`src/server/event-relay.ts`) also brings the
 * events of the other servers sharing a PostgreSQL database.
 */
export const checksStreamRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const openStreams = new Set<() => void>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });
  app.get(
    '/checks/stream',
    {
      schema: {
        tags: ['checks'],
        summary: 'Live check results and state changes (text/event-stream)',
        produces: ['text/event-stream'],
      },
      config: { access: can('read') },
    },
    async (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) =>
        raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('hello', { at: ctx.now() });
      const lastSent = new Map<number, number>();
      const offState = ctx.events.on('check.stateChanged', (change) => send('state', change));
      const offResult = ctx.events.on('check.result', (result) => {
        const now = Date.now();
        if (now - (lastSent.get(result.checkId) ?? 0) < 1000) return;
        lastSent.set(result.checkId, now);
        send('result', result);
      });
      // A comment line every 25 s keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
      const close = () => {
        clearInterval(keepAlive);
        offState();
        offResult();
        openStreams.delete(end);
      };
      const end = () => {
        close();
        raw.end();
      };
      openStreams.add(end);
      request.raw.on('close', close);
    },
  );
};
