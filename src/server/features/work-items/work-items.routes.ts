import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  Board,
  BoardQuery,
  DependencyParams,
  LinkParams,
  MoveWorkItem,
  NewDependency,
  NewRecurrence,
  NewWorkItem,
  NewWorkItemLink,
  Recurrence,
  RecurrenceListQuery,
  RecurrencePage,
  UpdateRecurrence,
  UpdateWorkItem,
  WorkFigures,
  WorkFiguresQuery,
  WorkItemDetail,
  WorkItemExportQuery,
  WorkItemListQuery,
  WorkItemPage,
  WorkSettings,
} from '../../../shared/contracts/work-items';
import { TeamParams } from '../../../shared/contracts/workflows';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { csvContentType, sendDownload, xlsxContentType } from '../../http/download';
import { createRecurrence, deleteRecurrence, listRecurrences, updateRecurrence } from './recurrences.service';
import { getWorkFiguresFor } from './work-figures.service';
import {
  addDependency,
  addWorkItemLink,
  deleteDependencyOf,
  deleteWorkItemLink,
} from './work-item-relations.service';
import { exportWorkItems } from './work-items.export';
import {
  createWorkItem,
  deleteWorkItem,
  getBoard,
  getWorkItem,
  listWorkItems,
  moveWorkItem,
  updateWorkItem,
} from './work-items.service';
import { getWorkSettings, updateWorkSettings } from './work-settings';

const read = { access: can('read') };
// Members and leads change only their own teams' items: the service checks that.
const write = { access: can('work.write') };

/** Work items: list, board, detail, changes, moves between states, dependencies, links, figures. */
export const workItemsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['work'];
  app.get(
    '/work-items',
    {
      schema: {
        tags,
        summary:
          'List work items: filter by team, state, category, assignee, type, priority, label, deadline, text; sort, page',
        querystring: WorkItemListQuery,
        response: { 200: WorkItemPage },
      },
      config: read,
    },
    (request) => listWorkItems(ctx, actorOf(request), request.query),
  );
  app.get(
    '/work-items/export',
    {
      schema: {
        tags,
        summary: 'Download the work items matching the filters as CSV or XLSX',
        querystring: WorkItemExportQuery,
        produces: [csvContentType, xlsxContentType],
      },
      config: read,
    },
    async (request, reply) => {
      return sendDownload(reply, await exportWorkItems(ctx, actorOf(request), request.query));
    },
  );
  app.post(
    '/work-items',
    {
      schema: {
        tags,
        summary: 'Create a work item (audited)',
        body: NewWorkItem,
        response: { 201: WorkItemDetail },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createWorkItem(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/work-items/:id',
    {
      schema: {
        tags,
        summary: 'A work item with children, roll-up, dependencies and links',
        params: IdParams,
        response: { 200: WorkItemDetail },
      },
      config: read,
    },
    (request) => getWorkItem(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/work-items/:id',
    {
      schema: {
        tags,
        summary: "Change a work item's fields (audited)",
        params: IdParams,
        body: UpdateWorkItem,
        response: { 200: WorkItemDetail },
      },
      config: write,
    },
    (request) => updateWorkItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/work-items/:id',
    {
      schema: { tags, summary: 'Delete a work item (audited)', params: IdParams, response: { 200: Ok } },
      config: write,
    },
    async (request) => {
      await deleteWorkItem(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/work-items/:id/move',
    {
      schema: {
        tags,
        summary: "Move to another state of the team's workflow; 409 when the state is at its WIP limit",
        params: IdParams,
        body: MoveWorkItem,
        response: { 200: WorkItemDetail },
      },
      config: write,
    },
    (request) => moveWorkItem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/work-items/:id/blocked-by',
    {
      schema: {
        tags,
        summary: 'Record that another item blocks this one; 409 naming the loop when it would close one',
        params: IdParams,
        body: NewDependency,
        response: { 200: WorkItemDetail },
      },
      config: write,
    },
    (request) => addDependency(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/work-items/:id/blocked-by/:blockerId',
    {
      schema: {
        tags,
        summary: 'Remove a dependency',
        params: DependencyParams,
        response: { 200: WorkItemDetail },
      },
      config: write,
    },
    (request) => deleteDependencyOf(ctx, actorOf(request), request.params.id, request.params.blockerId),
  );
  app.post(
    '/work-items/:id/links',
    {
      schema: {
        tags,
        summary: 'Link to an inventory item or an incident',
        params: IdParams,
        body: NewWorkItemLink,
        response: { 200: WorkItemDetail },
      },
      config: write,
    },
    (request) => addWorkItemLink(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/work-items/:id/links/:targetType/:targetId',
    {
      schema: { tags, summary: 'Remove a link', params: LinkParams, response: { 200: WorkItemDetail } },
      config: write,
    },
    (request) => {
      const { id, ...link } = request.params;
      return deleteWorkItemLink(ctx, actorOf(request), id, link);
    },
  );
  app.get(
    '/teams/:teamId/board',
    {
      schema: {
        tags,
        summary: "A team's board: its states with their most urgent items",
        params: TeamParams,
        querystring: BoardQuery,
        response: { 200: Board },
      },
      config: read,
    },
    (request) => getBoard(ctx, actorOf(request), request.params.teamId, request.query),
  );
  app.get(
    '/work/figures',
    {
      schema: {
        tags,
        summary: 'On-time rate, throughput, cycle and lead time, backlog and overdue of a team over a period',
        querystring: WorkFiguresQuery,
        response: { 200: WorkFigures },
      },
      config: read,
    },
    (request) => getWorkFiguresFor(ctx, actorOf(request), request.query),
  );
  // Recurring work: leads manage their own team's, the service checks the team.
  const manage = { access: can('workflows.manage') };
  app.get(
    '/work-recurrences',
    {
      schema: {
        tags,
        summary: 'List recurring work, of one team or all',
        querystring: RecurrenceListQuery,
        response: { 200: RecurrencePage },
      },
      config: read,
    },
    (request) => listRecurrences(ctx, actorOf(request), request.query),
  );
  app.post(
    '/work-recurrences',
    {
      schema: {
        tags,
        summary: 'Create recurring work: deadlines from a cron schedule (audited)',
        body: NewRecurrence,
        response: { 201: Recurrence },
      },
      config: manage,
    },
    async (request, reply) =>
      reply.status(201).send(await createRecurrence(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/work-recurrences/:id',
    {
      schema: {
        tags,
        summary: 'Change recurring work (audited)',
        params: IdParams,
        body: UpdateRecurrence,
        response: { 200: Recurrence },
      },
      config: manage,
    },
    (request) => updateRecurrence(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/work-recurrences/:id',
    {
      schema: {
        tags,
        summary: 'Delete recurring work; its items stay (audited)',
        params: IdParams,
        response: { 200: Ok },
      },
      config: manage,
    },
    async (request) => {
      await deleteRecurrence(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/work/settings',
    { schema: { tags, summary: 'Deadline settings', response: { 200: WorkSettings } }, config: read },
    () => getWorkSettings(ctx.db),
  );
  app.put(
    '/work/settings',
    {
      schema: {
        tags,
        summary: 'Change the deadline settings (admins; audited)',
        body: WorkSettings,
        response: { 200: WorkSettings },
      },
      config: { access: can('settings.manage') },
    },
    (request) => updateWorkSettings(ctx, actorOf(request), request.body),
  );
};
