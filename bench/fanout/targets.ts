import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';

// The servers the fan-out benchmark compares, each in its own process, and how a client joins each.

const require = createRequire(import.meta.url);

/** A connected client, whatever its protocol. */
export interface BenchClient {
  synced(): boolean;
  destroy(): void;
}

/** A running server and how clients join its room. */
export interface Target {
  name: string;
  proc: ChildProcess;
  join(doc: Y.Doc): BenchClient;
  cleanup(): void;
}

async function waitHttp(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no answer from ${url}`);
}

function yWebsocketClient(url: string, room: string, params: Record<string, string>, doc: Y.Doc): BenchClient {
  const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params, disableBc: true });
  return { synced: () => provider.synced, destroy: () => provider.destroy() };
}

/** Accord: the real server (SQLite, every update judged and stored before it is broadcast). */
export async function startAccord(port: number): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const cli = fileURLToPath(new URL('../../apps/server/src/cli.ts', import.meta.url));
  const proc = spawn(process.execPath, [cli], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ACCORD_DATA_DIR: dir, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  await waitHttp(`http://127.0.0.1:${port}/healthz`);
  const res = await fetch(`http://127.0.0.1:${port}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'bench' }) });
  const board = (await res.json()) as { id: string; tokens: { participant: string } };
  return {
    name: 'Accord (SQLite, validated, store-then-broadcast)',
    proc,
    join: (doc) => yWebsocketClient(`ws://127.0.0.1:${port}/sync`, board.id, { token: board.tokens.participant }, doc),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Hocuspocus 4 with no extensions: memory only, its own server and protocol. */
export async function startHocuspocus(port: number): Promise<Target> {
  const script = fileURLToPath(new URL('./hocuspocus-server.ts', import.meta.url));
  const proc = spawn(process.execPath, [script], { env: { ...process.env, PORT: String(port) }, stdio: 'inherit' });
  await waitHttp(`http://127.0.0.1:${port}/`);
  return {
    name: '@hocuspocus/server 4.7 (memory)',
    proc,
    join: (doc) => {
      const provider = new HocuspocusProvider({ url: `ws://127.0.0.1:${port}`, name: 'bench-room', document: doc });
      return { synced: () => provider.isSynced, destroy: () => provider.destroy() };
    },
    cleanup: () => {},
  };
}

/** The reference y-websocket server (memory). 0.1.1 is the last release on Yjs 13, like ours. */
export async function startYWebsocketServer(port: number): Promise<Target> {
  const server = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
  const proc = spawn(process.execPath, [server], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  await waitHttp(`http://127.0.0.1:${port}/`);
  return {
    name: '@y/websocket-server 0.1.1 (memory)',
    proc,
    join: (doc) => yWebsocketClient(`ws://127.0.0.1:${port}`, 'bench-room', {}, doc),
    cleanup: () => {},
  };
}
