/**
 * Abuse benchmark: the floods of the issue "Abuse bounded at every door", each against a fresh
 * Accord server in its own process, on loopback only, every loop bounded in count and time.
 *
 *   node bench/abuse.bench.ts [import|create|updates|awareness ...]
 *
 * For each flood it prints what the attacker got (statuses, 429s, close codes), how long it took,
 * what it cost the server (RSS and peak RSS from /proc, `/healthz` latency meanwhile) and what
 * stayed stored (bytes of the data directory, bytes a late joiner downloads).
 */
import WebSocket from 'ws';
import { MiB, awarenessFrame, createBoard, memory, mib, open, postBytes, sleep, startServer, storedBytes, updateFrame, watchHealth } from './abuse-kit.ts';
import * as Y from 'yjs';
import { getRecordsKV } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { PageRecordType, createShapeId, toRichText } from 'tldraw';

const wanted = new Set(process.argv.slice(2));
const runs = (name: string) => wanted.size === 0 || wanted.has(name);

/** A ~19 MiB `.tldr` whose records' `meta` are arrays nested `depth` deep. */
function nestedTldr(depth: number, records: number): string {
  const nested = '['.repeat(depth) + ']'.repeat(depth);
  const shapes = Array.from({ length: records }, (_, i) => `{"id":"shape:n${i}","typeName":"shape","type":"geo","x":0,"y":0,"rotation":0,"index":"a1","parentId":"page:page","isLocked":false,"opacity":1,"props":{},"meta":{"deep":${nested}}}`);
  return `{"file":{"tldrawFileFormatVersion":1,"schema":{"schemaVersion":2,"sequences":{}},"records":[${shapes.join(',')}]}}`;
}

async function importFlood(): Promise<void> {
  const s = await startServer();
  try {
    // As bytes, written at once: fetch would feed a string this size in small pieces and time the client.
    const body = Buffer.from(nestedTldr(10_000, 950));
    const before = memory(s.proc.pid!);
    for (const parallel of [1, 2]) {
      const health = watchHealth(s.http);
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: parallel }, async () => {
          const status = await postBytes(`${s.http}/api/boards/import`, body);
          return { status, ms: performance.now() - t0 };
        }),
      );
      const worstHealth = await health();
      await sleep(2000);
      const after = memory(s.proc.pid!);
      console.log(
        `| import, ${parallel} at once (${mib(body.length)} each) | ${answers.map((a) => `${a.status} in ${(a.ms / 1000).toFixed(2)} s`).join(', ')} | /healthz worst ${worstHealth.toFixed(0)} ms | RSS ${mib(before.rss)} → ${mib(after.rss)}, peak ${mib(after.peak)} | stored ${mib(storedBytes(s.dir))} |`,
      );
    }
  } finally {
    await s.stop();
  }
}

async function createFlood(seconds = 10, concurrency = 8): Promise<void> {
  const s = await startServer();
  try {
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    const end = Date.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const res = await fetch(`${s.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"flood"}' });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const created = statuses.get(201) ?? 0;
    console.log(
      `| board creation, ${concurrency} concurrent for ${seconds} s | ${created} created (${(created / elapsed).toFixed(0)}/s), ${statuses.get(429) ?? 0} × 429 (Retry-After ${retryAfter ?? '-'}), other ${JSON.stringify(Object.fromEntries([...statuses].filter(([k]) => k !== 201 && k !== 429)))} | RSS ${mib(memory(s.proc.pid!).rss)} | stored ${mib(storedBytes(s.dir))} |`,
    );
  } finally {
    await s.stop();
  }
}

const PAGE = PageRecordType.createId('page');

/** One update adding a note whose meta holds `bytes` of text: content the board's judge lets through. */
function bigNote(key: string, bytes: number): Uint8Array {
  const doc = new Y.Doc();
  getRecordsKV(doc).set(`shape:${key}`, createShapeRecord({ id: createShapeId(key), type: 'note', parentId: PAGE, index: 'a1' as never, meta: { cell: 'x'.repeat(bytes) }, props: { richText: toRichText('') } }));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function updateFlood(limitBytes = 100 * MiB, seconds = 10): Promise<void> {
  const s = await startServer();
  try {
    const board = await createBoard(s);
    const writer = await open(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    let code: number | null = null;
    void writer.closed.then((c) => (code = c));
    let sent = 0;
    const t0 = performance.now();
    const end = Date.now() + seconds * 1000;
    for (let i = 0; sent < limitBytes && Date.now() < end && code === null; i++) {
      const update = updateFrame(bigNote(`n${i}`, MiB));
      await new Promise<void>((r) => writer.ws.send(update, () => r()));
      sent += update.length;
    }
    const elapsed = (performance.now() - t0) / 1000;
    await sleep(1500);
    const closedWith = code;
    writer.ws.terminate();
    const state = await fetch(`${s.http}/api/boards/${board.id}/state`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } });
    const joiner = (await state.arrayBuffer()).byteLength;
    console.log(
      `| updates from one participant link (1 MiB notes) | sent ${mib(sent)} in ${elapsed.toFixed(1)} s, socket ${closedWith === null ? 'still open' : `closed ${closedWith}`} | RSS ${mib(memory(s.proc.pid!).rss)}, peak ${mib(memory(s.proc.pid!).peak)} | stored ${mib(storedBytes(s.dir))}; a late joiner downloads ${mib(joiner)} |`,
    );
  } finally {
    await s.stop();
  }
}

async function awarenessFlood(seconds = 5): Promise<void> {
  const s = await startServer();
  try {
    const board = await createBoard(s);
    const url = (token: string) => `${s.ws}/${board.id}?token=${token}`;
    const legit = await Promise.all([open(url(board.tokens.participant)), open(url(board.tokens.participant))]);
    const legitCodes: number[] = [];
    legit.forEach((l, i) => {
      void l.closed.then((c) => legitCodes.push(c));
      l.ws.send(awarenessFrame(1000 + i, 1, JSON.stringify({ user: { id: `u${i}`, name: 'Legit', color: '#000' } })));
    });
    const attackers = await Promise.all([0, 1, 2].map(() => open(url(board.tokens.viewer))));
    const attackerCodes: number[] = [];
    attackers.forEach((a) => void a.closed.then((c) => attackerCodes.push(c)));
    const before = memory(s.proc.pid!);
    const big = 'x'.repeat(MiB);
    let clock = 1;
    const timer = setInterval(() => {
      clock++;
      for (const [i, a] of attackers.entries()) if (a.ws.readyState === WebSocket.OPEN) a.ws.send(awarenessFrame(2000 + i, clock, JSON.stringify({ blob: big })));
    }, 125);
    await sleep(seconds * 1000);
    clearInterval(timer);
    const after = memory(s.proc.pid!);
    // A query-awareness message (type 3) costs the sender 1 byte of frame; what does it get back?
    const asker = await open(url(board.tokens.viewer));
    await sleep(300);
    const greeting = asker.received();
    asker.ws.send(Buffer.from([3]));
    await sleep(1000);
    const answered = asker.received() - greeting;
    console.log(
      `| awareness: 3 viewer sockets × 1 MiB states × 8/s for ${seconds} s | attackers closed ${JSON.stringify(attackerCodes)}; legitimate clients closed ${JSON.stringify(legitCodes)} | RSS ${mib(before.rss)} → ${mib(after.rss)}, peak ${mib(after.peak)} | greeting ${mib(greeting)}; a 1-byte query-awareness answered with ${mib(answered)} |`,
    );
    for (const c of [...legit, ...attackers, asker]) c.ws.terminate();
  } finally {
    await s.stop();
  }
}

console.log(`\nAbuse floods (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| flood | what the attacker got | cost to the server | what stayed |');
console.log('|---|---|---|---|');
if (runs('import')) await importFlood();
if (runs('create')) await createFlood();
if (runs('updates')) await updateFlood();
if (runs('awareness')) await awarenessFlood();
process.exit(0);
