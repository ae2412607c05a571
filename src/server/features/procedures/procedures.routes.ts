import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common';
import {
  attachmentBodyLimitBytes,
  NewProcedureAttachment,
  NewProcedureRun,
  NewProcedureTest,
  ProcedureAttachment,
  ProcedureAttachmentParams,
  ProcedureRun,
  ProcedureRunList,
  ProcedureRunParams,
  ProcedureTest,
  ProcedureTestListQuery,
  ProcedureTestPage,
  UpdateProcedureTest,
} from '../../../shared/contracts/procedures';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { attachmentDisposition } from './attachment-files';
import { addProcedureAttachment, readProcedureAttachment } from './procedure-attachments.service';
import { listProcedureRuns, recordProcedureOutcome } from './procedure-runs.service';
import {
  createProcedureTest,
  deleteProcedureTest,
  getProcedureTest,
  listProcedureTests,
  updateProcedureTest,
} from './procedures.service';

const read = { access: can('read') };
// Team rules (leads and members change only their own teams' tests) are the service's.
const write = { access: can('inventory.write') };

/** Procedure tests: definitions, recorded outcomes and their evidence files. */
export const proceduresRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['procedure tests'];

  app.get(
    '/procedure-tests',
    {
      schema: {
        tags,
        summary: 'List procedure tests: filter by team, item, kind, state, overdue; sort, page',
        querystring: ProcedureTestListQuery,
        response: { 200: ProcedureTestPage },
      },
      config: read,
    },
    (request) => listProcedureTests(ctx, actorOf(request), request.query),
  );
  app.post(
    '/procedure-tests',
    {
      schema: {
        tags,
        summary: 'Create a procedure test',
        body: NewProcedureTest,
        response: { 201: ProcedureTest },
      },
      config: write,
    },
    async (request, reply) =>
      reply.status(201).send(await createProcedureTest(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/procedure-tests/:id',
    {
      schema: {
        tags,
        summary: 'Get a procedure test with its due date, state and last outcome',
        params: IdParams,
        response: { 200: ProcedureTest },
      },
      config: read,
    },
    (request) => getProcedureTest(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/procedure-tests/:id',
    {
      schema: {
        tags,
        summary: 'Change a procedure test',
        params: IdParams,
        body: UpdateProcedureTest,
        response: { 200: ProcedureTest },
      },
      config: write,
    },
    (request) => updateProcedureTest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/procedure-tests/:id',
    {
      schema: {
        tags,
        summary: 'Delete a procedure test with its history and evidence',
        params: IdParams,
        response: { 200: Ok },
      },
      config: write,
    },
    async (request) => {
      await deleteProcedureTest(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/procedure-tests/:id/runs',
    {
      schema: {
        tags,
        summary: 'The recorded outcomes of a procedure test, newest first',
        params: IdParams,
        response: { 200: ProcedureRunList },
      },
      config: read,
    },
    async (request) => ({ rows: await listProcedureRuns(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/procedure-tests/:id/runs',
    {
      schema: {
        tags,
        summary: 'Record an outcome (pass, partial, fail) with its checklist and effective date',
        params: IdParams,
        body: NewProcedureRun,
        response: { 201: ProcedureRun },
      },
      config: write,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordProcedureOutcome(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/procedure-tests/:id/runs/:runId/attachments',
    {
      schema: {
        tags,
        summary: 'Attach an evidence file (PDF, PNG, JPEG, text, CSV, XLSX, DOCX; at most 10 MB) in base64',
        params: ProcedureRunParams,
        body: NewProcedureAttachment,
        response: { 201: ProcedureAttachment },
      },
      config: write,
      bodyLimit: attachmentBodyLimitBytes,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addProcedureAttachment(
            ctx,
            actorOf(request),
            request.params.id,
            request.params.runId,
            request.body,
          ),
        ),
  );
  app.get(
    '/procedure-tests/:id/runs/:runId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an evidence file (always as an attachment, checked against its SHA-256)',
        params: ProcedureAttachmentParams,
        produces: ['application/octet-stream'],
      },
      config: read,
    },
    async (request, reply) => {
      const { id, runId, attachmentId } = request.params;
      const file = await readProcedureAttachment(ctx, actorOf(request), id, runId, attachmentId);
      return reply
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(file.contentType)
        .send(file.bytes);
    },
  );
};
