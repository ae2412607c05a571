import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  MaintenanceListQuery,
  MaintenanceWindow,
  MaintenanceWindowPage,
  NewMaintenanceWindow,
  OccurrenceList,
  OccurrenceQuery,
  UpdateMaintenanceWindow,
} from '../../../shared/contracts/maintenance';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import {
  createMaintenanceWindow,
  deleteMaintenanceWindow,
  getMaintenanceWindow,
  listMaintenanceOccurrences,
  listMaintenanceWindows,
  updateMaintenanceWindow,
} from './maintenance.service';

const read = { access: can('read') };
// Which items and checks a lead may target is the service's rule (their teams' ones).
const write = { access: can('maintenance.write') };

/** Maintenance windows: planning, the list and the calendar of occurrences. */
export const maintenanceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['maintenance windows'];

  app.get(
    '/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'List maintenance windows: filter by status (upcoming, active, past) and item; page',
        querystring: MaintenanceListQuery,
        response: { 200: MaintenanceWindowPage },
      },
      config: read,
    },
    (request) => listMaintenanceWindows(ctx, actorOf(request), request.query),
  );
  app.get(
    '/maintenance-windows/occurrences',
    {
      schema: {
        tags,
        summary: 'Occurrences in a calendar range (at most 100 days), recurring windows expanded',
        querystring: OccurrenceQuery,
        response: { 200: OccurrenceList },
      },
      config: read,
    },
    (request) => listMaintenanceOccurrences(ctx, actorOf(request), request.query),
  );
  app.post(
    '/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'Plan a maintenance window (one-off or recurring) on items and checks',
        body: NewMaintenanceWindow,
        response: { 201: MaintenanceWindow },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createMaintenanceWindow(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/maintenance-windows/:id',
    {
      schema: {
        tags,
        summary: 'Get a maintenance window with its targets and current or next occurrence',
        params: IdParams,
        response: { 200: MaintenanceWindow },
      },
      config: read,
    },
    (request) => getMaintenanceWindow(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/maintenance-windows/:id',
    {
      schema: {
        tags,
        summary: 'Change a maintenance window; targets given replace the current ones',
        params: IdParams,
        body: UpdateMaintenanceWindow,
        response: { 200: MaintenanceWindow },
      },
      config: write,
    },
    (request) => updateMaintenanceWindow(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/maintenance-windows/:id',
    {
      schema: { tags, summary: 'Delete a maintenance window', params: IdParams, response: { 200: Ok } },
      config: write,
    },
    async (request) => {
      await deleteMaintenanceWindow(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
