import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { waitHttp } from './measure.ts';

// The servers the fan-out benchmark compares, each in its own process, and how a client joins each.

const require = createRequire(import.meta.url);

/** A connected client, whatever its protocol. */
interface BenchClient {
  synced(): boolean;
  destroy(): void;
}

/** A running server and how clients join its room. */
export interface Target {
  name: string;
  proc: ChildProcess;
  /** A full client: the server's own provider, every update it receives applied to `doc`. */
  join(doc: Y.Doc): BenchClient;
  /**
   * A writer: sends `doc`'s own updates over the server's protocol and reads nothing it is sent
   * (see {@link rawSocket}). The server cannot tell it from a full client.
   */
  write(doc: Y.Doc): BenchClient;
  cleanup(): void;
}

// One client process cannot decode what 100 full clients receive (100 × 300 updates/s) on a shared
// core: measured that way, every server's tail is the harness's. So most clients are writers that
// discard what they receive, and a few full clients measure. The server does the same work either way.

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_UPDATE = 2;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** A websocket that sends `doc`'s local updates as `frameOf(update)` once `ready`, and drops what it receives. */
function rawSocket(url: string, doc: Y.Doc, hello: Uint8Array[], frameOf: (update: Uint8Array) => Uint8Array, ready: (data: Uint8Array) => boolean): BenchClient {
  const ws = new WebSocket(url);
  let synced = false;
  ws.on('open', () => {
    for (const h of hello) ws.send(h);
  });
  ws.on('message', (data: Buffer) => {
    if (!synced && ready(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) synced = true;
  });
  const onUpdate = (update: Uint8Array) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(frameOf(update));
  };
  doc.on('update', onUpdate);
  return {
    synced: () => synced,
    destroy: () => {
      doc.off('update', onUpdate);
      ws.close();
    },
  };
}

/** A y-websocket writer: sync step 1, then each update as a sync update; ready at its first answer. */
function yWebsocketWriter(url: string, doc: Y.Doc): BenchClient {
  const step1 = frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
  const update = (u: Uint8Array) =>
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, u);
    });
  return rawSocket(url, doc, [step1], update, () => true);
}

// Hocuspocus' protocol: every message starts with the document's name; a connection authenticates
// (an empty token when the server has no auth hook) before it syncs.
const HP_AUTH = 2;
const HP_AUTH_TOKEN = 0;
const HP_AUTHENTICATED = 2;

function hocuspocusWriter(url: string, name: string, doc: Y.Doc): BenchClient {
  const auth = frame((e) => {
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, HP_AUTH);
    encoding.writeVarUint(e, HP_AUTH_TOKEN);
    encoding.writeVarString(e, '');
  });
  const step1 = frame((e) => {
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
  const update = (u: Uint8Array) =>
    frame((e) => {
      encoding.writeVarString(e, name);
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, u);
    });
  const authenticated = (data: Uint8Array) => {
    const d = decoding.createDecoder(data);
    decoding.readVarString(d);
    return decoding.readVarUint(d) === HP_AUTH && decoding.readVarUint(d) === HP_AUTHENTICATED;
  };
  return rawSocket(url, doc, [auth, step1], update, authenticated);
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
    write: (doc) => yWebsocketWriter(`ws://127.0.0.1:${port}/sync/${board.id}?token=${board.tokens.participant}`, doc),
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
    write: (doc) => hocuspocusWriter(`ws://127.0.0.1:${port}`, 'bench-room', doc),
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
    write: (doc) => yWebsocketWriter(`ws://127.0.0.1:${port}/bench-room`, doc),
    cleanup: () => {},
  };
}
