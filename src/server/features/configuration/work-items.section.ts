import type { WorkflowSpec, WorkRecurrenceSpec } from '../../../shared/contracts/work-configuration';
import type { Recurrence } from '../../../shared/contracts/work-items';
import type { Workflow, WorkflowState } from '../../../shared/contracts/workflows';
import { createRecurrence, listRecurrences, updateRecurrence } from '../work-items/recurrences.service';
import {
  addWorkflowState,
  deleteWorkflowState,
  getWorkflow,
  reorderWorkflowStates,
  updateWorkflowState,
} from '../workflows/workflows.service';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  listAllPages,
  listAllServicePages,
  planByKey,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllTeams } from './teams.section';
import { listAllUsers } from './users.section';

// Team workflows and recurring work as code. Work items are not here on purpose: they are the work
// itself, changing by the hour, and a file that re-applied them would undo the team's progress.

/** The teams a document may name: those that exist and those the document creates. */
function knownTeams(context: { current: Record<string, unknown[]>; desired: { teams: { name: string }[] } }) {
  return new Set([
    ...(context.current.teams as { name: string }[]).map((team) => team.name),
    ...context.desired.teams.map((team) => team.name),
  ]);
}

async function teamIdsByName(target: ConfigurationTarget): Promise<Map<string, number>> {
  return new Map((await listAllTeams(target)).map((team) => [team.name, team.id]));
}

function getWorkflowOf(target: ConfigurationTarget, teamId: number): Promise<Workflow> {
  if (target.mode === 'remote') return target.api.get<Workflow>(`/teams/${teamId}/workflow`);
  return getWorkflow(target.ctx, target.actor, teamId);
}

const canonicalState = (state: { name: string; category: string; wipLimit: number | null }) =>
  `${state.name}\n${state.category}\n${state.wipLimit}`;

const stateSpecOf = (state: WorkflowState) => ({
  name: state.name,
  category: state.category,
  wipLimit: state.wipLimit,
});

/**
 * Each team's workflow by team name: its states in order, with category and WIP limit. A state is
 * matched by name; one the file leaves out is removed, its items moved to the first listed state of
 * the same category (or the first listed state).
 */
export const workflowsSection: ConfigurationSection<WorkflowSpec> = {
  name: 'workflows',
  label: 'workflow',
  keyOf: (spec) => spec.team,

  async exportSection(target) {
    const specs: WorkflowSpec[] = [];
    for (const team of await listAllTeams(target)) {
      const workflow = await getWorkflowOf(target, team.id);
      specs.push({ team: team.name, states: workflow.states.map(stateSpecOf) });
    }
    return specs;
  },

  compact: (spec) => ({
    team: spec.team,
    states: spec.states.map((state) => withoutDefaults(state, { wipLimit: null })),
  }),

  planSection(desired, context) {
    const teams = knownTeams(context);
    const issues: ConfigurationIssue[] = desired.flatMap((spec, index) =>
      teams.has(spec.team)
        ? []
        : [{ path: `workflows[${index}].team`, line: null, message: `no team "${spec.team}"` }],
    );
    const current = context.current.workflows as WorkflowSpec[];
    return { entries: planByKey(workflowsSection, desired, current, ['states']), issues };
  },

  async applySection(entries, target) {
    const teamIds = await teamIdsByName(target);
    for (const { action, key, desired } of entries) {
      if (action === 'unchanged') continue;
      const teamId = teamIds.get(key);
      if (teamId === undefined) throw new Error(`team ${key} disappeared while applying`);
      await applyWorkflow(target, teamId, desired);
    }
  },
};

/** Makes a team's states match the spec: update or add by name, remove the rest, then order. */
async function applyWorkflow(target: ConfigurationTarget, teamId: number, spec: WorkflowSpec): Promise<void> {
  const base = `/teams/${teamId}/workflow`;
  const current = await getWorkflowOf(target, teamId);
  const byName = new Map(current.states.map((state) => [state.name.toLowerCase(), state]));
  const ids: number[] = [];
  for (const wanted of spec.states) {
    const existing = byName.get(wanted.name.toLowerCase());
    if (existing) {
      ids.push(existing.id);
      if (canonicalState(existing) === canonicalState(wanted)) continue;
      const change = { name: wanted.name, category: wanted.category, wipLimit: wanted.wipLimit };
      if (target.mode === 'local')
        await updateWorkflowState(target.ctx, target.actor, teamId, existing.id, change);
      else await target.api.send('PATCH', `${base}/states/${existing.id}`, change);
      continue;
    }
    const added =
      target.mode === 'local'
        ? await addWorkflowState(target.ctx, target.actor, teamId, wanted)
        : await target.api.send<Workflow>('POST', `${base}/states`, wanted);
    const state = added.states.find((candidate) => candidate.name === wanted.name);
    if (!state) throw new Error(`state ${wanted.name} of ${spec.team} was not added`);
    ids.push(state.id);
  }
  const removed = current.states.filter((state) => !ids.includes(state.id));
  for (const state of removed) {
    const moveTo =
      spec.states.findIndex((wanted) => wanted.category === state.category) >= 0
        ? ids[spec.states.findIndex((wanted) => wanted.category === state.category)]
        : ids[0];
    if (target.mode === 'remote') {
      // The API client of apply sends no DELETE: removing a state (and moving its items) is done on the board.
      throw new Error(
        `remove the state "${state.name}" of ${spec.team} on its workflow page, or apply locally`,
      );
    }
    await deleteWorkflowState(target.ctx, target.actor, teamId, state.id, {
      moveToStateId: moveTo as number,
    });
  }
  const kept = current.states.filter((state) => ids.includes(state.id)).map((state) => state.id);
  if (kept.length === ids.length && kept.every((id, index) => id === ids[index])) return;
  if (target.mode === 'local')
    await reorderWorkflowStates(target.ctx, target.actor, teamId, { stateIds: ids });
  else await target.api.send('PUT', `${base}/order`, { stateIds: ids });
}

const recurrenceFields = [
  'team',
  'schedule',
  'timezone',
  'title',
  'description',
  'type',
  'priority',
  'assignee',
  'leadDays',
  'isEnabled',
] as const satisfies readonly (keyof WorkRecurrenceSpec)[];

const recurrenceDefaults: Partial<WorkRecurrenceSpec> = {
  timezone: 'Europe/Rome',
  description: '',
  type: 'task',
  priority: 3,
  assignee: null,
  leadDays: 7,
  isEnabled: true,
};

async function listAllRecurrences(target: ConfigurationTarget): Promise<Recurrence[]> {
  if (target.mode === 'remote') return listAllPages<Recurrence>(target.api, '/work-recurrences');
  return listAllServicePages((page, pageSize) =>
    listRecurrences(target.ctx, target.actor, { page, pageSize }),
  );
}

/** Recurring work by name (monthly patching, quarterly access review), team by name, assignee by e-mail. */
export const workRecurrencesSection: ConfigurationSection<WorkRecurrenceSpec> = {
  name: 'workRecurrences',
  label: 'recurring work',
  keyOf: (spec) => spec.name,

  async exportSection(target) {
    const teams = new Map((await listAllTeams(target)).map((team) => [team.id, team.name]));
    const emails = new Map((await listAllUsers(target)).map((user) => [user.id, user.email]));
    return (await listAllRecurrences(target)).map((recurrence) => ({
      name: recurrence.name,
      team: teams.get(recurrence.teamId) ?? '',
      schedule: recurrence.schedule,
      timezone: recurrence.timezone,
      title: recurrence.title,
      description: recurrence.description,
      type: recurrence.type,
      priority: recurrence.priority,
      assignee: recurrence.assigneeId === null ? null : (emails.get(recurrence.assigneeId) ?? null),
      leadDays: recurrence.leadDays,
      isEnabled: recurrence.isEnabled,
    }));
  },

  compact: (spec) => withoutDefaults(spec, recurrenceDefaults),

  planSection(desired, context) {
    const teams = knownTeams(context);
    const users = new Set([
      ...(context.current.users as { email: string }[]).map((user) => user.email.toLowerCase()),
      ...context.desired.users.map((user) => user.email.toLowerCase()),
    ]);
    const issues: ConfigurationIssue[] = [];
    desired.forEach((spec, index) => {
      if (!teams.has(spec.team)) {
        issues.push({
          path: `workRecurrences[${index}].team`,
          line: null,
          message: `no team "${spec.team}"`,
        });
      }
      if (spec.assignee !== null && !users.has(spec.assignee.toLowerCase())) {
        issues.push({
          path: `workRecurrences[${index}].assignee`,
          line: null,
          message: `no user "${spec.assignee}"`,
        });
      }
    });
    const current = context.current.workRecurrences as WorkRecurrenceSpec[];
    const entries = planByKey(workRecurrencesSection, desired, current, recurrenceFields);
    // A recurrence stays with the team that made it: moving it is a new one under another name.
    for (const entry of entries) {
      const before = current.find((spec) => spec.name === entry.key);
      if (before && before.team !== entry.desired.team) {
        issues.push({
          path: 'workRecurrences',
          line: null,
          message: `"${entry.key}" belongs to ${before.team}: give the recurrence of ${entry.desired.team} another name`,
        });
      }
    }
    return { entries, issues };
  },

  async applySection(entries, target) {
    const teamIds = await teamIdsByName(target);
    const userIds = new Map((await listAllUsers(target)).map((user) => [user.email.toLowerCase(), user.id]));
    const existing = new Map(
      (await listAllRecurrences(target)).map((recurrence) => [recurrence.name, recurrence]),
    );
    for (const { action, key, desired } of entries) {
      if (action === 'unchanged') continue;
      const { team, assignee, ...fields } = desired;
      const assigneeId = assignee === null ? null : (userIds.get(assignee.toLowerCase()) ?? null);
      if (action === 'create') {
        const teamId = teamIds.get(team);
        if (teamId === undefined) throw new Error(`team ${team} disappeared while applying`);
        const input = { ...fields, teamId, assigneeId };
        if (target.mode === 'local') await createRecurrence(target.ctx, target.actor, input);
        else await target.api.send('POST', '/work-recurrences', input);
        continue;
      }
      const recurrence = existing.get(key);
      if (!recurrence) throw new Error(`recurring work ${key} disappeared while applying`);
      const change = { ...fields, assigneeId };
      if (target.mode === 'local') await updateRecurrence(target.ctx, target.actor, recurrence.id, change);
      else await target.api.send('PATCH', `/work-recurrences/${recurrence.id}`, change);
    }
  },
};
