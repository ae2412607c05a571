import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { SetupGate } from './features/auth/auth.service';
import { checksRoutes } from './features/checks/checks.routes';
import { checksStreamRoutes } from './features/checks/checks-stream.routes';
import { collaborationRoutes } from './features/collaboration/collaboration.routes';
import { notificationStreamRoutes } from './features/collaboration/notification-stream.routes';
import demoTargetsRoutes from './features/demo-targets/demo-targets.routes';
import { registerHealthRoutes } from './features/health/health.routes';
import { incidentsRoutes } from './features/incidents/incidents.routes';
import { inventoryRoutes } from './features/inventory/inventory.routes';
import { maintenanceRoutes } from './features/maintenance/maintenance.routes';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { proceduresRoutes } from './features/procedures/procedures.routes';
import { requestsRoutes } from './features/requests/requests.routes';
import { runnersRoutes } from './features/runners/runners.routes';
import { serviceHealthRoutes } from './features/service-health/service-health.routes';
import { settingsRoutes } from './features/settings/settings.routes';
import { statusPagesRoutes } from './features/status-pages/status-pages.routes';
import { teamsRoutes } from './features/teams/teams.routes';
import { usersRoutes } from './features/users/users.routes';
import { savedViewsRoutes } from './features/work-items/saved-views.routes';
import { workImportRoutes } from './features/work-items/work-import.routes';
import { workItemsRoutes } from './features/work-items/work-items.routes';
import { workTimelineRoutes } from './features/work-items/work-timeline.routes';
import { workflowsRoutes } from './features/workflows/workflows.routes';
import { registerAccessControl } from './http/access';
import { registerErrorHandling } from './http/errors';
import { registerMetrics } from './http/metrics';

export interface BuildAppOptions {
  ctx: AppContext;
  /** folder of the built web client (main.ts finds it beside the bundle or the sources) */
  clientDir: string;
  /** fixes the first-run code (tests); otherwise one is made and returned by `openSetup` */
  setupCode?: string;
}

export interface RegiaApp {
  app: FastifyInstance;
  setupGate: SetupGate;
}

// Strict: no inline script, no eval, nothing from another origin. Inline styles are allowed because
// the component library sets style attributes.
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Assembles the HTTP server: cross-cutting plugins, then every feature's routes under /api/v1. */
export async function buildApp(options: BuildAppOptions): Promise<RegiaApp> {
  const { ctx } = options;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.bodyLimitBytes,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // JSON only: a text body is refused with 415 rather than parsed into a string.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, { contentSecurityPolicy, crossOriginEmbedderPolicy: false });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerMetrics(app);
  registerHealthRoutes(app, ctx);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Regia API',
        version: '1',
        description: 'The control room of an ICT Operations Manager.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'regia_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: false },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAccessControl(app, ctx);
  const setupGate = new SetupGate();
  if (options.setupCode) setupGate.fixCode(options.setupCode);

  await app.register(
    async (api) => {
      // Regia's JSON bodies are small; imports have their own larger limit.
      await api.register(authRoutes, { ctx, setupGate });
      await api.register(usersRoutes, { ctx });
      await api.register(teamsRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(inventoryRoutes, { ctx });
      await api.register(checksRoutes, { ctx });
      await api.register(checksStreamRoutes, { ctx });
      await api.register(proceduresRoutes, { ctx });
      await api.register(incidentsRoutes, { ctx });
      await api.register(notificationsRoutes, { ctx });
      await api.register(maintenanceRoutes, { ctx });
      await api.register(serviceHealthRoutes, { ctx });
      await api.register(statusPagesRoutes, { ctx });
      await api.register(runnersRoutes, { ctx });
      await api.register(settingsRoutes, { ctx });
      await api.register(workflowsRoutes, { ctx });
      await api.register(workItemsRoutes, { ctx });
      await api.register(workImportRoutes, { ctx });
      await api.register(workTimelineRoutes, { ctx });
      await api.register(savedViewsRoutes, { ctx });
      await api.register(collaborationRoutes, { ctx });
      await api.register(notificationStreamRoutes, { ctx });
      await api.register(requestsRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  // Healthy, slow, flaky and failing targets the demo's checks probe, so a new install shows live results.
  await app.register(demoTargetsRoutes);

  registerClient(app, options.clientDir);
  return { app, setupGate };
}

/** Serves the built web client, with index.html for every page path (the client routes itself). */
function registerClient(app: FastifyInstance, clientDir: string): void {
  const hasClient = fs.existsSync(path.join(clientDir, 'index.html'));
  if (hasClient) {
    void app.register(fastifyStatic, { root: clientDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0]!);
    if (!isPage) {
      return reply.status(404).send({
        error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
      });
    }
    if (!hasClient) {
      return reply
        .type('text/plain')
        .send('The web client is not built: run `npm run build` (npm start does it).');
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
