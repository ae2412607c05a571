import { z } from 'zod';

/**
 * What a workflow state means, whatever its name: waiting to be looked at (triage, for requests),
 * to do, in progress, done. Figures and deadlines read the category.
 */
export const stateCategories = ['triage', 'todo', 'in_progress', 'done'] as const;
export const StateCategory = z.enum(stateCategories);
export type StateCategory = z.infer<typeof StateCategory>;

const StateName = z.string().trim().min(1, { message: 'required' }).max(80);
const WipLimit = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .nullable()
  .describe('at most this many items in the state at once; null: no limit');

/** One state of a team's workflow, with how many items are in it. */
export const WorkflowState = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  name: z.string(),
  category: StateCategory,
  position: z.number().int().describe('0-based order on the board'),
  wipLimit: z.number().int().nullable(),
  itemCount: z.number().int(),
});
export type WorkflowState = z.infer<typeof WorkflowState>;

/** A team's workflow: its states in order. */
export const Workflow = z.object({
  teamId: z.number().int(),
  teamName: z.string(),
  states: z.array(WorkflowState),
  canManage: z.boolean().describe('whether the caller may change this workflow'),
});
export type Workflow = z.infer<typeof Workflow>;

/** A state to add, at the end unless a position is given. */
export const NewWorkflowState = z.strictObject({
  name: StateName,
  category: StateCategory,
  wipLimit: WipLimit.default(null),
  position: z.number().int().min(0).max(100).optional(),
});
export type NewWorkflowState = z.infer<typeof NewWorkflowState>;

/** Renaming a state, changing its category or WIP limit. */
export const UpdateWorkflowState = z.strictObject({
  name: StateName.optional(),
  category: StateCategory.optional(),
  wipLimit: WipLimit.optional(),
});
export type UpdateWorkflowState = z.infer<typeof UpdateWorkflowState>;

/** The new order: every state id of the workflow, each once. */
export const ReorderWorkflowStates = z.strictObject({
  stateIds: z.array(z.number().int().positive()).min(1).max(100),
});
export type ReorderWorkflowStates = z.infer<typeof ReorderWorkflowStates>;

/** Removing a state moves its items to another state of the same workflow. */
export const DeleteWorkflowState = z.strictObject({
  moveToStateId: z.number().int().positive().describe('where the items of the removed state go'),
});
export type DeleteWorkflowState = z.infer<typeof DeleteWorkflowState>;

/** Path of a state: `/teams/:teamId/workflow/states/:stateId`. */
export const StateParams = z.strictObject({
  teamId: z.coerce.number().int().positive(),
  stateId: z.coerce.number().int().positive(),
});
export const TeamParams = z.strictObject({ teamId: z.coerce.number().int().positive() });
