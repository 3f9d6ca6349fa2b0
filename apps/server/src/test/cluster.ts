import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { RelayTuning } from '@accord/relay';
import { openPostgresStorage, type PostgresStorage } from '@accord/storage';
import { build } from '../app.ts';
import { FaultProxy } from './faultProxy.ts';
import { cells, setCell } from './cells.ts';
import { connectClient, removeDir, tempDir, testConfig, type RunningServer } from './helpers.ts';
import { pgUrl, redisUrl } from './services.ts';

/** One server instance of a scaled-out test, reaching Postgres and Redis through proxies a test can cut. */
export interface Instance extends RunningServer {
  name: string;
  redis: FaultProxy;
  postgres: FaultProxy;
  storage: PostgresStorage;
}

/** Starts an instance over `schema` (shared by every instance of the test) and the shared Redis. */
export async function startInstance(name: string, schema: string, relay: RelayTuning = {}): Promise<Instance> {
  const redisTarget = new URL(redisUrl);
  const pgTarget = new URL(pgUrl);
  const redis = await FaultProxy.start(redisTarget.hostname, Number(redisTarget.port || 6379));
  const postgres = await FaultProxy.start(pgTarget.hostname, Number(pgTarget.port || 5432));
  const storage = await openPostgresStorage({ connectionString: postgres.via(pgUrl), schema, connectionTimeoutMillis: 1000 });
  const dataDir = tempDir();
  const app = await build({ config: testConfig(dataDir, { ACCORD_REDIS_URL: redis.via(redisUrl) }), storage, instanceName: name, relay, logger: false, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const http = `http://127.0.0.1:${port}`;
  return {
    name,
    redis,
    postgres,
    storage,
    app,
    port,
    http,
    ws: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    async createBoard(title = 'Scaled board') {
      const res = await fetch(`${http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
    },
    async stop() {
      await app.close().catch(() => {});
      await storage.close().catch(() => {});
      await redis.close();
      await postgres.close();
      removeDir(dataDir);
    },
  };
}

/** A stock y-websocket client that records close codes and refusals, and can write cells on a timer. */
export interface Participant {
  doc: Y.Doc;
  provider: ReturnType<typeof connectClient>['provider'];
  /** Close codes of the provider's sockets, in order (a reconnect follows each). */
  closes: number[];
  denied: string[];
  /** Cells written by `write`: key → value. */
  written: Map<string, number>;
  /** Writes cell `<prefix>-<i>` every `everyMs` until `stop`. */
  write(prefix: string, everyMs: number): void;
  stop(): void;
  destroy(): void;
}

export function participant(wsUrl: string, room: string, token: string, doc?: Y.Doc): Participant {
  const { doc: d, provider } = connectClient(wsUrl, room, token, doc);
  const closes: number[] = [];
  const denied: string[] = [];
  const written = new Map<string, number>();
  provider.on('connection-close', (event: { code: number } | null) => void closes.push(event?.code ?? -1));
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    doc: d,
    provider,
    closes,
    denied,
    written,
    write(prefix, everyMs) {
      let i = 0;
      timer = setInterval(() => {
        const key = `${prefix}-${i}`;
        setCell(d, key, i);
        written.set(key, i++);
      }, everyMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    destroy() {
      this.stop();
      provider.destroy();
    },
  };
}

/** True when every client holds every cell any of them wrote, with its value. */
export function allConverged(clients: Participant[]): boolean {
  const expected = new Map<string, number>();
  for (const c of clients) for (const [k, v] of c.written) expected.set(k, v);
  return clients.every((c) => {
    const have = cells(c.doc);
    for (const [k, v] of expected) if (have[k] !== v) return false;
    return true;
  });
}

/** How many of the cells written so far a client lacks (for failure messages). */
export function missing(clients: Participant[]): number[] {
  const expected = new Map<string, number>();
  for (const c of clients) for (const [k, v] of c.written) expected.set(k, v);
  return clients.map((c) => {
    const have = cells(c.doc);
    return [...expected].filter(([k, v]) => have[k] !== v).length;
  });
}

/** Kills, on the real Redis, the pub/sub connections of these instances (by their client names). */
export async function killPubSubConnections(names: string[]): Promise<number> {
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = list
      .split('\n')
      .map((line) => ({ id: /\bid=(\d+)/.exec(line)?.[1], name: /\bname=(\S*)/.exec(line)?.[1] }))
      .filter((c) => c.id && names.some((n) => c.name === `accord-sub-${n}`))
      .map((c) => c.id!);
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}
