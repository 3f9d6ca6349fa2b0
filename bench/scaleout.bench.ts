/**
 * Scale-out benchmark: the same load on one Accord instance and on two instances behind no proxy
 * (clients split half and half), all over one Postgres and one Redis. N stock y-websocket clients
 * in one board, each moving its own note (a valid tldraw note whose `meta.sent` is the send time,
 * as every write is judged) at a fixed rate; every other client records the delay until the
 * change reaches it — split, with two instances, into same-instance and cross-instance pairs.
 * Servers run `apps/server/src/cli.ts` in their own processes; the clients share this one.
 *
 *   node bench/scaleout.bench.ts [clients=40] [updatesPerClientPerSecond=5] [seconds=10]
 *
 * Needs Postgres (ACCORD_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test: a
 * throwaway database is created next to it and dropped) and Redis (ACCORD_BENCH_REDIS_URL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createShapeId, toRichText } from 'tldraw';
import { getRecordsKV } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { percentile, rssMiB, steadyWindow, waitHttp, waitSynced } from './fanout/measure.ts';

const CLIENTS = Number(process.argv[2] ?? 40);
const RATE = Number(process.argv[3] ?? 5);
const SECONDS = Number(process.argv[4] ?? 10);
const PG = process.env.ACCORD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.ACCORD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cli = fileURLToPath(new URL('../apps/server/src/cli.ts', import.meta.url));

interface Server {
  proc: ChildProcess;
  http: string;
  ws: string;
  dir: string;
}

async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  const proc = spawn(process.execPath, [cli], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ACCORD_DATA_DIR: dir, LOG_LEVEL: 'warn', ACCORD_SECRET: 'bench-secret-bench-secret-bench-secret!', ...env }, stdio: 'inherit' });
  const http = `http://127.0.0.1:${port}`;
  await waitHttp(`${http}/healthz`, 400);
  return { proc, http, ws: `ws://127.0.0.1:${port}/sync`, dir };
}

async function stopServer(s: Server): Promise<void> {
  s.proc.kill('SIGTERM');
  await new Promise((r) => s.proc.once('exit', r));
  rmSync(s.dir, { recursive: true, force: true });
}

const PAGE_ID = 'page:page';
const note = (key: string, sent: number) =>
  createShapeRecord({ id: createShapeId(key), type: 'note', parentId: PAGE_ID as never, index: 'a1' as never, meta: { sent }, props: { richText: toRichText('') } });

async function run(name: string, servers: Server[]) {
  const res = await fetch(`${servers[0]!.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'bench' }) });
  const board = (await res.json()) as { id: string; tokens: { participant: string } };
  const same: number[] = [];
  const cross: number[] = [];
  let measuring = false;
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const home = i % servers.length;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(servers[home]!.ws, board.id, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: board.tokens.participant }, disableBc: true });
    const kv = getRecordsKV(doc);
    const seen = new Map<string, number>();
    kv.on('change', (changes, tr) => {
      if (!measuring || tr.local) return;
      const now = performance.now();
      for (const [key, change] of changes) {
        if (change.action === 'delete' || key === `shape:c${i}`) continue;
        const sent = (change.newValue as { meta?: { sent?: number } }).meta?.sent;
        if (typeof sent !== 'number' || seen.get(key) === sent) continue;
        seen.set(key, sent);
        const from = Number(key.slice('shape:c'.length)) % servers.length;
        (from === home ? same : cross).push(now - sent);
      }
    });
    return { doc, provider, kv, i };
  });
  await waitSynced(name, () => clients.every((c) => c.provider.synced));
  let sent = 0;
  const timers = clients.map((c) => setInterval(() => {
    c.kv.set(`shape:c${c.i}`, note(`c${c.i}`, performance.now()) as never);
    sent++;
  }, 1000 / RATE));
  const elapsed = await steadyWindow(SECONDS, (on) => {
    if (on) sent = 0;
    measuring = on;
  });
  timers.forEach(clearInterval);
  const rss = servers.map((s) => rssMiB(s.proc.pid!));
  const scraped = await Promise.all(servers.map((s) => fetch(`${s.http}/metrics`).then((r) => r.text())));
  for (const c of clients) c.provider.destroy();
  const all = [...same, ...cross].sort((a, b) => a - b);
  same.sort((a, b) => a - b);
  cross.sort((a, b) => a - b);
  return { name, updates: sent / elapsed, deliveries: all.length / elapsed, expected: (sent * (CLIENTS - 1)) / elapsed, all, same, cross, rss, scraped };
}

/** Sum of a metric's samples over every server (all label sets). */
function metric(texts: string[], name: string, labels = ''): number {
  let total = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.startsWith(name) || line.startsWith('#')) continue;
      const rest = line.slice(name.length);
      if (!(rest.startsWith(' ') || rest.startsWith('{'))) continue;
      if (labels && !rest.includes(labels)) continue;
      total += Number(line.split(' ').at(-1));
    }
  }
  return total;
}

const database = `accord_bench_${process.pid}`;
const dbUrl = Object.assign(new URL(PG), { pathname: `/${database}` }).toString();
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}"`);
const results = [];
try {
  const scaled = { ACCORD_DATABASE_URL: dbUrl, ACCORD_REDIS_URL: REDIS };
  for (const [name, envs] of [
    ['1 instance (Postgres, no Redis)', [{ ACCORD_DATABASE_URL: dbUrl }]],
    ['1 instance (Postgres + Redis)', [scaled]],
    ['2 instances (Postgres + Redis)', [scaled, scaled]],
  ] as const) {
    const servers: Server[] = [];
    for (const [k, env] of envs.entries()) servers.push(await startServer(19_500 + k, env));
    try {
      results.push(await run(name, servers));
    } finally {
      for (const s of servers) await stopServer(s);
    }
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}

const fmt = (n: number, d = 1) => (Number.isNaN(n) ? '–' : n.toFixed(d));
const lat = (xs: number[]) => `${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 99))}`;
console.log(`\n${CLIENTS} clients in one board, ${RATE} note moves/s each, ${SECONDS} s measured (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| servers | updates/s in | deliveries/s out (expected) | all p50 / p99 ms | same-instance p50 / p99 ms | cross-instance p50 / p99 ms | max ms | RSS MiB per server |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${fmt(r.updates, 0)} | ${fmt(r.deliveries, 0)} (${fmt(r.expected, 0)}) | ${lat(r.all)} | ${lat(r.same)} | ${lat(r.cross)} | ${fmt(r.all.at(-1) ?? NaN)} | ${r.rss.map((x) => fmt(x, 0)).join(' + ')} |`);
}
console.log('\nFrom the servers\' /metrics over the whole run (warm-up included):\n');
console.log('| servers | group commits | mean commit ms | commit-time catch-ups (missed anything) | gap / periodic / reconnect catch-ups |');
console.log('|---|---|---|---|---|');
for (const r of results) {
  const commits = metric(r.scraped, 'accord_commit_duration_seconds_count');
  const seconds = metric(r.scraped, 'accord_commit_duration_seconds_sum');
  const catchUps = (reason: string) => metric(r.scraped, 'accord_catchups_total', `reason="${reason}"`);
  const missed = metric(r.scraped, 'accord_catchups_total', 'reason="commit",missed="yes"');
  console.log(`| ${r.name} | ${commits} | ${fmt((seconds / commits) * 1000, 2)} | ${catchUps('commit')} (${missed}) | ${catchUps('gap')} / ${catchUps('periodic')} / ${catchUps('reconnect')} |`);
}
process.exit(0);
