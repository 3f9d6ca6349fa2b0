import type { FastifyPluginAsync } from 'fastify';
import { healthSchema, readinessSchema, serverTimeSchema, type DependencyState, type Health, type Readiness, type ServerTime } from '@accord/api';

/** What `GET /readyz` checks: the store answers a trivial query; the pub/sub (when scaled out) is connected. */
export interface ReadinessChecks {
  pingStorage(): Promise<void>;
  /** Null when not scaled out. */
  pubsubConnected(): boolean | null;
}

/** How long the storage check may take before the instance is reported not ready. */
const STORAGE_CHECK_MS = 2000;

async function storageState(ping: () => Promise<void>): Promise<DependencyState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORAGE_CHECK_MS} ms`)), STORAGE_CHECK_MS);
  });
  try {
    await Promise.race([ping(), timeout]);
    return { state: 'ok' };
  } catch (err) {
    // The driver's message names the failure (ECONNREFUSED, a timeout), not the connection string.
    return { state: 'down', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz` (liveness: the process answers), `GET /readyz` (readiness: 503 naming the
 * dependency that is down, so a load balancer sends new sessions elsewhere; open sockets stay) and
 * `GET /api/time` (the server clock, for timer offset).
 */
export const healthRoutes: FastifyPluginAsync<{ checks: ReadinessChecks }> = async (app, { checks }) => {
  app.get('/healthz', { schema: { response: { 200: healthSchema } } }, async (): Promise<Health> => ({ ok: true }));
  app.get('/readyz', { schema: { response: { 200: readinessSchema, 503: readinessSchema } } }, async (_req, reply): Promise<Readiness> => {
    const storage = await storageState(() => checks.pingStorage());
    const connected = checks.pubsubConnected();
    const pubsub: DependencyState = connected === null ? { state: 'unused' } : connected ? { state: 'ok' } : { state: 'down', reason: 'redis connection lost; reconnecting' };
    const ready = storage.state === 'ok' && pubsub.state !== 'down';
    reply.code(ready ? 200 : 503);
    return { ready, storage, pubsub };
  });
  app.get('/api/time', { schema: { response: { 200: serverTimeSchema } } }, async (): Promise<ServerTime> => ({ now: Date.now() }));
};
