/**
 * Decision records on a large board: the time to turn a 2 000-note board into a DecisionRecord
 * and its Markdown (what the server does on "Record decision"), against the floor every snapshot
 * pays anyway in the same run — encoding the doc as one Yjs update and hashing it (SHA-256).
 * Run: node bench/record.bench.ts
 */
(globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame ??= (cb: () => void) => setTimeout(cb, 16);
const { createHash } = await import('node:crypto');
const Y = await import('yjs');
const { buildDecisionRecord, renderMarkdown } = await import('@accord/record');
const { TestBoard } = await import('../packages/record/src/test/boards.ts');

const NOTES = 2_000;
const RUNS = 7;

function board() {
  const b = new TestBoard('Large workshop');
  b.template('needs-vs-positions');
  const areas = b.allFrames().map((f) => f.meta.accord.area as string);
  const ids: string[] = [];
  for (let i = 0; i < NOTES; i++) ids.push(b.note(areas[i % areas.length]!, `Note ${i}: a need, a position or a question someone wrote during the session`));
  for (let p = 0; p < 12; p++) {
    b.person(`p${p}`, `Person ${p}`, 'participant', p % 2 ? 'em' : 'pm');
    b.ballot('v1', p % 2 ? 'em' : 'pm', `p${p}`, { [ids[p * 7]!]: 2, [ids[p * 11 + 1]!]: 1 });
  }
  b.voting({ id: 'v1', votesPerPerson: 3 });
  return b.write();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const b = board();
const build: number[] = [];
const floor: number[] = [];
let markdownBytes = 0;
for (let run = 0; run < RUNS; run++) {
  let t = performance.now();
  const update = Y.encodeStateAsUpdate(b.content);
  createHash('sha256').update(update).digest('hex');
  floor.push(performance.now() - t);
  t = performance.now();
  const record = buildDecisionRecord({ boardId: 'bench-board-1', boardTitle: 'Large workshop', recordedAt: Date.UTC(2026, 10, 24), input: { title: 'Bench', statement: 'A decision.' }, content: b.content, facilitation: b.facilitation });
  markdownBytes = renderMarkdown(record).length;
  build.push(performance.now() - t);
}
const snapshotBytes = Y.encodeStateAsUpdate(b.content).length;
console.log(`board: ${NOTES} notes, snapshot ${(snapshotBytes / 1024).toFixed(0)} KiB, Markdown ${(markdownBytes / 1024).toFixed(0)} KiB`);
console.log(`encode + SHA-256 (floor): median ${median(floor).toFixed(1)} ms over ${RUNS} runs`);
console.log(`buildDecisionRecord + renderMarkdown: median ${median(build).toFixed(1)} ms (first run ${build[0]!.toFixed(1)} ms)`);
console.log(`ratio: ${(median(build) / median(floor)).toFixed(1)}x the floor`);
process.exit(0);
