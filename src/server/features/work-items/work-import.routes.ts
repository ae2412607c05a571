import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkImportReport, WorkImportRequest } from '../../../shared/contracts/work-import';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { importWorkItemsCsv } from './work-import.service';

/** CSV import of work items: a preview by default, the writing when `dryRun` is false. */
export const workImportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/work-items/import',
    {
      schema: {
        tags: ['work'],
        summary: 'Preview (dry run) or apply a CSV import of work items (the export format)',
        body: WorkImportRequest,
        response: { 200: WorkImportReport },
      },
      // Members import into their own teams only: the service checks each row.
      config: { access: can('work.write') },
      bodyLimit: ctx.config.importLimitBytes,
    },
    (request) => importWorkItemsCsv(ctx, actorOf(request), request.body),
  );
};
