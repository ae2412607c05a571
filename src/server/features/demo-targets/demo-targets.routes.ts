import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyPluginAsync } from 'fastify';
import { publicAccess } from '../../http/access';

export interface DemoTargetOptions {
  /** 0 ≤ x < 1; tests fix it to make the slow and flaky targets predictable */
  random?: () => number;
}

/** Where the demo targets answer, relative to Regia's root URL. */
export const demoTargetsPath = '/demo-targets';

/** How long `/demo-targets/slow` takes: beyond a 1 s degraded threshold, well within a timeout. */
export const slowTargetMs = { min: 1200, max: 1800 } as const;

/** The share of `/demo-targets/flaky` answers that fail. */
export const flakyFailureRate = 0.3;

/**
 * Targets that Regia serves itself, so the demo's checks show live results on any machine: a healthy
 * page, a slow one (degraded above 1 s), a flaky one (500 about 30 % of the time), one down for
 * maintenance (503) and a JSON health answer. Public, at the root rather than under /api/v1, and left
 * out of the API documentation; they read and write nothing, so they are always on.
 */
const demoTargetsRoutes: FastifyPluginAsync<DemoTargetOptions> = async (app, options) => {
  const random = options.random ?? Math.random;
  const route = { schema: { hide: true }, config: { access: publicAccess } };
  const text = 'text/plain; charset=utf-8';

  app.get(`${demoTargetsPath}/ok`, route, async (_request, reply) => reply.type(text).send('ok'));

  app.get(`${demoTargetsPath}/slow`, route, async (_request, reply) => {
    await delay(slowTargetMs.min + Math.floor(random() * (slowTargetMs.max - slowTargetMs.min)));
    return reply.type(text).send('ok, slowly');
  });

  app.get(`${demoTargetsPath}/flaky`, route, async (_request, reply) =>
    random() < flakyFailureRate
      ? reply.status(500).type(text).send('internal error (the demo fails now and then)')
      : reply.type(text).send('ok'),
  );

  app.get(`${demoTargetsPath}/down`, route, async (_request, reply) =>
    reply.status(503).header('retry-after', '3600').type(text).send('maintenance'),
  );

  app.get(`${demoTargetsPath}/json`, route, async () => ({ status: 'ok', db: 'up' }));
};

export default demoTargetsRoutes;
