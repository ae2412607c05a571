import {
  type DurationFigures,
  type RequestFigures,
  RequestFiguresQuery,
} from '../../../shared/contracts/requests';
import type { AppContext } from '../../context';
import { parseInput } from '../../validation';
import { firstOtherCommentTimes, listAllRequestRows } from './requests.repository';
import { statusOf, toRequestSummary } from './requests.service';

/**
 * Count, median and 90th percentile of durations. The median of an even count is the mean of the
 * two middle values; the percentile is the nearest rank (the smallest value with 90% at or below it).
 */
export function durationFiguresOf(durations: readonly number[]): DurationFigures {
  const sorted = [...durations].sort((a, b) => a - b);
  const count = sorted.length;
  if (count === 0) return { count, medianMs: null, p90Ms: null };
  const middle = Math.floor(count / 2);
  const medianMs =
    count % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const p90Ms = sorted[Math.ceil(0.9 * count) - 1] as number;
  return { count, medianMs, p90Ms };
}

/**
 * Figures of the requests submitted in [from, to), optionally for one team, for the KPI feature:
 * response time (submitted → first response by someone else), resolution time (submitted → its
 * work item done), and how many were accepted, declined, merged, are still open or resolved.
 */
export async function getRequestFigures(
  ctx: Pick<AppContext, 'db'>,
  input: { teamId?: number; from: number; to: number },
): Promise<RequestFigures> {
  const query = parseInput(RequestFiguresQuery, input, 'querystring');
  const rows = await listAllRequestRows(ctx.db, {
    teamId: query.teamId,
    submittedFrom: query.from,
    submittedTo: query.to,
  });
  const firsts = await firstOtherCommentTimes(ctx.db, rows);
  const summaries = rows.map((row) => toRequestSummary(row, firsts.get(row.id)));
  const statuses = rows.map(statusOf);
  const count = (wanted: string[]) => statuses.filter((status) => wanted.includes(status)).length;
  return {
    teamId: query.teamId ?? null,
    from: query.from,
    to: query.to,
    submitted: rows.length,
    accepted: count(['accepted', 'resolved']),
    declined: count(['declined']),
    merged: count(['merged']),
    open: count(['triage']),
    resolved: count(['resolved']),
    responseTime: durationFiguresOf(
      summaries.flatMap((s) => (s.firstResponseAt === null ? [] : [s.firstResponseAt - s.submittedAt])),
    ),
    resolutionTime: durationFiguresOf(
      summaries.flatMap((s) => (s.resolvedAt === null ? [] : [s.resolvedAt - s.submittedAt])),
    ),
  };
}
