// Shared by the abuse floods (abuse.bench.ts): a server in its own process, its memory and
// stored bytes, a /healthz watcher, raw websocket frames.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export const MiB = 1024 * 1024;
let nextPort = 19_600;

export interface Server {
  proc: ChildProcess;
  http: string;
  ws: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-abuse-'));
  const port = nextPort++;
  const cli = fileURLToPath(new URL('../apps/server/src/cli.ts', import.meta.url));
  const proc = spawn(process.execPath, [cli], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ACCORD_DATA_DIR: dir, LOG_LEVEL: 'error' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const http = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${http}/healthz`)).ok) break;
    } catch {
      if (i > 400) throw new Error('server did not start');
      await sleep(50);
    }
  }
  return {
    proc,
    http,
    ws: `ws://127.0.0.1:${port}/sync`,
    dir,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Bytes of every file in the data directory (database, write-ahead log). */
export function storedBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

/** Polls `/healthz` one request after another until stopped; the slowest answer counts. */
export function watchHealth(http: string): () => Promise<number> {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${http}/healthz`).then((r) => r.arrayBuffer()).catch(() => {});
      worst = Math.max(worst, performance.now() - t0);
      await sleep(20);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return worst;
  };
}

/** POSTs JSON bytes; resolves with the status once the answer has been read (the server may close before taking the whole upload). */
export function postBytes(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
    req.end(body);
  });
}

export async function createBoard(s: Server) {
  const res = await fetch(`${s.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'abuse' }) });
  return (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
}

const varUint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const frame = (...parts: Array<number[] | Uint8Array>) => Buffer.concat(parts.map((p) => Buffer.from(p)));
export const updateFrame = (update: Uint8Array) => frame([0, 2], varUint(update.length), update);
export function awarenessFrame(clientId: number, clock: number, state: string): Buffer {
  const json = Buffer.from(state);
  const inner = frame(varUint(1), varUint(clientId), varUint(clock), varUint(json.length), json);
  return frame([1], varUint(inner.length), inner);
}

export function open(url: string): Promise<{ ws: WebSocket; closed: Promise<number>; received: () => number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let bytes = 0;
    ws.on('message', (d: Buffer) => (bytes += d.length));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('open', () => resolve({ ws, closed, received: () => bytes }));
    ws.on('unexpected-response', (_q, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

