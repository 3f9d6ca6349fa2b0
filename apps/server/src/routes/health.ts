import type { FastifyInstance } from 'fastify';

/** `GET /healthz` (contract) and `GET /api/time` (the server clock, for timer offset). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } } } }, async () => ({ ok: true }));
  app.get('/api/time', { schema: { response: { 200: { type: 'object', properties: { now: { type: 'number' } }, required: ['now'] } } } }, async () => ({ now: Date.now() }));
}
