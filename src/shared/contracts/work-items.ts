import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar-dates';
import { EpochMs, PageQuery, pageOf } from './common';
import { StateCategory } from './workflows';

/** What kind of work: a task, a change, a request, a project or a milestone (both contain items). */
export const workItemTypes = ['task', 'change', 'request', 'project', 'milestone'] as const;
export const WorkItemType = z.enum(workItemTypes);
export type WorkItemType = z.infer<typeof WorkItemType>;

/** 1 = urgent, 2 = high, 3 = medium, 4 = low. */
export const workItemPriorities = [1, 2, 3, 4] as const;
export const WorkItemPriority = z.number().int().min(1).max(4).describe('1 urgent, 2 high, 3 medium, 4 low');

/** A calendar day, ISO YYYY-MM-DD. */
export const CalendarDate = z
  .string()
  .refine(isCalendarDate, { message: 'a date written YYYY-MM-DD' })
  .describe('calendar day, YYYY-MM-DD');

export const DeadlineStatus = z.enum(['overdue', 'dueSoon']);
export type DeadlineStatus = z.infer<typeof DeadlineStatus>;

const Title = z.string().trim().min(1, { message: 'required' }).max(300);
const Description = z.string().max(50_000).describe('Markdown source');
const Label = z.string().trim().min(1).max(60);
const Minutes = z.number().int().min(0).max(10_000_000);

/** One work item as listed and shown on the board. */
export const WorkItemSummary = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  stateId: z.number().int(),
  stateName: z.string(),
  category: StateCategory,
  type: WorkItemType,
  title: z.string(),
  priority: z.number().int(),
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  reporterId: z.number().int().nullable(),
  parentId: z.number().int().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  deadline: DeadlineStatus.nullable().describe('overdue or due soon, computed for today'),
  estimateMinutes: z.number().int().nullable(),
  spentMinutes: z.number().int(),
  labels: z.array(z.string()),
  recurrenceId: z.number().int().nullable(),
  startedAt: EpochMs.nullable().describe('first entry into an in-progress state'),
  completedAt: EpochMs.nullable().describe('entry into a done state'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type WorkItemSummary = z.infer<typeof WorkItemSummary>;

/** Another work item, briefly (dependencies, parent). */
export const WorkItemBrief = z.object({
  id: z.number().int(),
  title: z.string(),
  category: StateCategory,
  stateName: z.string(),
  dueDate: z.string().nullable(),
});
export type WorkItemBrief = z.infer<typeof WorkItemBrief>;

export const linkTargetTypes = ['item', 'incident'] as const;
export const LinkTargetType = z.enum(linkTargetTypes);

/** A link to an inventory item or an incident. */
export const WorkItemLink = z.object({
  targetType: LinkTargetType,
  targetId: z.number().int(),
  name: z.string().describe('the item name or incident title; empty when it was deleted'),
});
export type WorkItemLink = z.infer<typeof WorkItemLink>;

/** A work item with everything its page shows. */
export const WorkItemDetail = WorkItemSummary.extend({
  description: z.string(),
  reporterName: z.string().nullable(),
  parent: WorkItemBrief.nullable(),
  children: z.array(WorkItemSummary),
  rollup: z
    .object({
      total: z.number().int(),
      done: z.number().int(),
      estimateMinutes: z.number().int(),
      spentMinutes: z.number().int(),
      overdue: z.number().int(),
      latestDueDate: z.string().nullable(),
    })
    .describe('over the children, for projects and milestones'),
  blockedBy: z.array(WorkItemBrief),
  blocks: z.array(WorkItemBrief),
  links: z.array(WorkItemLink),
  canChange: z.boolean(),
});
export type WorkItemDetail = z.infer<typeof WorkItemDetail>;

/** A new work item; without a state it goes to the first state of its team's workflow. */
export const NewWorkItem = z.strictObject({
  teamId: z.number().int().positive(),
  title: Title,
  description: Description.default(''),
  type: WorkItemType.default('task'),
  priority: WorkItemPriority.default(3),
  stateId: z.number().int().positive().optional(),
  assigneeId: z.number().int().positive().nullable().default(null),
  parentId: z.number().int().positive().nullable().default(null),
  startDate: CalendarDate.nullable().default(null),
  dueDate: CalendarDate.nullable().default(null),
  estimateMinutes: Minutes.nullable().default(null),
  spentMinutes: Minutes.default(0),
  labels: z.array(Label).max(20).default([]),
});
export type NewWorkItem = z.infer<typeof NewWorkItem>;
export type NewWorkItemInput = z.input<typeof NewWorkItem>;

/** A partial change; moving between states goes through `move` (WIP limits). */
export const UpdateWorkItem = z.strictObject({
  title: Title.optional(),
  description: Description.optional(),
  type: WorkItemType.optional(),
  priority: WorkItemPriority.optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  parentId: z.number().int().positive().nullable().optional(),
  startDate: CalendarDate.nullable().optional(),
  dueDate: CalendarDate.nullable().optional(),
  estimateMinutes: Minutes.nullable().optional(),
  spentMinutes: Minutes.optional(),
  labels: z.array(Label).max(20).optional(),
});
export type UpdateWorkItem = z.infer<typeof UpdateWorkItem>;

/** Moving an item to another state of its team's workflow. */
export const MoveWorkItem = z.strictObject({ stateId: z.number().int().positive() });
export type MoveWorkItem = z.infer<typeof MoveWorkItem>;

/** "This item is blocked by that one". */
export const NewDependency = z.strictObject({ blockerId: z.number().int().positive() });
export type NewDependency = z.infer<typeof NewDependency>;

export const DependencyParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  blockerId: z.coerce.number().int().positive(),
});

/** A link to an inventory item or an incident. */
export const NewWorkItemLink = z.strictObject({
  targetType: LinkTargetType,
  targetId: z.number().int().positive(),
});
export type NewWorkItemLink = z.infer<typeof NewWorkItemLink>;

export const LinkParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  targetType: LinkTargetType,
  targetId: z.coerce.number().int().positive(),
});

export const workItemSortFields = ['dueDate', 'priority', 'updatedAt', 'createdAt', 'title', 'id'] as const;

const BooleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
  .optional();

/** The list filters, shared by the list, the board and the exports. */
export const WorkItemFilterQuery = {
  teamId: z.coerce.number().int().positive().optional(),
  stateId: z.coerce.number().int().positive().optional(),
  category: StateCategory.optional(),
  isOpen: BooleanQuery.describe('true: not in a done state'),
  assigneeId: z.coerce.number().int().positive().optional(),
  isMine: BooleanQuery.describe("true: the caller's own items"),
  type: WorkItemType.optional(),
  priority: z.coerce.number().int().min(1).max(4).optional(),
  label: Label.optional(),
  deadline: DeadlineStatus.optional().describe('overdue, or due within the due-soon window'),
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional().describe('text in the title or description'),
};

/** List query: filters from an allow-list, sorting and paging. */
export const WorkItemListQuery = z.strictObject({
  ...PageQuery,
  ...WorkItemFilterQuery,
  sort: z.enum(workItemSortFields).default('dueDate'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type WorkItemListQuery = z.infer<typeof WorkItemListQuery>;
export type WorkItemFilter = Omit<WorkItemListQuery, 'page' | 'pageSize' | 'sort' | 'direction'>;

export const WorkItemPage = pageOf(WorkItemSummary);
export type WorkItemPage = z.infer<typeof WorkItemPage>;

/** Export query: the list's filters and order, and a format. */
export const WorkItemExportQuery = z.strictObject({
  ...WorkItemFilterQuery,
  sort: z.enum(workItemSortFields).default('dueDate'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type WorkItemExportQuery = z.infer<typeof WorkItemExportQuery>;

/** A team's board: its workflow's states, each with the items on it (a bounded number per state). */
export const BoardColumn = z.object({
  stateId: z.number().int(),
  name: z.string(),
  category: StateCategory,
  wipLimit: z.number().int().nullable(),
  itemCount: z.number().int(),
  items: z.array(WorkItemSummary),
});
export const Board = z.object({
  teamId: z.number().int(),
  columns: z.array(BoardColumn),
  canChange: z.boolean(),
});
export type Board = z.infer<typeof Board>;
export const BoardQuery = z.strictObject({
  perState: z.coerce.number().int().min(1).max(200).default(100),
  assigneeId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
});

/** Deadline settings: how many days ahead "due soon" looks. */
export const WorkSettings = z.strictObject({
  dueSoonDays: z.number().int().min(0).max(60).describe('an open item is due soon this many days ahead'),
});
export type WorkSettings = z.infer<typeof WorkSettings>;

/** A recurring piece of work: deadlines from a cron schedule and the item each one brings. */
export const Recurrence = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  name: z.string(),
  schedule: z.string().describe('five-field cron expression naming the deadlines'),
  timezone: z.string(),
  title: z.string(),
  description: z.string(),
  type: WorkItemType,
  priority: z.number().int(),
  assigneeId: z.number().int().nullable(),
  leadDays: z.number().int().describe('the item is created this many days before its deadline'),
  isEnabled: z.boolean(),
  lastOccurrenceAt: EpochMs.nullable(),
  nextDueDate: z.string().nullable().describe('the deadline of the next item to be created'),
});
export type Recurrence = z.infer<typeof Recurrence>;

export const NewRecurrence = z.strictObject({
  teamId: z.number().int().positive(),
  name: z.string().trim().min(1).max(200),
  schedule: z.string().trim().min(9).max(100),
  timezone: z.string().trim().max(64).optional().describe("by default the organisation's timezone"),
  title: Title,
  description: Description.default(''),
  type: WorkItemType.default('task'),
  priority: WorkItemPriority.default(3),
  assigneeId: z.number().int().positive().nullable().default(null),
  leadDays: z.number().int().min(0).max(365).default(7),
  isEnabled: z.boolean().default(true),
});
export type NewRecurrence = z.infer<typeof NewRecurrence>;
export type NewRecurrenceInput = z.input<typeof NewRecurrence>;

// Written out rather than NewRecurrence.partial(): zod 4 keeps the defaults of a partial object, so
// a change naming one field would reset the others to their defaults.
export const UpdateRecurrence = z.strictObject({
  name: NewRecurrence.shape.name.optional(),
  schedule: NewRecurrence.shape.schedule.optional(),
  timezone: NewRecurrence.shape.timezone,
  title: Title.optional(),
  description: Description.optional(),
  type: WorkItemType.optional(),
  priority: WorkItemPriority.optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  leadDays: z.number().int().min(0).max(365).optional(),
  isEnabled: z.boolean().optional(),
});
export type UpdateRecurrence = z.infer<typeof UpdateRecurrence>;

export const RecurrenceListQuery = z.strictObject({
  ...PageQuery,
  teamId: z.coerce.number().int().positive().optional(),
});
export const RecurrencePage = pageOf(Recurrence);
export type RecurrencePage = z.infer<typeof RecurrencePage>;

/** The figures of a team (or all teams) over a period of calendar days. */
export const WorkFiguresQuery = z.strictObject({
  teamId: z.coerce.number().int().positive().optional(),
  from: CalendarDate.describe('first day of the period'),
  to: CalendarDate.describe('last day of the period, included'),
});
export type WorkFiguresQuery = z.infer<typeof WorkFiguresQuery>;

export const WorkFigures = z.object({
  teamId: z.number().int().nullable(),
  from: z.string(),
  to: z.string(),
  throughput: z.number().int().describe('items that entered a done state in the period'),
  onTimeRate: z.number().nullable().describe('share of completed items with a due date done by it'),
  onTimeCount: z.number().int(),
  withDueDateCount: z.number().int(),
  cycleTimeDays: z.number().nullable().describe('average started → completed'),
  leadTimeDays: z.number().nullable().describe('average created → completed'),
  openBacklog: z.number().int().describe('open at the end of the period'),
  backlogAgeDays: z.number().nullable(),
  oldestBacklogDays: z.number().nullable(),
  overdue: z.number().int().describe('open at the end of the period and past their due date'),
});
export type WorkFigures = z.infer<typeof WorkFigures>;

/** The longest date window a timeline asks for at once (a quarter view with margins fits easily). */
export const timelineMaxDays = 400;
/** The most items a timeline window returns; `isTruncated` says when more matched. */
export const timelineMaxItems = 1000;

/** A timeline window of a team: items whose bars cross [from, to]. */
export const TimelineQuery = z.strictObject({
  from: CalendarDate.describe('first day of the window'),
  to: CalendarDate.describe(`last day of the window, included; at most ${timelineMaxDays} days after from`),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/** "blockerId blocks blockedId", both on the timeline. */
export const TimelineDependency = z.object({
  blockerId: z.number().int(),
  blockedId: z.number().int(),
});
export type TimelineDependency = z.infer<typeof TimelineDependency>;

/** The items of a team in a date window and the dependencies between them. */
export const Timeline = z.object({
  teamId: z.number().int(),
  from: z.string(),
  to: z.string(),
  items: z.array(WorkItemSummary),
  dependencies: z.array(TimelineDependency),
  isTruncated: z.boolean().describe(`true when more than ${timelineMaxItems} items fall in the window`),
  canChange: z.boolean(),
});
export type Timeline = z.infer<typeof Timeline>;

/** How a saved list view groups its rows. */
export const workViewGroupings = ['none', 'state', 'assignee', 'priority'] as const;
export const WorkViewGrouping = z.enum(workViewGroupings);
export type WorkViewGrouping = z.infer<typeof WorkViewGrouping>;

/** The list filters a saved view keeps (the team is the view's own). */
export const WorkViewFilters = z.strictObject({
  stateId: z.number().int().positive().optional(),
  category: StateCategory.optional(),
  isOpen: z.boolean().optional(),
  assigneeId: z.number().int().positive().optional(),
  isMine: z.boolean().optional(),
  type: WorkItemType.optional(),
  priority: z.number().int().min(1).max(4).optional(),
  label: Label.optional(),
  deadline: DeadlineStatus.optional(),
  q: z.string().trim().max(200).optional(),
});
export type WorkViewFilters = z.infer<typeof WorkViewFilters>;

const ViewName = z.string().trim().min(1, { message: 'required' }).max(100);

/** A named list view: filters, sort and grouping; personal, or shared with its team. */
export const WorkView = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  name: z.string(),
  isShared: z.boolean().describe('visible to everyone who sees the team, not only its owner'),
  filters: WorkViewFilters,
  sort: z.enum(workItemSortFields),
  direction: z.enum(['asc', 'desc']),
  groupBy: WorkViewGrouping,
  canChange: z.boolean().describe('the caller owns the view'),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type WorkView = z.infer<typeof WorkView>;

export const NewWorkView = z.strictObject({
  teamId: z.number().int().positive(),
  name: ViewName,
  isShared: z.boolean().default(false),
  filters: WorkViewFilters.default({}),
  sort: z.enum(workItemSortFields).default('dueDate'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  groupBy: WorkViewGrouping.default('none'),
});
export type NewWorkView = z.infer<typeof NewWorkView>;
export type NewWorkViewInput = z.input<typeof NewWorkView>;

// Written out rather than NewWorkView.partial(): zod 4 would still fill the defaults in and reset fields.
export const UpdateWorkView = z.strictObject({
  name: ViewName.optional(),
  isShared: z.boolean().optional(),
  filters: WorkViewFilters.optional(),
  sort: z.enum(workItemSortFields).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  groupBy: WorkViewGrouping.optional(),
});
export type UpdateWorkView = z.infer<typeof UpdateWorkView>;

export const WorkViewListQuery = z.strictObject({
  ...PageQuery,
  teamId: z.coerce.number().int().positive().optional(),
});
export const WorkViewPage = pageOf(WorkView);
export type WorkViewPage = z.infer<typeof WorkViewPage>;
