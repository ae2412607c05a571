import type { FigureItem } from './work-figures';

/** A UTC instant in November 2026 (Rome is UTC+1 then). */
const nov = (day: number, hour = 10, minute = 0) => Date.UTC(2026, 10, day, hour, minute);

/** The known data set of the figures tests; the expected values are worked out by hand beside them. */
export const figureItems: (FigureItem & { name: string })[] = [
  // on time; cycle 3 d, lead 4 d
  {
    name: 'A',
    type: 'task',
    createdAt: nov(1),
    startedAt: nov(2),
    completedAt: nov(5),
    dueDate: '2026-11-05',
  },
  // late; cycle 6 d, lead 7 d
  {
    name: 'B',
    type: 'task',
    createdAt: nov(3),
    startedAt: nov(4),
    completedAt: nov(10),
    dueDate: '2026-11-08',
  },
  // never started by hand, no due date; lead 23 d
  {
    name: 'C',
    type: 'change',
    createdAt: Date.UTC(2026, 9, 20, 10),
    startedAt: null,
    completedAt: nov(12),
    dueDate: null,
  },
  // completed before the period: not counted
  {
    name: 'D',
    type: 'task',
    createdAt: Date.UTC(2026, 9, 1),
    startedAt: null,
    completedAt: Date.UTC(2026, 9, 15),
    dueDate: null,
  },
  // open, overdue at the end; 10 days old
  {
    name: 'E',
    type: 'task',
    createdAt: nov(15, 9),
    startedAt: null,
    completedAt: null,
    dueDate: '2026-11-20',
  },
  // open, not overdue; 5 days old
  {
    name: 'F',
    type: 'task',
    createdAt: nov(20, 9),
    startedAt: null,
    completedAt: null,
    dueDate: '2026-11-30',
  },
  // a project: a container, left out
  {
    name: 'G',
    type: 'project',
    createdAt: nov(1),
    startedAt: null,
    completedAt: null,
    dueDate: '2026-11-02',
  },
  // completed 00:30 on 25 Nov in Rome (23:30 UTC on the 24th), due the 24th: late; cycle 2 d, lead 3 d
  {
    name: 'H',
    type: 'task',
    createdAt: nov(21, 23, 30),
    startedAt: nov(22, 23, 30),
    completedAt: nov(24, 23, 30),
    dueDate: '2026-11-24',
  },
  // created after "now": not yet in the backlog
  { name: 'I', type: 'task', createdAt: nov(26), startedAt: null, completedAt: null, dueDate: null },
];

/** By hand: see each item's comment. */
export const expectedFigures = {
  throughput: 4, // A B C H
  onTimeRate: 0.33, // A of A B H
  onTimeCount: 1,
  withDueDateCount: 3,
  cycleTimeDays: 3.67, // (3 + 6 + 2) / 3
  leadTimeDays: 9.25, // (4 + 7 + 23 + 3) / 4
  openBacklog: 2, // E F
  backlogAgeDays: 7.5, // (10 + 5) / 2
  oldestBacklogDays: 10,
  overdue: 1, // E
};
