import { join } from 'node:path';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import { Relay, type RelayTuning } from '@accord/relay';
import { isStorageUnavailable, openSqliteStorage, openPostgresStorage, type Storage } from '@accord/storage';
import { MAX_JSON_BODY_BYTES } from '@accord/api';
import { boardAccess } from './access.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type AccordError, Errors, errorBody } from './errors.ts';
import { loggerOptions } from './logger.ts';
import { healthRoutes } from './routes/health.ts';
import { boardRoutes } from './routes/boards.ts';
import { syncRoutes } from './routes/sync.ts';
import { assetRoutes } from './routes/assets.ts';
import { RedisPubSub } from './pubsub.ts';
import { roomPolicy, type Principal } from './roomPolicy.ts';
import { Metrics, metricsRoutes } from './metrics.ts';
import { webRoutes } from './routes/web.ts';
import { recordRoutes } from './routes/records.ts';
import { decisionLogRoutes } from './routes/decisionLog.ts';
import { importRoutes } from './routes/import.ts';
import { voteRoutes } from './routes/votes.ts';
import { boardAdminRoutes } from './routes/boardAdmin.ts';
import { BoardEvents } from './boardEvents.ts';
import { BoardControl, startRetention } from './boardControl.ts';
import { boundedJsonBodies } from './jsonBody.ts';
import { rateLimits } from './rateLimits.ts';
import { securityHeaders } from './security.ts';
import { historyRoutes } from './routes/history.ts';
import { startHistoryRetention } from './historyRetention.ts';

/** Options for `build`. Tests inject a storage or relay settings; the CLI passes only `config`. */
export interface BuildOptions {
  config: Config;
  /** A ready store; when absent, Postgres if `config.databaseUrl`, else SQLite in the data dir. */
  storage?: Storage;
  /** Relay tuning (limits, intervals); its room store, policy, pub/sub and logger are filled in. */
  relay?: RelayTuning;
  /** Set false to silence logs (tests). */
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them back). */
  logStream?: NodeJS.WritableStream;
  /** Directory of the built web app; default `apps/web/dist`; null to serve none. */
  webRoot?: string | null;
  /** Scaled out: names this instance's Redis connections (`accord-sub-<name>`); default random. */
  instanceName?: string;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** R8: how long closing handshakes get before the remaining sockets are destroyed. */
const SHUTDOWN_GRACE_MS = 1000;
/** R5: the websocket layer refuses frames past this with 1009 before the relay sees them. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** `20 MiB`, `512 KiB`, `100 bytes`. */
function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** `ACCORD_TRUST_PROXY=<n>`: the nearest n proxies are believed (what Fastify does with a number, which its types leave out). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

async function openStorage(config: Config): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage({ connectionString: config.databaseUrl });
  return openSqliteStorage({ file: join(config.dataDir, 'accord.db') });
}

/** Builds the Accord server (HTTP API, /sync relay, web app) without listening. */
export async function build(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config.logLevel, opts.logStream),
    // Off unless ACCORD_TRUST_PROXY names the proxies: else anyone could pick their address (and
    // so dodge rate limits) or the host share links are built on with X-Forwarded-* headers.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: MAX_JSON_BODY_BYTES,
    // Input is validated as sent: no silent coercion of types, no silent dropping of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  const storage = opts.storage ?? (await openStorage(config));
  const maxMessageBytes = opts.relay?.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  // Scaled out: frames travel between instances through Redis; every instance shares one store.
  const pubsub = config.redisUrl ? new RedisPubSub(config.redisUrl, app.log, opts.instanceName ? { name: opts.instanceName } : {}) : undefined;
  if (pubsub) await pubsub.ready();
  // The metrics read the relay's figures at scrape time; the relay reports its events to them.
  const metrics: Metrics = new Metrics(() => relay.stats(), pubsub !== undefined);
  const relay: Relay<Principal> = new Relay({ maxRoomBytes: config.maxBoardMiB * 1024 * 1024, ...opts.relay, maxMessageBytes, rooms: storage, policy: roomPolicy, pubsub, logger: app.log, events: metrics.events });
  const ctx: AppContext = { config, relay, rooms: storage, history: storage, boards: storage, records: storage, assets: storage, ballots: storage };
  const events = new BoardEvents(pubsub, app.log);
  const control = new BoardControl(storage, relay, events);
  boundedJsonBodies(app);

  app.setErrorHandler((caught: FastifyError | AccordError, req, reply) => {
    // Fastify's own 413 gets a stable code and says what the limit is.
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0;
    // A database that is away (a restart, a failover) is the client's 503 to retry, not our 500.
    const unavailable = isStorageUnavailable(caught);
    const err = caught.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? Errors.tooLarge(`The request body is over this route's limit of ${formatBytes(limit)}`) : unavailable ? Errors.storageUnavailable() : caught;
    const body = errorBody(err);
    if (unavailable) req.log.warn({ err: caught }, 'storage unavailable');
    else if (body.statusCode >= 500) req.log.error({ err }, 'request failed');
    reply.code(body.statusCode).send(body);
  });

  // Every TCP socket, so shutdown can cut off the ones nobody will close: upgrade requests that
  // arrived while closing, and peers that never finish a close handshake.
  const sockets = new Set<Socket>();
  let stopping = false;
  app.server.on('connection', (socket: Socket) => {
    if (stopping) return void socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await app.register(fastifyWebsocket, {
    options: { maxPayload: maxMessageBytes },
    // R8: the relay flushes storage and closes every socket with 1012 before Fastify stops.
    preClose: async () => {
      await relay.close();
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
      setTimeout(() => {
        stopping = true;
        for (const socket of sockets) socket.destroy();
      }, SHUTDOWN_GRACE_MS).unref();
    },
  });
  // Each route plugin gets the part of the context it needs; board routes declare the role they
  // need with `requireRole`, which `boardAccess` backs.
  await app.register(securityHeaders, { publicUrl: config.publicUrl, frameAncestors: config.frameAncestors, imageSources: config.imageSources });
  await app.register(rateLimits, { limits: config.rateLimits, redisUrl: config.redisUrl });
  await app.register(boardAccess, { boards: ctx.boards, secret: config.secret });
  await app.register(healthRoutes, { checks: { pingStorage: () => storage.ping(), pubsubConnected: () => (pubsub ? pubsub.connected : null) } });
  await app.register(metricsRoutes, { metrics });
  await app.register(boardRoutes, { config, boards: ctx.boards, rooms: ctx.rooms, relay: ctx.relay });
  await app.register(boardAdminRoutes, { config, control });
  await app.register(syncRoutes, { relay, config });
  await app.register(assetRoutes, { assets: ctx.assets });
  await app.register(recordRoutes, { config, boards: ctx.boards, records: ctx.records, rooms: ctx.rooms, relay: ctx.relay });
  await app.register(decisionLogRoutes, { config, boards: ctx.boards, records: ctx.records, rooms: ctx.rooms, relay: ctx.relay });
  await app.register(importRoutes, { config, boards: ctx.boards, rooms: ctx.rooms });
  await app.register(voteRoutes, { ballots: ctx.ballots, relay: ctx.relay });
  await app.register(historyRoutes, { config, boards: ctx.boards, rooms: ctx.rooms, history: ctx.history, relay: ctx.relay });
  await app.register(webRoutes, { tldrawLicenseKey: config.tldrawLicenseKey, webRoot: opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot });

  // Retention of boards' history (ACCORD_HISTORY_DAYS), swept from start and every hour.
  const historyRetention = startHistoryRetention(ctx.history, config.historyDays, app.log);
  let stopRetention: (() => Promise<void>) | null = null;
  if (config.retentionDays !== null) {
    const days = config.retentionDays;
    app.addHook('onReady', async () => {
      stopRetention = startRetention(control, days, app.log);
    });
  }
  app.addHook('onClose', async () => {
    await historyRetention.stop();
    await stopRetention?.();
    await relay.close();
    events.close();
    await pubsub?.close();
    if (!opts.storage) await storage.close();
  });
  return app;
}
