import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getPeopleMap, getRecordsKV } from '@accord/board';
import type { HistoryCheckpoint, HistoryEntry, HistoryStore } from '@accord/storage';
import { PAGE_STEPS, readTimeline, STEP_GAP_MS } from './boardTimeline.ts';
import { versionAuthor } from './routes/history.ts';
import { note } from './test/board.ts';

/** A history whose entries (and checkpoints) we write by hand: who, when, what. */
class FakeHistory implements Pick<HistoryStore, 'historyCheckpoint' | 'historyEntries'> {
  readonly doc = new Y.Doc();
  entries: HistoryEntry[] = [];
  checkpoints: HistoryCheckpoint[] = [];
  private seq = 10;

  /** Keeps a checkpoint as of the last entry, as a compaction does. */
  checkpointNow(): void {
    const last = this.entries.at(-1)!;
    this.checkpoints.push({ seq: last.seq, storedAt: last.storedAt, state: Y.encodeStateAsUpdate(this.doc) });
  }

  /** Retention: everything up to the last entry goes; the state as of it is the oldest version. */
  pruneNow(): void {
    this.checkpointNow();
    const oldest = this.checkpoints.at(-1)!;
    this.entries = [];
    this.checkpoints = [oldest];
  }

  write(author: string | null, at: number, change: (doc: Y.Doc) => void, restoredFrom: number | null = null): number {
    const updates: Uint8Array[] = [];
    const on = (u: Uint8Array) => updates.push(u);
    this.doc.on('update', on);
    change(this.doc);
    this.doc.off('update', on);
    this.seq += 3;
    this.entries.push({ seq: this.seq, storedAt: at, author, restoredFrom, update: Y.mergeUpdates(updates) });
    return this.seq;
  }

  async historyCheckpoint(_room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    if (atOrBefore === undefined) return this.checkpoints[0] ?? null;
    return this.checkpoints.filter((c) => c.seq <= atOrBefore).at(-1) ?? null;
  }

  async historyEntries(_room: string, afterSeq: number, opts: { throughSeq?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.entries.filter((e) => e.seq > afterSeq && e.seq <= (opts.throughSeq ?? Infinity)).slice(0, opts.limit);
  }
}

const kv = (doc: Y.Doc) => getRecordsKV(doc);
const minute = STEP_GAP_MS;

describe('the timeline of a board', () => {
  it('groups consecutive changes by one author within a minute of each other; a new author, a long pause, a deletion or a restore starts a step', async () => {
    const h = new FakeHistory();
    const t0 = 1_700_000_000_000;
    h.write('pPat', t0, (d) => kv(d).set(note('a', '').id, note('a', 'A')));
    h.write('pPat', t0 + minute - 1, (d) => kv(d).set(note('b', '').id, note('b', 'B')));
    const patEdits = h.write('pPat', t0 + minute + 30_000, (d) => kv(d).set(note('a', '').id, note('a', 'A again', 40)));
    // Only the people registry: not a step, and it does not break Pat's.
    h.write('pQuinn', t0 + minute + 31_000, (d) => getPeopleMap(d).set('pQuinn', { name: 'Quinn' }));
    const quinn = h.write('pQuinn', t0 + minute + 40_000, (d) => kv(d).set(note('q', '').id, note('q', 'Q')));
    const patLater = h.write('pPat', t0 + 4 * minute, (d) => kv(d).set(note('c', '').id, note('c', 'C')));
    const wipe = h.write('pPat', t0 + 4 * minute + 1000, (d) =>
      d.transact(() => {
        for (const id of ['a', 'b', 'c', 'q']) kv(d).delete(note(id, '').id);
      }),
    );
    const restore = h.write('server', t0 + 5 * minute, (d) => kv(d).set(note('a', '').id, note('a', 'A again', 40)), patEdits);
    const { steps, next } = await readTimeline(h as unknown as HistoryStore, 'board');
    expect(next).toBeNull();
    expect([...steps].reverse().map(({ seq, kind, author, changes, deleted, updates, restoredFrom }) => ({ seq, kind, author, changes, deleted, updates, restoredFrom }))).toEqual([
      { seq: patEdits, kind: 'edit', author: 'pPat', changes: 2, deleted: 0, updates: 3, restoredFrom: null },
      { seq: quinn, kind: 'edit', author: 'pQuinn', changes: 1, deleted: 0, updates: 1, restoredFrom: null },
      { seq: patLater, kind: 'edit', author: 'pPat', changes: 1, deleted: 0, updates: 1, restoredFrom: null },
      { seq: wipe, kind: 'edit', author: 'pPat', changes: 4, deleted: 4, updates: 1, restoredFrom: null },
      { seq: restore, kind: 'restore', author: 'server', changes: 1, deleted: 0, updates: 1, restoredFrom: patEdits },
    ]);
    expect(steps.at(-1)).toMatchObject({ startedAt: t0, at: t0 + minute + 30_000 });
  });

  it('ends with the oldest version kept when older history was pruned, and counts from its records', async () => {
    const h = new FakeHistory();
    const pruned = h.write('pPat', 1_600_000_000_000, (d) => kv(d).set(note('old', '').id, note('old', 'Kept from before')));
    h.pruneNow();
    const edit = h.write('participant', 1_700_000_000_000, (d) => kv(d).delete(note('old', '').id));
    expect(await readTimeline(h as unknown as HistoryStore, 'board')).toEqual({
      next: null,
      steps: [
        { seq: edit, kind: 'edit', startedAt: 1_700_000_000_000, at: 1_700_000_000_000, author: 'participant', changes: 1, deleted: 1, updates: 1, restoredFrom: null },
        { seq: pruned, kind: 'start', startedAt: 1_600_000_000_000, at: 1_600_000_000_000, author: null, changes: 0, deleted: 0, updates: 0, restoredFrom: null },
      ],
    });
  });

  it('comes in pages that end at checkpoints, each replayed from its own, and together hold every step once', async () => {
    const h = new FakeHistory();
    const t0 = 1_700_000_000_000;
    const seqs: number[] = [];
    // Authors take turns, so every entry is a step; a compaction keeps a checkpoint every 40 entries.
    for (let i = 0; i < 2.5 * PAGE_STEPS; i++) {
      seqs.push(h.write(i % 2 ? 'pPat' : 'pQuinn', t0 + i * 1000, (d) => kv(d).set(note(`n${i % 30}`, '').id, note(`n${i % 30}`, `v${i}`))));
      if (i % 40 === 39) h.checkpointNow();
    }
    const pages = [await readTimeline(h as unknown as HistoryStore, 'board')];
    while (pages.at(-1)!.next !== null) pages.push(await readTimeline(h as unknown as HistoryStore, 'board', pages.at(-1)!.next!));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.slice(0, -1).every((p) => p.steps.length >= PAGE_STEPS)).toBe(true);
    const all = pages.flatMap((p) => p.steps);
    expect(all.map((s) => s.seq)).toEqual([...seqs].reverse());
    expect(all.every((s) => s.changes === 1 && s.deleted === 0)).toBe(true);
  });

  it('splits a step at a checkpoint: one author’s run of changes either side of it shows as two steps', async () => {
    const h = new FakeHistory();
    const t0 = 1_700_000_000_000;
    h.write('pPat', t0, (d) => kv(d).set(note('a', '').id, note('a', 'A')));
    const first = h.write('pPat', t0 + 1000, (d) => kv(d).set(note('b', '').id, note('b', 'B')));
    h.checkpointNow();
    const second = h.write('pPat', t0 + 2000, (d) => kv(d).set(note('a', '').id, note('a', 'A2')));
    const { steps } = await readTimeline(h as unknown as HistoryStore, 'board');
    expect(steps.map((s) => [s.seq, s.changes, s.updates])).toEqual([
      [second, 1, 1],
      [first, 2, 2],
    ]);
  });

  it('names authors: a person by their name on the board, a role, Accord, or unknown', () => {
    const names = new Map([[`p${'a'.repeat(21)}`, 'Pat']]);
    expect(versionAuthor(`p${'a'.repeat(21)}`, names)).toEqual({ kind: 'person', id: `p${'a'.repeat(21)}`, name: 'Pat' });
    expect(versionAuthor(`p${'b'.repeat(21)}`, names)).toEqual({ kind: 'person', id: `p${'b'.repeat(21)}`, name: 'Someone' });
    expect(versionAuthor('participant', names)).toEqual({ kind: 'role', id: 'participant', name: 'A participant' });
    expect(versionAuthor('server', names)).toEqual({ kind: 'server', id: null, name: 'Accord' });
    expect(versionAuthor(null, names)).toEqual({ kind: 'unknown', id: null, name: 'Unknown' });
  });
});
