import type { FastifyRequest } from 'fastify';
import type { RunnerIdentity } from '../../../shared/contracts/runners';
import type { AppContext } from '../../context';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { hashSecret } from '../auth/secrets';
import { findRunnerByTokenHash, markRunnerSeen } from './runners.repository';

/** Runner tokens start with this, API tokens with `rg_`: the prefix says which table to look in. */
export const runnerTokenPrefix = 'rr_';

/** Last-seen is written at most this often, so polls and reports do not all turn into writes. */
const touchEveryMs = 15_000;

/**
 * The runner a bearer token belongs to, or a 401. Each authenticated call counts as the runner
 * being seen (that is what "online" in the admin list means).
 */
export async function authenticateRunner(ctx: AppContext, token: string): Promise<RunnerIdentity> {
  const runner = await findRunnerByTokenHash(ctx.db, hashSecret(token));
  if (!runner) throw appError('unauthenticated', phrase('runners.tokenUnknown'));
  const now = ctx.now();
  if (runner.lastSeenAt === null || now - runner.lastSeenAt >= touchEveryMs) {
    await markRunnerSeen(ctx.db, runner.id, now);
  }
  return { id: runner.id, name: runner.name, location: runner.location };
}

/** The calling runner; only for routes whose access rule is `{ kind: 'runner' }`. */
export function runnerOf(request: FastifyRequest): RunnerIdentity {
  if (!request.runner) throw appError('unauthenticated', phrase('access.runnerRouteNeedsToken'));
  return request.runner;
}
