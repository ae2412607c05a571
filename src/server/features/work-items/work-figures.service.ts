import { type WorkFigures, WorkFiguresQuery } from '../../../shared/contracts/work-items';
import { addDays, startOfLocalDay } from '../../../shared/domain/calendar-dates';
import { computeWorkFigures, type WorkFigures as Figures } from '../../../shared/domain/work-figures';
import type { AppContext } from '../../context';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { assertCanReadWork, type WorkActor } from './work.policy';

/**
 * The figures of one team (or every team, `teamId` null) over [from, to) in epoch ms: the function
 * other features call (the KPI feature). The rules are in `shared/domain/work-figures.ts`.
 */
export async function getWorkFigures(
  ctx: Pick<AppContext, 'db' | 'config' | 'now'>,
  period: { teamId: number | null; from: number; to: number },
): Promise<Figures> {
  const then = Math.min(period.to, ctx.now());
  let query = ctx.db
    .selectFrom('workItems')
    .select(['type', 'createdAt', 'startedAt', 'completedAt', 'dueDate'])
    // Only what can count: created before the end, and not completed before the start.
    .where('createdAt', '<', Math.max(period.to, then))
    .where((eb) => eb.or([eb('completedAt', 'is', null), eb('completedAt', '>=', period.from)]));
  if (period.teamId !== null) query = query.where('teamId', '=', period.teamId);
  const items = await query.execute();
  return computeWorkFigures(items, period, ctx.config.timezone, ctx.now());
}

/** The figures over a period of calendar days (both included), read in the organisation's timezone. */
export async function getWorkFiguresFor(
  ctx: AppContext,
  actor: WorkActor,
  query: WorkFiguresQuery,
): Promise<WorkFigures> {
  assertCanReadWork(actor);
  const { teamId, from, to } = parseInput(WorkFiguresQuery, query, 'querystring');
  if (to < from) {
    throw appError('validation_failed', phrase('work.periodReversed'), [
      { path: 'querystring.to', message: phrase('work.issueToAfterFrom') },
    ]);
  }
  const timezone = ctx.config.timezone;
  const figures = await getWorkFigures(ctx, {
    teamId: teamId ?? null,
    from: startOfLocalDay(from, timezone),
    to: startOfLocalDay(addDays(to, 1), timezone),
  });
  return { teamId: teamId ?? null, from, to, ...figures };
}
