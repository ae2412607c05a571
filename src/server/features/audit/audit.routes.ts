import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditPage, AuditVerification } from '../../../shared/contracts/audit';
import type { AppContext } from '../../context';
import { can } from '../../http/access';
import { listAuditEntries, verifyAudit } from './audit.service';

/** The audit log, for admins and auditors. */
export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit log, newest first',
        querystring: AuditListQuery,
        response: { 200: AuditPage },
      },
      config: { access: can('audit.read') },
    },
    (request) => listAuditEntries(ctx, request.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: { tags, summary: 'Verify the hash chain', response: { 200: AuditVerification } },
      config: { access: can('audit.read') },
    },
    () => verifyAudit(ctx),
  );
};
