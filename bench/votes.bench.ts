/**
 * What a dot costs the server to check against the board: reading the content room to see that
 * the note is on the board (and inside the round's frame). Two ways on the same loaded room of a
 * 2 000-note board, through a real Relay over SQLite in memory: `getRoomState` (encode the room
 * as one update, apply it to a fresh doc, look the note up) against `readRoom` (look the note up
 * in the loaded doc itself). The server uses `readRoom` on every dot.
 * Run: node bench/votes.bench.ts
 */
(globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame ??= (cb: () => void) => setTimeout(cb, 16);
const Y = await import('yjs');
const { Relay } = await import('@accord/relay');
const { openSqliteStorage } = await import('@accord/storage');
const { recordLookup, voteTargetRefusal } = await import('@accord/board');
const { TestBoard } = await import('../packages/record/src/test/boards.ts');

const NOTES = 2_000;
const DOTS = 200;
const ROOM = 'bench-votes-board';

const b = new TestBoard('Large workshop');
b.template('needs-vs-positions');
const areas = b.allFrames().map((f) => f.meta.accord.area as string);
const ids: string[] = [];
for (let i = 0; i < NOTES; i++) ids.push(b.note(areas[i % areas.length]!, `Note ${i}: a need, a position or a question someone wrote during the session`));
b.write();
const frameId = b.frame(areas[0]!).id;

const storage = await openSqliteStorage({ file: ':memory:' });
await storage.appendUpdates([{ room: ROOM, update: Y.encodeStateAsUpdate(b.content) }]);
const relay = new Relay<{ role: string }>({ rooms: storage, policy: { controlRoomOf: () => null, writeRefusal: () => null } });
// A connected socket keeps the room loaded, as a board in session is.
const socket = { sent: 0, send() { this.sent++; }, close() {}, terminate() {}, ping() {}, bufferedAmount: 0 };
relay.connect(socket, ROOM, { role: 'participant' });
while (relay.stats().rooms === 0 || socket.sent === 0) await new Promise((r) => setTimeout(r, 5));

const check = (doc: InstanceType<typeof Y.Doc>, i: number) => voteTargetRefusal(recordLookup(doc), ids[(i * 7) % NOTES]!, frameId);
const viaState = async (i: number) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await relay.getRoomState(ROOM));
  const refusal = check(doc, i);
  doc.destroy();
  return refusal;
};
const viaRead = (i: number) => relay.readRoom(ROOM, (doc) => check(doc, i));

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
async function time(run: (i: number) => Promise<string | null>): Promise<{ median: number; p99: number; answers: string }> {
  for (let i = 0; i < 10; i++) await run(i); // warm-up
  const times: number[] = [];
  const answers = new Map<string, number>();
  for (let i = 0; i < DOTS; i++) {
    const t = performance.now();
    const refusal = await run(i);
    times.push(performance.now() - t);
    answers.set(refusal ?? 'ok', (answers.get(refusal ?? 'ok') ?? 0) + 1);
  }
  const sorted = [...times].sort((p, q) => p - q);
  return { median: median(times), p99: sorted[Math.floor(sorted.length * 0.99)]!, answers: [...answers].map(([k, n]) => `${k}: ${n}`).join(', ') };
}

const state = await time(viaState);
const read = await time(viaRead);
const bytes = (await relay.getRoomState(ROOM)).length;
console.log(`board: ${NOTES} notes, room state ${(bytes / 1024).toFixed(0)} KiB; ${DOTS} dots checked each way`);
console.log(`getRoomState + apply + look up: median ${state.median.toFixed(2)} ms, p99 ${state.p99.toFixed(2)} ms (${state.answers})`);
console.log(`readRoom (in place) + look up:  median ${read.median.toFixed(2)} ms, p99 ${read.p99.toFixed(2)} ms (${read.answers})`);
console.log(`ratio: ${(state.median / read.median).toFixed(1)}x`);
await relay.close();
await storage.close();
process.exit(0);
