import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';

/** Inventory routes: being written. */
export const inventoryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (_app, _options) => {};
