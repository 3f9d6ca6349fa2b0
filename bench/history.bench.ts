/**
 * Board history on a large board, through the real SQLite store, relay and board rules:
 * 1. an hour of a workshop on a 2 000-note board — history rows and bytes it adds, checkpoints kept;
 * 2. compaction cost with history (a plain one, and one that keeps a checkpoint);
 * 3. rebuilding a version, listing the timeline of that hour, a retention sweep;
 * 4. restoring in place the version before a wipe of all 2 000 notes (state at the version, the
 *    difference, judged by the server's room guard, stored and applied through `relay.changeRoom`).
 * The workshop is a model, written by one Yjs client with the authors taken in turn: 12 people,
 * each writing 20 notes (a create and 8 text flushes each) and dragging 30 notes (1 s at the
 * binding's ≤ 30 flushes/s each) — the update pattern the canvas bench measured in the browser.
 * Run: node bench/history.bench.ts
 */
(globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame ??= (cb: () => void) => setTimeout(cb, 16);
const { mkdtempSync, rmSync, statSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const Y = await import('yjs');
const { createShapeId, toRichText, PageRecordType } = await import('tldraw');
const { boardSchema, contentRoom, getRecordsKV, initialBoardRecords, restoreBoardVersion, writeBoardRecords } = await import('@accord/board');
const { createShapeRecord } = await import('@accord/board/fixtures');
const { openSqliteStorage } = await import('../packages/storage/src/index.ts');
const { Relay } = await import('../packages/relay/src/index.ts');
const { roomPolicy } = await import('../apps/server/src/roomPolicy.ts');
const { readTimeline } = await import('../apps/server/src/boardTimeline.ts');

const NOTES = 2_000;
const PEOPLE = 12;
const PAGE_ID = PageRecordType.createId('page');
const dir = mkdtempSync(join(tmpdir(), 'accord-history-bench-'));
const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
const room = contentRoom('bench-board-0001');
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const bytes = () => ['accord.db', 'accord.db-wal'].reduce((n, f) => n + (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0), 0);

const note = (i: number, text: string, x = (i % 50) * 220, y = Math.floor(i / 50) * 220) =>
  createShapeRecord({ id: createShapeId(`n${i}`), type: 'note', x, y, parentId: PAGE_ID, props: { richText: toRichText(text) } });

// The board: its seed and 2 000 notes, one update per note as people add them.
const writer = new Y.Doc();
const pending: Uint8Array[] = [];
writer.on('update', (u: Uint8Array) => pending.push(u));
const kv = getRecordsKV(writer);
writeBoardRecords(writer, initialBoardRecords('Large workshop'), boardSchema());
for (let i = 0; i < NOTES; i++) kv.set(note(i, '').id, note(i, `Note ${i}: a need, a position or a question someone wrote`));
let seq = 0;
const checkpointCount = () => (storage as unknown as { db: { prepare(s: string): { get(): { n: number } } } }).db.prepare('SELECT COUNT(*) AS n FROM room_checkpoint').get().n;
/** Stores what the writer emitted since the last call, by `author`, compacting every 500 entries as the relay does; the compactions' times, split by whether they kept a checkpoint. */
const compactions = { plain: [] as number[], checkpoint: [] as number[] };
// The relay's room doc: what is stored, applied after it is (R2); compactions encode it.
const relayDoc = new Y.Doc();
const store = async (author: string) => {
  while (pending.length > 0) {
    const part = pending.splice(0, 500);
    seq = (await storage.appendUpdates(part.map((update) => ({ room, update, author })))).at(-1)!.seq;
    for (const update of part) Y.applyUpdate(relayDoc, update);
    const before = checkpointCount();
    const t = performance.now();
    await storage.compactRoom(room, Y.encodeStateAsUpdate(relayDoc), seq);
    (checkpointCount() > before ? compactions.checkpoint : compactions.plain).push(performance.now() - t);
  }
};
await store('server');
const boardBytes = bytes();
console.log(`board: ${NOTES} notes in ${NOTES + 1} entries, state ${(Y.encodeStateAsUpdate(writer).length / 1024).toFixed(0)} KiB, database ${(boardBytes / 1024 / 1024).toFixed(1)} MiB`);

// 1. An hour of the workshop, compacted every 500 entries as the relay does.
const person = (i: number) => `p${String(i % PEOPLE).padStart(21, '0')}`;
let rows = 0;
compactions.plain.length = 0;
compactions.checkpoint.length = 0;
for (let p = 0; p < PEOPLE; p++) {
  for (let n = 0; n < 20; n++) {
    const i = NOTES + p * 20 + n;
    for (let flushes = 1; flushes <= 9; flushes++) kv.set(note(i, '').id, note(i, `Idea ${i} typed so far `.slice(0, 4 + flushes * 3)));
  }
  for (let d = 0; d < 30; d++) {
    const i = (p * 97 + d * 13) % NOTES;
    for (let step = 0; step < 30; step++) kv.set(note(i, '').id, { ...note(i, `Note ${i}: a need, a position or a question someone wrote`), x: step * 5, y: d * 7 });
  }
  rows += pending.length;
  await store(person(p));
}
const hourBytes = bytes() - boardBytes;
console.log(`workshop hour: ${rows} history rows (${(rows / PEOPLE).toFixed(0)} per person), +${(hourBytes / 1024 / 1024).toFixed(1)} MiB in the database, ${checkpointCount()} checkpoints`);

// 2. Compaction: the relay's 500-entry compactions of that hour, with and without a checkpoint; the snapshot merge every compaction did before history, alone.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const snapshot = (storage as unknown as { db: { prepare(s: string): { get(r: string): { state: Uint8Array } } } }).db.prepare('SELECT state FROM room_snapshot WHERE room = ?').get(room).state;
const merges: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  Y.mergeUpdates([snapshot, Y.encodeStateAsUpdate(relayDoc)]);
  merges.push(performance.now() - t);
}
console.log(`compaction of 500 entries: median ${median(compactions.plain).toFixed(0)} ms (${compactions.plain.length}), keeping a checkpoint median ${median(compactions.checkpoint).toFixed(0)} ms (${compactions.checkpoint.length}); the snapshot merge alone ${median(merges).toFixed(0)} ms`);

// 3. Reading history.
let t = performance.now();
const middle = await storage.roomStateAt(room, seq - 700);
console.log(`state at a version 700 entries back: ${ms(t)} (${((middle?.length ?? 0) / 1024).toFixed(0)} KiB)`);
t = performance.now();
const first = await readTimeline(storage, room);
console.log(`timeline, first page: ${ms(t)} for ${first.steps.length} steps`);
t = performance.now();
let pages = 1;
let steps = first.steps.length;
for (let page = first; page.next !== null; pages++) {
  page = await readTimeline(storage, room, page.next);
  steps += page.steps.length;
}
console.log(`timeline, the rest: ${ms(t)} for ${pages - 1} more pages, ${steps} steps in all`);

// 4. A wipe of every note, then the restore of the version before it through the relay and the board rules.
const relay = new Relay({ rooms: storage, policy: roomPolicy });
const beforeWipe = seq;
await relay.changeRoom(room, (doc) => {
  const live = getRecordsKV(doc);
  doc.transact(() => {
      for (const k of [...live.map.keys()]) if (k.startsWith('shape:')) live.delete(k);
    });
});
t = performance.now();
const state = (await storage.roomStateAt(room, beforeWipe))!;
const stateMs = performance.now() - t;
const version = new Y.Doc();
Y.applyUpdate(version, state);
let restored = { set: 0, deleted: 0, skipped: 0 };
t = performance.now();
const restoreSeq = await relay.changeRoom(room, (doc) => {
  restored = restoreBoardVersion(doc, version, boardSchema());
});
const restoreMs = performance.now() - t;
console.log(`restore in place after a wipe: state at the version ${stateMs.toFixed(0)} ms + difference, judged, stored, applied ${restoreMs.toFixed(0)} ms (set ${restored.set}, deleted ${restored.deleted}, seq ${restoreSeq})`);

t = performance.now();
const pruned = await storage.pruneHistory(Date.now() + 1);
console.log(`retention sweep pruning all of it: ${ms(t)} (${pruned.entries} entries, ${pruned.checkpoints} checkpoints)`);
await relay.close();
await storage.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
