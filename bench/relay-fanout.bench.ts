/**
 * Fan-out benchmark: one room, N clients, each rewriting its own note on the board; every other
 * client records how long each change took to reach it. Every client writes what the web app
 * writes — a tldraw note record in the board's `records` array, through `@accord/board`'s records
 * view — so Accord judges each update against the board schema (validation on), stores it in
 * SQLite and only then broadcasts it. Its peers run in memory with no validation: Hocuspocus 4
 * (its own server and provider) and the reference y-websocket server. Same client harness, same
 * run, each server in its own process.
 *
 * Every client writes; OBSERVERS of them are full clients (the server's own provider, every
 * update applied) that measure, the others are writers that discard what they are sent — one
 * process cannot decode 100 clients' worth of fan-out on a shared core, and measured that way
 * every server's tail is the harness's. The server does the same work for both kinds.
 *
 * Two phases per server: steady (each client RATE updates/s for SECONDS) → p50/p99 fan-out
 * latency at the observers; burst (each client sends BURST updates back to back) → the time until
 * every observer has every other client's last update, as the deliveries the server owed
 * (clients × BURST × (clients − 1)) per second.
 *
 *   node bench/relay-fanout.bench.ts [clients=100] [updatesPerClientPerSecond=3] [seconds=10] [burst=20] [observers=10]
 */
import * as Y from 'yjs';
import { getRecordsKV } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { createShapeId, toRichText, type TLRecord } from 'tldraw';
import { percentile, rssMiB, steadyWindow, waitSynced } from './fanout/measure.ts';
import { startAccord, startHocuspocus, startYWebsocketServer, type Target } from './fanout/targets.ts';

const CLIENTS = Number(process.argv[2] ?? 100);
const RATE = Number(process.argv[3] ?? 3);
const SECONDS = Number(process.argv[4] ?? 10);
const BURST = Number(process.argv[5] ?? 20);
const OBSERVERS = Math.min(CLIENTS, Number(process.argv[6] ?? 10));

const noteOf = (i: number, sentAt: number, seq: number): TLRecord =>
  createShapeRecord({ id: createShapeId(`c${i}`), type: 'note', x: (i % 10) * 220, y: Math.floor(i / 10) * 220, parentId: 'page:page' as never, index: 'a1' as never, meta: { sentAt, seq }, props: { richText: toRichText(`client ${i}`) } }) as TLRecord;

async function run(target: Target) {
  const latencies: number[] = [];
  let measuring = false;
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    const kv = getRecordsKV(doc);
    const own = createShapeId(`c${i}`);
    const observer = i < OBSERVERS;
    /** The newest update seen from each other client (its `seq`). */
    const seen = new Map<string, number>();
    if (observer) kv.on('change', (changes, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const [key, change] of changes) {
        if (key === own || change.action === 'delete') continue;
        const meta = (change.newValue as { meta?: { sentAt?: unknown; seq?: unknown } }).meta;
        if (typeof meta?.seq === 'number') seen.set(key, meta.seq);
        if (measuring && typeof meta?.sentAt === 'number') {
          latencies.push(now - meta.sentAt);
        }
      }
    });
    const client = observer ? target.join(doc) : target.write(doc);
    let seq = 0;
    return { id: own, observer, client, seen, seq: () => seq, write: () => kv.set(own, noteOf(i, performance.now(), ++seq)) };
  });
  await waitSynced(target.name, () => clients.every((c) => c.client.synced()));

  // Steady load.
  let sent = 0;
  let sentByObservers = 0;
  const timers = clients.map((c) =>
    setInterval(() => {
      c.write();
      sent++;
      if (c.observer && measuring) sentByObservers++;
    }, 1000 / RATE),
  );
  const elapsed = await steadyWindow(SECONDS, (on) => {
    if (on) sent = 0;
    measuring = on;
  });
  timers.forEach(clearInterval);
  const steadyDeliveries = latencies.length;
  latencies.sort((a, b) => a - b);
  // Each observer should receive every update but its own.
  const expected = sent * OBSERVERS - sentByObservers;
  const steady = { updatesPerSecond: sent / elapsed, deliveriesPerSecond: steadyDeliveries / elapsed, expected: expected / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  const rss = rssMiB(target.proc.pid!);
  await new Promise((r) => setTimeout(r, 1500)); // drain

  // Burst: every client sends BURST updates at once. Done when every client has every other's last
  // one (updates that arrive together are merged, so a receiver need not see each one on its own).
  latencies.length = 0;
  measuring = true;
  const b0 = performance.now();
  for (let k = 0; k < BURST; k++) for (const c of clients) c.write();
  const finalSeq = new Map(clients.map((c) => [c.id, c.seq()] as const));
  const observers = clients.filter((c) => c.observer);
  const complete = () => observers.every((c) => clients.every((o) => o === c || (c.seen.get(o.id) ?? 0) >= finalSeq.get(o.id)!));
  const burstDeadline = performance.now() + 120_000;
  while (!complete() && performance.now() < burstDeadline) await new Promise((r) => setTimeout(r, 5));
  measuring = false;
  const burstSeconds = (performance.now() - b0) / 1000;
  latencies.sort((a, b) => a - b);
  const logical = CLIENTS * BURST * (CLIENTS - 1);
  const burst = { seconds: burstSeconds, complete: complete(), deliveriesPerSecond: logical / burstSeconds, p99: percentile(latencies, 99) };
  for (const c of clients) c.client.destroy();
  return { name: target.name, steady, burst, rss };
}

const results = [];
for (const [i, start] of [startAccord, startHocuspocus, startYWebsocketServer].entries()) {
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
console.log(`\n${CLIENTS} clients in one room (${OBSERVERS} measuring), ${RATE} updates/s each for ${SECONDS} s, then a burst of ${BURST} updates per client (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| server | steady updates/s | deliveries/s to observers (expected) | p50 ms | p99 ms | burst: all delivered in s | burst deliveries/s | RSS MiB |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${fmt(r.steady.updatesPerSecond, 0)} | ${fmt(r.steady.deliveriesPerSecond, 0)} (${fmt(r.steady.expected, 0)}) | ${fmt(r.steady.p50)} | ${fmt(r.steady.p99)} | ${fmt(r.burst.seconds, 2)}${r.burst.complete ? '' : ' (incomplete)'} | ${fmt(r.burst.deliveriesPerSecond, 0)} | ${fmt(r.rss, 0)} |`);
}
const [a, h, y] = results;
if (a && h) console.log(`\nAccord / Hocuspocus: steady p99 ${fmt(a.steady.p99 / h.steady.p99, 2)}x, burst throughput ${fmt(a.burst.deliveriesPerSecond / h.burst.deliveriesPerSecond, 2)}x, RSS ${fmt(a.rss / h.rss, 2)}x`);
if (a && y) console.log(`Accord / y-websocket-server: steady p99 ${fmt(a.steady.p99 / y.steady.p99, 2)}x, burst throughput ${fmt(a.burst.deliveriesPerSecond / y.burst.deliveriesPerSecond, 2)}x`);
process.exit(0);
