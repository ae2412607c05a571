import type { z } from 'zod';
import {
  type Timeline,
  TimelineQuery,
  timelineMaxDays,
  timelineMaxItems,
} from '../../../shared/contracts/work-items';
import { addDays, daysBetween, startOfLocalDay } from '../../../shared/domain/calendar-dates';
import type { AppContext } from '../../context';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { assertCanReadWork, canChangeWork, type WorkActor } from './work.policy';
import { listLabels, selectWorkItems } from './work-items.repository';
import { toWorkItemSummary } from './work-items.service';
import { deadlineContext } from './work-settings';

/**
 * A team's items whose bars cross a date window, and the dependencies between them. The window is
 * bounded and so is the number of items, so a team with 10,000 items never sends them all.
 */
export async function getTimeline(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  query: z.input<typeof TimelineQuery>,
): Promise<Timeline> {
  assertCanReadWork(actor);
  const { from, to } = parseInput(TimelineQuery, query, 'querystring');
  const days = daysBetween(from, to);
  if (days < 0 || days > timelineMaxDays) {
    throw appError('validation_failed', phrase('http.requestInvalid'), [
      { path: 'querystring.to', message: phrase('work.timelineRange', { days: timelineMaxDays }) },
    ]);
  }
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team');
  // A bar without a start date starts at the item's creation: it crosses the window when created before its end.
  const windowEnd = startOfLocalDay(addDays(to, 1), ctx.config.timezone);
  const rows = await selectWorkItems(ctx.db)
    .where('workItems.teamId', '=', teamId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('workItems.dueDate', '>=', from),
          eb.or([
            eb('workItems.startDate', '<=', to),
            eb.and([eb('workItems.startDate', 'is', null), eb('workItems.createdAt', '<', windowEnd)]),
          ]),
        ]),
        // Started but without a deadline: a point at its start.
        eb.and([
          eb('workItems.dueDate', 'is', null),
          eb('workItems.startDate', '>=', from),
          eb('workItems.startDate', '<=', to),
        ]),
      ]),
    )
    .orderBy('workItems.dueDate')
    .orderBy('workItems.id')
    .limit(timelineMaxItems + 1)
    .execute();
  const isTruncated = rows.length > timelineMaxItems;
  const shown = rows.slice(0, timelineMaxItems);
  const ids = shown.map((row) => row.id);
  const deadlines = await deadlineContext(ctx);
  const labels = await listLabels(ctx.db, ids);
  const present = new Set(ids);
  // Edges of the team's items, kept when both ends are drawn.
  const edges = await ctx.db
    .selectFrom('workItemDependencies as d')
    .innerJoin('workItems as blocked', 'blocked.id', 'd.blockedId')
    .select(['d.blockerId', 'd.blockedId'])
    .where('blocked.teamId', '=', teamId)
    .orderBy('d.blockerId')
    .orderBy('d.blockedId')
    .execute();
  return {
    teamId,
    from,
    to,
    items: shown.map((row) => toWorkItemSummary(row, labels.get(row.id) ?? [], deadlines)),
    dependencies: edges.filter((edge) => present.has(edge.blockerId) && present.has(edge.blockedId)),
    isTruncated,
    canChange: canChangeWork(actor, teamId),
  };
}
