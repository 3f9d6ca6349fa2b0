import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import fastifyRateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Door, RateLimits } from './config.ts';
import { Errors } from './errors.ts';

/** What {@link rateLimits} is registered with. */
export interface RateLimitOptions {
  limits: RateLimits;
  /** Scaled out: counts live in Redis, so every instance sees the same ones. */
  redisUrl: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The onRequest hook that limits a door (`ACCORD_RATE_LIMIT_<DOOR>`) per client address; a
     * no-op when that door's limit is off. Routes put it in their `onRequest`, so a refusal comes
     * before the body is read, the token checked or a websocket upgraded. Routes of one door
     * share one count (creating and restoring boards are both `create`).
     */
    rateLimitFor(door: Door): onRequestAsyncHookHandler;
  }
}

/**
 * Per-address rate limits at the doors that create things (@fastify/rate-limit, counting in Redis
 * when `ACCORD_REDIS_URL` is set). The client address is the socket's unless `ACCORD_TRUST_PROXY`
 * says which proxy's `X-Forwarded-For` to believe. Over a limit: 429 `ACCORD_RATE_LIMITED` with
 * `Retry-After` in seconds.
 */
export const rateLimits = fp<RateLimitOptions>(
  async (app: FastifyInstance, opts: RateLimitOptions) => {
    const redis = opts.redisUrl ? new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : null;
    if (redis) {
      redis.on('error', (err: unknown) => app.log.warn({ err }, 'rate-limit redis connection error; limits are not counted meanwhile'));
      app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
    }
    // Only where a route asks (global: false); an unreachable Redis lets requests through rather than failing them.
    await app.register(fastifyRateLimit, { global: false, skipOnError: true, ...(redis ? { redis, nameSpace: 'accord-rate:' } : {}) });
    const hooks = new Map<Door, onRequestAsyncHookHandler>();
    for (const [door, limit] of Object.entries(opts.limits) as Array<[Door, RateLimits[Door]]>) {
      if (!limit) continue;
      const check = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (req: FastifyRequest) => `${door}:${req.ip}` });
      hooks.set(door, async (req, reply) => {
        const result = await check(req);
        if (result.isAllowed || !result.isExceeded) return;
        reply.header('retry-after', String(result.ttlInSeconds));
        req.log.info({ door, ip: req.ip }, 'rate limited');
        throw Errors.rateLimited(`Too many requests of this kind from your address (at most ${limit.max} per ${Math.round(limit.windowMs / 1000)} s); try again in ${result.ttlInSeconds} s`);
      });
    }
    const none: onRequestAsyncHookHandler = async () => {};
    app.decorate('rateLimitFor', (door: Door) => hooks.get(door) ?? none);
  },
  { name: 'accord-rate-limits', fastify: '5.x' },
);
