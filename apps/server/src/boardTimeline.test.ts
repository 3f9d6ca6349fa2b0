import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getPeopleMap, getRecordsKV } from '@accord/board';
import type { HistoryCheckpoint, HistoryEntry, HistoryStore } from '@accord/storage';
import { readTimeline, STEP_GAP_MS } from './boardTimeline.ts';
import { versionAuthor } from './routes/history.ts';
import { note } from './test/board.ts';

/** A history whose entries we write by hand: who, when, what. */
class FakeHistory implements Pick<HistoryStore, 'historyCheckpoint' | 'historyEntries'> {
  readonly doc = new Y.Doc();
  readonly entries: HistoryEntry[] = [];
  checkpoint: HistoryCheckpoint | null = null;
  private seq = 10;

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

  async historyCheckpoint(): Promise<HistoryCheckpoint | null> {
    return this.checkpoint;
  }

  async historyEntries(_room: string, afterSeq: number, opts: { limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.entries.filter((e) => e.seq > afterSeq).slice(0, opts.limit);
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
    const wipe = h.write('pPat', t0 + 4 * minute + 1000, (d) => d.transact(() => ['a', 'b', 'c', 'q'].forEach((id) => kv(d).delete(note(id, '').id))));
    const restore = h.write('server', t0 + 5 * minute, (d) => kv(d).set(note('a', '').id, note('a', 'A again', 40)), patEdits);
    const steps = await readTimeline(h as unknown as HistoryStore, 'board');
    expect(steps.map(({ seq, kind, author, changes, deleted, updates, restoredFrom }) => ({ seq, kind, author, changes, deleted, updates, restoredFrom }))).toEqual([
      { seq: patEdits, kind: 'edit', author: 'pPat', changes: 2, deleted: 0, updates: 3, restoredFrom: null },
      { seq: quinn, kind: 'edit', author: 'pQuinn', changes: 1, deleted: 0, updates: 1, restoredFrom: null },
      { seq: patLater, kind: 'edit', author: 'pPat', changes: 1, deleted: 0, updates: 1, restoredFrom: null },
      { seq: wipe, kind: 'edit', author: 'pPat', changes: 4, deleted: 4, updates: 1, restoredFrom: null },
      { seq: restore, kind: 'restore', author: 'server', changes: 1, deleted: 0, updates: 1, restoredFrom: patEdits },
    ]);
    expect(steps[0]).toMatchObject({ startedAt: t0, at: t0 + minute + 30_000 });
  });

  it('starts with the oldest version kept when older history was pruned, and counts from its records', async () => {
    const h = new FakeHistory();
    kv(h.doc).set(note('old', '').id, note('old', 'Kept from before'));
    h.checkpoint = { seq: 7, storedAt: 1_600_000_000_000, state: Y.encodeStateAsUpdate(h.doc) };
    const edit = h.write('participant', 1_700_000_000_000, (d) => kv(d).delete(note('old', '').id));
    expect(await readTimeline(h as unknown as HistoryStore, 'board')).toEqual([
      { seq: 7, kind: 'start', startedAt: 1_600_000_000_000, at: 1_600_000_000_000, author: null, changes: 0, deleted: 0, updates: 0, restoredFrom: null },
      { seq: edit, kind: 'edit', startedAt: 1_700_000_000_000, at: 1_700_000_000_000, author: 'participant', changes: 1, deleted: 1, updates: 1, restoredFrom: null },
    ]);
  });

  it('names authors: a person by their name on the board, a role, Accord, or unknown', () => {
    const names = new Map([['p' + 'a'.repeat(21), 'Pat']]);
    expect(versionAuthor('p' + 'a'.repeat(21), names)).toEqual({ kind: 'person', id: 'p' + 'a'.repeat(21), name: 'Pat' });
    expect(versionAuthor('p' + 'b'.repeat(21), names)).toEqual({ kind: 'person', id: 'p' + 'b'.repeat(21), name: 'Someone' });
    expect(versionAuthor('participant', names)).toEqual({ kind: 'role', id: 'participant', name: 'A participant' });
    expect(versionAuthor('server', names)).toEqual({ kind: 'server', id: null, name: 'Accord' });
    expect(versionAuthor(null, names)).toEqual({ kind: 'unknown', id: null, name: 'Unknown' });
  });
});
