import { afterAll, afterEach, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { build, type BuildOptions } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';

/** A fresh data directory, removed by the returned cleanup. */
export function tempDir(prefix = 'accord-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Rate limits off: tests make boards and sockets far faster than people; the rate-limit tests set their own. */
const NO_RATE_LIMITS = Object.fromEntries(['CREATE', 'IMPORT', 'ASSETS', 'RECORDS', 'CONNECT'].map((door) => [`ACCORD_RATE_LIMIT_${door}`, 'off']));

/** A config for tests: everything default but the data dir, a fixed secret, silence and no rate limits. */
export function testConfig(dataDir: string, extra: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ ACCORD_DATA_DIR: dataDir, ACCORD_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...NO_RATE_LIMITS, ...extra });
}

export interface Tokens {
  facilitator: string;
  participant: string;
  viewer: string;
}

export interface RunningServer {
  app: FastifyInstance;
  port: number;
  http: string;
  ws: string;
  dataDir: string;
  createBoard(title?: string): Promise<{ id: string; tokens: Tokens }>;
  stop(): Promise<void>;
}

/** Starts a real server on port 0 over SQLite in `dataDir` (a new temp dir when omitted). */
export async function startServer(opts: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv } & Partial<Omit<BuildOptions, 'config'>> = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const { dataDir: _d, port: wantPort, env, ...rest } = opts;
  const app = await build({ config: testConfig(dataDir, env), logger: false, webRoot: null, ...rest });
  await app.listen({ port: wantPort ?? 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const http = `http://127.0.0.1:${port}`;
  return {
    app,
    port,
    http,
    ws: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    async createBoard(title = 'Test board') {
      const res = await fetch(`${http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: string; tokens: Tokens };
      return { id: body.id, tokens: body.tokens };
    },
    async stop() {
      await app.close();
    },
  };
}

/**
 * One server over SQLite in a temp dir for a whole test file (started before its tests, stopped and
 * its dir removed after), and cleanups run after each test, last first. Call once at the top level.
 */
export function fileServer() {
  let s: RunningServer;
  let dir: string;
  const cleanups: Array<() => Promise<void> | void> = [];
  beforeAll(async () => {
    dir = tempDir();
    s = await startServer({ dataDir: dir });
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  afterAll(async () => {
    await s.stop();
    removeDir(dir);
  });
  return { server: (): RunningServer => s, dataDir: (): string => dir, cleanups };
}

/** A stock y-websocket client in Node. BroadcastChannel is off so clients only meet through the server. */
export function connectClient(wsUrl: string, room: string, token: string, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
  });
  return { doc, provider };
}

/** Resolves when `check()` is true, polling; rejects after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function waitSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => provider.synced, 'provider sync', timeoutMs);
}

/** Opens a raw websocket and resolves on open, or rejects with the HTTP status of a refused upgrade. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused ${res.statusCode}`), { statusCode: res.statusCode, body })));
    });
    ws.on('error', reject);
  });
}

/** Resolves with the close code when the socket closes. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
