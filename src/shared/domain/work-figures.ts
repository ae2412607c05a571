import { localDateOf } from './calendar-dates';

// The figures of a team's work over a period [from, to). Rules, stated once:
// - an item is "completed in the period" when it entered a done state within it (completedAt);
// - throughput = completed items; on-time rate = completed items with a due date that were completed
//   on or before that day (in the organisation's timezone) ÷ completed items with a due date;
// - cycle time = completed − started (first entry into an in-progress state), lead time =
//   completed − created, both averaged over the items completed in the period, in days;
// - open backlog = items created before the period's end and not completed by then; its age is
//   averaged in days at that moment ("then" is the end of the period, or now if it is earlier);
// - overdue = open backlog items whose due date is before the day of "then".
// Projects and milestones are containers of other items: they are left out of every figure.

const dayMs = 86_400_000;

/** What the figures read of one item. */
export interface FigureItem {
  type: string;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  dueDate: string | null;
}

/** A team's figures over a period; averages are null when nothing was measured. */
export interface WorkFigures {
  throughput: number;
  onTimeRate: number | null;
  onTimeCount: number;
  withDueDateCount: number;
  cycleTimeDays: number | null;
  leadTimeDays: number | null;
  openBacklog: number;
  backlogAgeDays: number | null;
  oldestBacklogDays: number | null;
  overdue: number;
}

function average(values: number[]): number | null {
  if (values.length === 0) return null;
  return round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Computes the figures of a set of items over [from, to), reading days in `timezone`. */
export function computeWorkFigures(
  items: readonly FigureItem[],
  period: { from: number; to: number },
  timezone: string,
  now: number,
): WorkFigures {
  const counted = items.filter((item) => item.type !== 'project' && item.type !== 'milestone');
  const completed = counted.filter(
    (item) => item.completedAt !== null && item.completedAt >= period.from && item.completedAt < period.to,
  );
  const withDueDate = completed.filter((item) => item.dueDate !== null);
  const onTime = withDueDate.filter(
    (item) => localDateOf(item.completedAt as number, timezone) <= (item.dueDate as string),
  );
  const cycle = completed
    .filter((item) => item.startedAt !== null)
    .map((item) => ((item.completedAt as number) - (item.startedAt as number)) / dayMs);
  const lead = completed.map((item) => ((item.completedAt as number) - item.createdAt) / dayMs);

  const then = Math.min(period.to, now);
  const thenDay = localDateOf(then, timezone);
  const open = counted.filter(
    (item) => item.createdAt < then && (item.completedAt === null || item.completedAt >= then),
  );
  const ages = open.map((item) => (then - item.createdAt) / dayMs);
  return {
    throughput: completed.length,
    onTimeRate: withDueDate.length === 0 ? null : round(onTime.length / withDueDate.length),
    onTimeCount: onTime.length,
    withDueDateCount: withDueDate.length,
    cycleTimeDays: average(cycle),
    leadTimeDays: average(lead),
    openBacklog: open.length,
    backlogAgeDays: average(ages),
    oldestBacklogDays: ages.length === 0 ? null : round(Math.max(...ages)),
    overdue: open.filter((item) => item.dueDate !== null && item.dueDate < thenDay).length,
  };
}
