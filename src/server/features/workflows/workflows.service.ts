import type { Transaction } from 'kysely';
import {
  DeleteWorkflowState,
  NewWorkflowState,
  ReorderWorkflowStates,
  type StateCategory,
  UpdateWorkflowState,
  type Workflow,
} from '../../../shared/contracts/workflows';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { appError, notFound } from '../../i18n/app-error';
import { chooseLanguage } from '../../i18n/language';
import { type Language, phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { isUniqueViolation } from '../inventory/inventory.repository';
import {
  assertCanManageWorkflow,
  assertCanReadWork,
  canManageWorkflow,
  type WorkActor,
} from '../work-items/work.policy';
import {
  countItemsByState,
  deleteStateRow,
  findStateRow,
  insertStateRows,
  listStateRows,
  type StateRow,
  updateStateRow,
} from './workflows.repository';

/** The workflow every new team starts with; teams rename, add and remove states as they work. */
export const defaultStates: { name: string; category: StateCategory; wipLimit: number | null }[] = [
  { name: 'To do', category: 'todo', wipLimit: null },
  { name: 'In progress', category: 'in_progress', wipLimit: null },
  { name: 'In review', category: 'in_progress', wipLimit: null },
  { name: 'Done', category: 'done', wipLimit: null },
];

/**
 * The default states' names in each language Regia speaks: state names are data the team owns,
 * so they are written once, in the language of whoever created the team, and never translated later.
 */
const defaultStateNames: Record<Language, string[]> = {
  en: defaultStates.map((state) => state.name),
  it: ['Da fare', 'In corso', 'In verifica', 'Completato'],
};

/** The language of a person's chosen locale; English for none (the system, or no choice made). */
export async function languageOfUser(db: Db, userId: number | null): Promise<Language> {
  if (userId === null) return 'en';
  const user = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return chooseLanguage(user?.locale, undefined);
}

/**
 * Gives a team the default workflow when it has none, in the caller's transaction: called when a
 * team is created, and lazily for teams made before workflows existed. Returns its states.
 */
export async function ensureWorkflow(
  db: Db,
  teamId: number,
  now: number,
  language: Language = 'en',
): Promise<StateRow[]> {
  const existing = await listStateRows(db, teamId);
  if (existing.length > 0) return existing;
  try {
    await insertStateRows(
      db,
      defaultStates.map((state, position) => ({
        ...state,
        name: defaultStateNames[language][position] ?? state.name,
        teamId,
        position,
        createdAt: now,
        updatedAt: now,
      })),
    );
  } catch (error) {
    // Another request gave the team its workflow at the same moment: use theirs.
    if (!isUniqueViolation(error)) throw error;
  }
  return listStateRows(db, teamId);
}

async function teamName(db: Db, teamId: number): Promise<string> {
  const team = await db.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team');
  return team.name;
}

/** A team's workflow with the item count of each state; made with the defaults when missing. */
export async function getWorkflow(ctx: AppContext, actor: WorkActor, teamId: number): Promise<Workflow> {
  assertCanReadWork(actor);
  const name = await teamName(ctx.db, teamId);
  const states = await ensureWorkflowIn(ctx, teamId);
  const counts = await countItemsByState(ctx.db, teamId);
  return {
    teamId,
    teamName: name,
    canManage: canManageWorkflow(actor, teamId),
    states: states.map((state) => ({
      ...state,
      category: state.category as StateCategory,
      itemCount: counts.get(state.id) ?? 0,
    })),
  };
}

async function ensureWorkflowIn(ctx: AppContext, teamId: number): Promise<StateRow[]> {
  const states = await listStateRows(ctx.db, teamId);
  if (states.length > 0) return states;
  return ctx.db.transaction().execute((trx) => ensureWorkflow(trx, teamId, ctx.now()));
}

/** Runs one audited workflow change in a transaction and answers the workflow after it. */
async function changeWorkflow(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  action: string,
  change: (trx: Transaction<Database>, states: StateRow[]) => Promise<unknown>,
): Promise<Workflow> {
  await teamName(ctx.db, teamId);
  assertCanManageWorkflow(actor, teamId);
  await ensureWorkflowIn(ctx, teamId);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const before = await listStateRows(trx, teamId);
      const details = await change(trx, before);
      await recordChange(ctx, trx, actor, {
        action,
        entityType: 'workflow',
        entityId: teamId,
        before,
        after: { states: await listStateRows(trx, teamId), ...(details ? { details } : {}) },
      });
    })
    .catch(rethrowNameConflict);
  ctx.events.emit('work.changed', { workItemId: null, teamId });
  return getWorkflow(ctx, actor, teamId);
}

function rethrowNameConflict(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw appError('conflict', phrase('workflows.stateNameUsed'), [
      { path: 'body.name', message: phrase('issue.alreadyUsed') },
    ]);
  }
  throw error;
}

function stateOf(states: StateRow[], stateId: number): StateRow {
  const state = states.find((s) => s.id === stateId);
  if (!state) throw notFound('workflowState');
  return state;
}

async function renumber(trx: Db, ordered: StateRow[], now: number): Promise<void> {
  for (const [position, state] of ordered.entries()) {
    if (state.position !== position) await updateStateRow(trx, state.id, { position, updatedAt: now });
  }
}

/** Adds a state at the end, or at a position (the states after it move one down). */
export function addWorkflowState(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  input: NewWorkflowState,
): Promise<Workflow> {
  const state = parseInput(NewWorkflowState, input, 'body');
  return changeWorkflow(ctx, actor, teamId, 'workflow.state.create', async (trx, states) => {
    const now = ctx.now();
    const position = Math.min(state.position ?? states.length, states.length);
    // Make room, then insert at the position.
    for (const later of states.filter((s) => s.position >= position)) {
      await updateStateRow(trx, later.id, { position: later.position + 1, updatedAt: now });
    }
    await insertStateRows(trx, [
      {
        teamId,
        name: state.name,
        category: state.category,
        wipLimit: state.wipLimit,
        position,
        createdAt: now,
        updatedAt: now,
      },
    ]);
  });
}

/** Renames a state, changes its category (its items follow) or its WIP limit. */
export function updateWorkflowState(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  stateId: number,
  input: UpdateWorkflowState,
): Promise<Workflow> {
  const change = parseInput(UpdateWorkflowState, input, 'body');
  return changeWorkflow(ctx, actor, teamId, 'workflow.state.update', async (trx, states) => {
    const state = stateOf(states, stateId);
    const now = ctx.now();
    await updateStateRow(trx, stateId, { ...change, updatedAt: now });
    if (change.category && change.category !== state.category) {
      await recategoriseItems(trx, stateId, change.category, now);
    }
  });
}

/** Items follow their state's new category: entering done completes them, leaving it reopens them. */
async function recategoriseItems(trx: Db, stateId: number, category: StateCategory, now: number) {
  await trx
    .updateTable('workItems')
    .set({ category, updatedAt: now })
    .where('stateId', '=', stateId)
    .execute();
  if (category === 'done') {
    await trx
      .updateTable('workItems')
      .set({ completedAt: now })
      .where('stateId', '=', stateId)
      .where('completedAt', 'is', null)
      .execute();
  } else {
    await trx.updateTable('workItems').set({ completedAt: null }).where('stateId', '=', stateId).execute();
  }
  if (category === 'in_progress' || category === 'done') {
    await trx
      .updateTable('workItems')
      .set({ startedAt: now })
      .where('stateId', '=', stateId)
      .where('startedAt', 'is', null)
      .execute();
  }
}

/** Puts the states in a new order: the list must name every state of the workflow once. */
export function reorderWorkflowStates(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  input: ReorderWorkflowStates,
): Promise<Workflow> {
  const { stateIds } = parseInput(ReorderWorkflowStates, input, 'body');
  return changeWorkflow(ctx, actor, teamId, 'workflow.reorder', async (trx, states) => {
    const known = new Set(states.map((s) => s.id));
    if (
      stateIds.length !== states.length ||
      new Set(stateIds).size !== stateIds.length ||
      !stateIds.every((id) => known.has(id))
    ) {
      throw appError('validation_failed', phrase('workflows.orderEveryState'), [
        {
          path: 'body.stateIds',
          message: phrase('workflows.issueExpectedStateIds', { count: states.length }),
        },
      ]);
    }
    await renumber(
      trx,
      stateIds.map((id) => stateOf(states, id)),
      ctx.now(),
    );
  });
}

/**
 * Removes a state, moving its items to another state of the same workflow (the caller's choice;
 * the WIP limit of that state is not applied to a removal). The last state cannot go.
 */
export function deleteWorkflowState(
  ctx: AppContext,
  actor: WorkActor,
  teamId: number,
  stateId: number,
  input: DeleteWorkflowState,
): Promise<Workflow> {
  const { moveToStateId } = parseInput(DeleteWorkflowState, input, 'body');
  return changeWorkflow(ctx, actor, teamId, 'workflow.state.delete', async (trx, states) => {
    stateOf(states, stateId);
    if (moveToStateId === stateId) {
      throw appError('validation_failed', phrase('workflows.chooseAnotherState'), [
        { path: 'body.moveToStateId', message: phrase('workflows.issueAnotherState') },
      ]);
    }
    const target = states.find((s) => s.id === moveToStateId);
    if (!target) {
      throw appError('validation_failed', phrase('workflows.moveToSameWorkflow'), [
        { path: 'body.moveToStateId', message: phrase('workflows.issueNotStateOfWorkflow') },
      ]);
    }
    const now = ctx.now();
    const moved = await trx
      .updateTable('workItems')
      .set({ stateId: target.id, category: target.category, stateChangedAt: now, updatedAt: now })
      .where('stateId', '=', stateId)
      .executeTakeFirst();
    await recategoriseItems(trx, target.id, target.category as StateCategory, now);
    await deleteStateRow(trx, stateId);
    await renumber(trx, await listStateRows(trx, teamId), now);
    return { movedItems: Number(moved.numUpdatedRows), movedTo: target.id };
  });
}

/** The state a new item of the team starts in: the first one that is not triage. */
export async function initialStateOf(db: Db, teamId: number, now: number): Promise<StateRow> {
  const states = await ensureWorkflow(db, teamId, now);
  const first = states.find((s) => s.category !== 'triage') ?? states[0];
  if (!first) throw appError('conflict', phrase('workflows.noState'));
  return first;
}

export { findStateRow };
