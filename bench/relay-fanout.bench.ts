/**
 * Fan-out benchmark: one room, N stock y-websocket clients, each writing at a fixed rate; every
 * other client records how long each update took to reach it. Runs Accord (SQLite persistence on,
 * every update stored before it is broadcast) and the reference y-websocket server (in memory, no
 * persistence) in the same run, each in its own process, with the same client harness.
 *
 *   node bench/relay-fanout.bench.ts [clients=50] [updatesPerClientPerSecond=4] [seconds=10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const CLIENTS = Number(process.argv[2] ?? 50);
const RATE = Number(process.argv[3] ?? 4);
const SECONDS = Number(process.argv[4] ?? 10);
const require = createRequire(import.meta.url);

interface Target {
  name: string;
  proc: ChildProcess;
  url: string;
  room: string;
  params: Record<string, string>;
  cleanup(): void;
}

async function waitHttp(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no answer from ${url}`);
}

async function startAccord(port: number): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const cli = fileURLToPath(new URL('../apps/server/src/cli.ts', import.meta.url));
  const proc = spawn(process.execPath, [cli], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ACCORD_DATA_DIR: dir, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  await waitHttp(`http://127.0.0.1:${port}/healthz`);
  const res = await fetch(`http://127.0.0.1:${port}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'bench' }) });
  const board = (await res.json()) as { id: string; tokens: { participant: string } };
  return { name: 'Accord (SQLite, store-then-broadcast)', proc, url: `ws://127.0.0.1:${port}/sync`, room: board.id, params: { token: board.tokens.participant }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function startYWebsocketServer(port: number): Promise<Target> {
  // The reference server's entry point (its `bin`); 0.1.1 is the last release on Yjs 13, like ours.
  const server = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
  const proc = spawn(process.execPath, [server], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  await waitHttp(`http://127.0.0.1:${port}/`);
  return { name: '@y/websocket-server (in memory)', proc, url: `ws://127.0.0.1:${port}`, room: 'bench-room', params: {}, cleanup: () => {} };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function run(target: Target) {
  const latencies: number[] = [];
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(target.url, target.room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: target.params, disableBc: true });
    const map = doc.getMap<number>('t');
    let measuring = false;
    map.observe((ev) => {
      if (!measuring || ev.transaction.local) return;
      const now = performance.now();
      for (const key of ev.keysChanged) {
        if (key === String(i)) continue;
        const sent = map.get(key);
        if (typeof sent === 'number') latencies.push(now - sent);
      }
    });
    return { doc, provider, map, start: () => (measuring = true), stop: () => (measuring = false) };
  });
  const deadline = Date.now() + 30_000;
  while (!clients.every((c) => c.provider.synced)) {
    if (Date.now() > deadline) throw new Error(`${target.name}: clients did not sync`);
    await new Promise((r) => setTimeout(r, 20));
  }
  let sent = 0;
  const timers = clients.map((c, i) =>
    setInterval(() => {
      c.map.set(String(i), performance.now());
      sent++;
    }, 1000 / RATE),
  );
  await new Promise((r) => setTimeout(r, 2000)); // warm-up
  latencies.length = 0;
  sent = 0;
  clients.forEach((c) => c.start());
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clients.forEach((c) => c.stop());
  const elapsed = (performance.now() - t0) / 1000;
  timers.forEach(clearInterval);
  const rss = rssMiB(target.proc.pid!);
  clients.forEach((c) => c.provider.destroy());
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    updatesPerSecond: sent / elapsed,
    deliveriesPerSecond: latencies.length / elapsed,
    expectedDeliveriesPerSecond: (sent * (CLIENTS - 1)) / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    rss,
  };
}

const results = [];
for (const [i, start] of [startAccord, startYWebsocketServer].entries()) {
  const target = await start(19_400 + i);
  try {
    results.push(await run(target));
  } finally {
    target.proc.kill('SIGTERM');
    await new Promise((r) => target.proc.once('exit', r));
    target.cleanup();
  }
}

const fmt = (n: number, d = 1) => n.toFixed(d);
console.log(`\n${CLIENTS} clients in one room, ${RATE} updates/s each, ${SECONDS} s measured (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| server | updates/s in | deliveries/s out (expected) | p50 fan-out ms | p99 fan-out ms | max ms | server RSS MiB |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${fmt(r.updatesPerSecond, 0)} | ${fmt(r.deliveriesPerSecond, 0)} (${fmt(r.expectedDeliveriesPerSecond, 0)}) | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.rss, 0)} |`);
}
const [a, y] = results;
if (a && y) console.log(`\nRatios Accord / y-websocket-server: p99 ${fmt(a.p99 / y.p99, 2)}x, deliveries/s ${fmt(a.deliveriesPerSecond / y.deliveriesPerSecond, 2)}x, RSS ${fmt(a.rss / y.rss, 2)}x`);
process.exit(0);
