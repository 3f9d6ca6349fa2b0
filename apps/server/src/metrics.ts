import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyPluginAsync } from 'fastify';
import type { RelayEvents, RelayStats } from '@accord/relay';

/** Latency buckets, seconds: from a fast local commit (0.5 ms) to a stalled database (5 s). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The server's Prometheus metrics, on a registry of its own (several servers may share a process
 * in tests). Labels are kinds only — never a room, a board title, a token or a person — so the
 * series stay few and nothing private leaves through `/metrics`.
 */
export class Metrics {
  readonly registry = new Registry();
  /** The relay's hooks: feed them to `new Relay({ events })`. */
  readonly events: RelayEvents;

  /** `scaledOut`: the pub/sub gauge exists only with a pub/sub. */
  constructor(stats: () => RelayStats, scaledOut: boolean) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, value: (s: RelayStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(value(stats()));
        },
      });
    gauge('accord_rooms_loaded', 'Rooms held in memory (a board counts two: content and facilitation).', (s) => s.rooms);
    gauge('accord_connections', 'Websocket connections attached to a loaded room.', (s) => s.connections);
    gauge('accord_connections_waiting', 'Websocket connections whose room is still loading.', (s) => s.waiting);
    gauge('accord_pending_bytes', 'Bytes of accepted updates not yet durable plus frames held for loading rooms.', (s) => s.pendingBytes);
    gauge('accord_rooms_lagging', 'Loaded rooms known to miss entries storage holds (a hole not yet caught up).', (s) => s.lagging);
    if (scaledOut) gauge('accord_pubsub_connected', '1 while the pub/sub delivers, 0 while it is down (absent when not scaled out).', (s) => (s.pubsubConnected ? 1 : 0));
    const updatesIn = new Counter({ name: 'accord_updates_in_total', help: 'Writes accepted for storage.', registers });
    const updatesOut = new Counter({ name: 'accord_updates_out_total', help: 'Sync update frames sent to sockets: after a commit here, from a peer instance, or caught up from storage.', registers });
    const refused = new Counter({ name: 'accord_writes_refused_total', help: 'Writes refused, by reason: permission (role or lock), content (the board guard), storage (could not be made durable).', labelNames: ['reason'], registers });
    const commit = new Histogram({ name: 'accord_commit_duration_seconds', help: 'Time of one group commit append to storage.', buckets: LATENCY_BUCKETS, registers });
    const commitUpdates = new Counter({ name: 'accord_committed_updates_total', help: 'Updates made durable by group commits.', registers });
    const fanout = new Histogram({ name: 'accord_fanout_duration_seconds', help: 'From a write accepted to its broadcast to the room (includes the commit).', buckets: LATENCY_BUCKETS, registers });
    const catchUps = new Counter({ name: 'accord_catchups_total', help: 'Rooms read back from storage to catch up, by reason (gap, reconnect, periodic, commit) and whether they brought anything missed.', labelNames: ['reason', 'missed'], registers });
    const reconnects = new Counter({ name: 'accord_pubsub_reconnects_total', help: 'Times the pub/sub came back after its connection dropped.', registers });
    const disconnects = new Counter({ name: 'accord_pubsub_disconnects_total', help: 'Times the pub/sub connection dropped.', registers });
    const storageErrors = new Counter({ name: 'accord_storage_errors_total', help: 'Failed room store calls, by operation.', labelNames: ['operation'], registers });
    this.events = {
      writeAccepted: () => updatesIn.inc(),
      writeRefused: (reason) => refused.inc({ reason }),
      updatesSent: (frames) => updatesOut.inc(frames),
      committed: (seconds, updates) => {
        commit.observe(seconds);
        commitUpdates.inc(updates);
      },
      fannedOut: (seconds) => fanout.observe(seconds),
      caughtUp: (reason, changed) => catchUps.inc({ reason, missed: changed ? 'yes' : 'no' }),
      storageFailed: (operation) => storageErrors.inc({ operation }),
      pubsubStatus: (connected) => (connected ? reconnects : disconnects).inc(),
    };
  }
}

/** `GET /metrics`: Prometheus text format. */
export const metricsRoutes: FastifyPluginAsync<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.get('/metrics', async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
};
