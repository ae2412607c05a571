import { z } from 'zod';
import { Email } from './common';
import { WorkItemPriority, WorkItemType } from './work-items';
import { StateCategory } from './workflows';

// Team workflows and recurring work as code (the `workflows:` and `workRecurrences:` sections of a
// configuration file). Work items themselves are work, not configuration: bulk loading is the CSV import.

/** One state of a workflow in a configuration file. */
export const WorkflowStateSpec = z.strictObject({
  name: z.string().trim().min(1).max(80),
  category: StateCategory,
  wipLimit: z.number().int().min(1).max(1000).nullable().default(null),
});
export type WorkflowStateSpec = z.infer<typeof WorkflowStateSpec>;

/** A team's workflow, by team name: its states in board order. States the file leaves out are removed. */
export const WorkflowSpec = z
  .strictObject({
    team: z.string().trim().min(1).max(100),
    states: z.array(WorkflowStateSpec).min(1).max(100),
  })
  .refine(
    (spec) => new Set(spec.states.map((state) => state.name.toLowerCase())).size === spec.states.length,
    {
      message: 'each state name once',
      path: ['states'],
    },
  )
  .refine((spec) => spec.states.some((state) => state.category !== 'done' && state.category !== 'triage'), {
    message: 'a workflow needs a state to start work in (to do or in progress)',
    path: ['states'],
  });
export type WorkflowSpec = z.infer<typeof WorkflowSpec>;

/** A recurring piece of work by name, its team by name and its assignee by e-mail. */
export const WorkRecurrenceSpec = z.strictObject({
  name: z.string().trim().min(1).max(200),
  team: z.string().trim().min(1).max(100),
  schedule: z.string().trim().min(9).max(100).describe('five-field cron expression naming the deadlines'),
  timezone: z.string().trim().min(1).max(64).default('Europe/Rome'),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(50_000).default(''),
  type: WorkItemType.default('task'),
  priority: WorkItemPriority.default(3),
  assignee: Email.nullable().default(null),
  leadDays: z.number().int().min(0).max(365).default(7),
  isEnabled: z.boolean().default(true),
});
export type WorkRecurrenceSpec = z.infer<typeof WorkRecurrenceSpec>;
