import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  CreatedRunner,
  NewRunner,
  RunnerChecks,
  RunnerList,
  RunnerReport,
  RunnerReportAck,
} from '../../../shared/contracts/runners';
import type { AppContext } from '../../context';
import { actorOf, can, runnerOnly } from '../../http/access';
import { runnerOf } from './runner-auth';
import { acceptReport, createRunner, listRunners, loadRunnerChecks, revokeRunner } from './runners.service';

/** A report of 1000 results with long messages is well under this. */
const reportBodyLimit = 4 * 1024 * 1024;

/** True when an If-None-Match header names this version (or is `*`). */
function matchesEtag(header: string | undefined, version: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${version}"`);
}

/**
 * Remote runners: admins register and revoke them; a runner, with its own token, fetches the
 * checks of its location and reports their results. Runners must reach the server over HTTPS in
 * production: the check list carries real header values (credentials) and the token.
 */
export const runnersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['runners'];
  const manage = { access: can('users.manage') };

  app.get(
    '/runners',
    {
      schema: {
        tags,
        summary: 'List remote runners, with when each was last seen',
        response: { 200: RunnerList },
      },
      config: manage,
    },
    async () => ({ rows: await listRunners(ctx) }),
  );
  app.post(
    '/runners',
    {
      schema: {
        tags,
        summary: 'Register a remote runner; its token is shown once',
        body: NewRunner,
        response: { 201: CreatedRunner },
      },
      config: manage,
    },
    async (request, reply) => reply.status(201).send(await createRunner(ctx, actorOf(request), request.body)),
  );
  app.delete(
    '/runners/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a remote runner and its token',
        params: IdParams,
        response: { 200: Ok },
      },
      config: manage,
    },
    async (request) => {
      await revokeRunner(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/runner/checks',
    {
      schema: {
        tags,
        summary: "The calling runner's checks, with real settings (runner token only; use HTTPS)",
        description:
          "Every check that lists the runner's location and is not paused (heartbeats excepted: the server judges them). " +
          'Header values are decrypted, so this must travel over HTTPS. Send the last `version` in If-None-Match: ' +
          'an unchanged list answers 304 with no body.',
        headers: z.looseObject({ 'if-none-match': z.string().max(1000).optional() }),
        response: { 200: RunnerChecks, 304: z.null().describe('unchanged since the version sent') },
      },
      config: { access: runnerOnly },
    },
    async (request, reply) => {
      const loaded = await loadRunnerChecks(ctx, runnerOf(request));
      void reply.header('etag', `"${loaded.version}"`).header('cache-control', 'private, no-store');
      if (matchesEtag(request.headers['if-none-match'], loaded.version)) return reply.status(304).send(null);
      return loaded.build();
    },
  );
  app.post(
    '/runner/results',
    {
      schema: {
        tags,
        summary: 'Report results of the calling runner (runner token only); stored before the answer',
        description:
          "At most 1000 results. They are stored with the runner's location; a result already stored for the same " +
          'check and planned time is ignored, so a report may be sent again safely. Results for checks that do not ' +
          'run from this location are refused one by one (listed in `refused`).',
        body: RunnerReport,
        response: { 200: RunnerReportAck },
      },
      config: { access: runnerOnly },
      bodyLimit: reportBodyLimit,
    },
    (request) => acceptReport(ctx, runnerOf(request), request.body),
  );
};
