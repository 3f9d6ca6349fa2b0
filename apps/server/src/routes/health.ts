import type { FastifyPluginAsync } from 'fastify';
import { healthSchema, serverTimeSchema, type Health, type ServerTime } from '@accord/api';

/** `GET /healthz` (contract) and `GET /api/time` (the server clock, for timer offset). */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { response: { 200: healthSchema } } }, async (): Promise<Health> => ({ ok: true }));
  app.get('/api/time', { schema: { response: { 200: serverTimeSchema } } }, async (): Promise<ServerTime> => ({ now: Date.now() }));
};
