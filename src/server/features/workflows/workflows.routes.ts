import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DeleteWorkflowState,
  NewWorkflowState,
  ReorderWorkflowStates,
  StateParams,
  TeamParams,
  UpdateWorkflowState,
  Workflow,
} from '../../../shared/contracts/workflows';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import {
  addWorkflowState,
  deleteWorkflowState,
  getWorkflow,
  reorderWorkflowStates,
  updateWorkflowState,
} from './workflows.service';

const read = { access: can('read') };
// Leads change only their own team's workflow: the service checks that.
const manage = { access: can('workflows.manage') };

/** A team's workflow: its ordered states, their categories and WIP limits. */
export const workflowsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['work'];
  app.get(
    '/teams/:teamId/workflow',
    {
      schema: {
        tags,
        summary: "A team's workflow states in order, with item counts",
        params: TeamParams,
        response: { 200: Workflow },
      },
      config: read,
    },
    (request) => getWorkflow(ctx, actorOf(request), request.params.teamId),
  );
  app.post(
    '/teams/:teamId/workflow/states',
    {
      schema: {
        tags,
        summary: 'Add a state (audited)',
        params: TeamParams,
        body: NewWorkflowState,
        response: { 200: Workflow },
      },
      config: manage,
    },
    (request) => addWorkflowState(ctx, actorOf(request), request.params.teamId, request.body),
  );
  app.patch(
    '/teams/:teamId/workflow/states/:stateId',
    {
      schema: {
        tags,
        summary: 'Rename a state, change its category or WIP limit (audited)',
        params: StateParams,
        body: UpdateWorkflowState,
        response: { 200: Workflow },
      },
      config: manage,
    },
    (request) =>
      updateWorkflowState(ctx, actorOf(request), request.params.teamId, request.params.stateId, request.body),
  );
  app.put(
    '/teams/:teamId/workflow/order',
    {
      schema: {
        tags,
        summary: 'Put the states in a new order (audited)',
        params: TeamParams,
        body: ReorderWorkflowStates,
        response: { 200: Workflow },
      },
      config: manage,
    },
    (request) => reorderWorkflowStates(ctx, actorOf(request), request.params.teamId, request.body),
  );
  app.delete(
    '/teams/:teamId/workflow/states/:stateId',
    {
      schema: {
        tags,
        summary: 'Remove a state, moving its items to another state (audited)',
        params: StateParams,
        body: DeleteWorkflowState,
        response: { 200: Workflow },
      },
      config: manage,
    },
    (request) =>
      deleteWorkflowState(ctx, actorOf(request), request.params.teamId, request.params.stateId, request.body),
  );
};
