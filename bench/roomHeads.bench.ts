/**
 * What the scaled-out relay's periodic check costs storage: one `roomHeads` query for every
 * loaded room, every `syncCheckMs` (default 2 s), per instance. Fills a throwaway Postgres schema
 * with N rooms (one log entry each) and times the query for all N, and one catch-up read.
 *
 *   node bench/roomHeads.bench.ts [rooms=100,1000,10000]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStorage } from '@accord/storage';

const PG = process.env.ACCORD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = (process.argv[2] ?? '100,1000,10000').split(',').map(Number);
const ROUNDS = 20;
const update = new Uint8Array([0, 0]); // an empty Yjs update: the rows' content does not matter here

const schema = `accord_bench_${randomBytes(4).toString('hex')}`;
const store = await openPostgresStorage({ connectionString: PG, schema });
const rows: string[] = [];
try {
  let filled = 0;
  for (const size of SIZES) {
    const rooms = Array.from({ length: size }, (_, i) => `room-${i}`);
    for (let i = filled; i < size; i += 1000) await store.appendUpdates(rooms.slice(i, Math.min(size, i + 1000)).map((room) => ({ room, update })));
    filled = Math.max(filled, size);
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const heads = await store.roomHeads(rooms);
      times.push(performance.now() - t0);
      if (heads.size !== size) throw new Error(`expected ${size} heads, got ${heads.size}`);
    }
    times.sort((a, b) => a - b);
    const since = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      await store.readRoomSince('room-0', 1);
      since.push(performance.now() - t0);
    }
    since.sort((a, b) => a - b);
    const median = times[ROUNDS >> 1]!;
    rows.push(`| ${size.toLocaleString('en')} | ${median.toFixed(2)} | ${times.at(-1)!.toFixed(2)} | ${((median / 2000) * 100).toFixed(2)} % | ${since[ROUNDS >> 1]!.toFixed(2)} |`);
  }
} finally {
  await store.close();
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
}
console.log(`\nroomHeads for every loaded room (Postgres, ${ROUNDS} rounds, Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| loaded rooms | heads query median ms | max ms | one instance\'s database time at the default 2 s interval | readRoomSince median ms |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
