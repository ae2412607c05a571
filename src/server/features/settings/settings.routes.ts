import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OutboundPolicySettings } from '../../../shared/contracts/settings';
import type { AppContext } from '../../context';
import { actorOf, can } from '../../http/access';
import { getOutboundPolicy, updateOutboundPolicy } from './outbound-policy.service';

/** Application settings that only admins change. */
export const settingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['settings'];
  app.get(
    '/settings/outbound-policy',
    {
      schema: {
        tags,
        summary: 'Where probes and webhooks may connect',
        response: { 200: OutboundPolicySettings },
      },
      config: { access: can('read') },
    },
    () => getOutboundPolicy(ctx.db),
  );
  app.put(
    '/settings/outbound-policy',
    {
      schema: {
        tags,
        summary: 'Change where probes and webhooks may connect (admins; audited)',
        body: OutboundPolicySettings,
        response: { 200: OutboundPolicySettings },
      },
      config: { access: can('settings.manage') },
    },
    (request) => updateOutboundPolicy(ctx, actorOf(request), request.body),
  );
};
