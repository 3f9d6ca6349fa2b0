import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CHECKPOINT_INTERVAL } from '../history.ts';
import type { HistoryStore, RoomStore } from '../roomTypes.ts';
import { appendSeqs, docOf, expectSameState, updatesOf } from './fixtures.ts';

/** A store with rooms and their history. */
export type HistoryRooms = RoomStore & HistoryStore;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `count` updates of one client to map `m`: setting key `k<i>`, or now and then deleting an earlier one. */
function mapUpdates(count: number, from = 0): Uint8Array[] {
  return updatesOf((d) => {
    const m = d.getMap<number>('m');
    for (let i = from; i < from + count; i++) {
      if (i % 7 === 6 && i - 3 >= from) m.delete(`k${i - 3}`);
      else m.set(`k${i}`, i);
    }
  }).updates;
}

/** What a room was at each seq, from the updates appended and the seqs they were given. */
class Timeline {
  private readonly steps: Array<{ seq: number; update: Uint8Array }> = [];
  add(seqs: readonly number[], updates: readonly Uint8Array[]): void {
    for (const [i, seq] of seqs.entries()) this.steps.push({ seq, update: updates[i]! });
    this.steps.sort((a, b) => a.seq - b.seq);
  }
  docAt(seq: number): Y.Doc {
    const doc = new Y.Doc();
    doc.getMap('m');
    for (const s of this.steps) if (s.seq <= seq) Y.applyUpdate(doc, s.update);
    return doc;
  }
  get seqs(): number[] {
    return this.steps.map((s) => s.seq);
  }
}

/**
 * The `HistoryStore` contract, with the `RoomStore` it keeps history of: compaction keeps the log,
 * every version can be rebuilt, retention prunes only what is older than its cutoff. `store()` is
 * fresh and empty for each test; `twin()` opens a second store over the same data (another server
 * instance), when the store can.
 */
export function historyStoreContract(store: () => HistoryRooms, twin?: () => Promise<HistoryRooms | null>): void {
  describe('history', () => {
    let s: HistoryRooms;
    beforeEach(() => {
      s = store();
    });

    it('keeps every entry, when it was stored and who wrote it, across compaction', async () => {
      const updates = mapUpdates(5);
      const before = Date.now();
      const authors = ['pAlice', null, 'participant', 'server', undefined];
      const seqs = await appendSeqs(s, updates.map((update, i) => ({ room: 'kept', update, author: authors[i] })));
      const after = Date.now();
      const loaded = await s.loadRoom('kept');
      await s.compactRoom('kept', loaded.update!, loaded.lastSeq);

      const reloaded = await s.loadRoom('kept');
      expect(reloaded).toMatchObject({ logLength: 0, lastSeq: 0 });
      expectSameState(docOf(reloaded.update), docOf(Y.mergeUpdates(updates)));
      const entries = await s.historyEntries('kept', 0);
      expect(entries.map((e) => [e.seq, e.author, e.restoredFrom])).toEqual(seqs.map((seq, i) => [seq, authors[i] ?? null, null]));
      expect(entries.map((e) => e.update)).toEqual(updates);
      for (const e of entries) {
        expect(e.storedAt).toBeGreaterThanOrEqual(before);
        expect(e.storedAt).toBeLessThanOrEqual(after);
      }
      // Pages: after a seq, through a seq, at most a count.
      expect((await s.historyEntries('kept', seqs[1]!, { limit: 2 })).map((e) => e.seq)).toEqual(seqs.slice(2, 4));
      expect((await s.historyEntries('kept', 0, { throughSeq: seqs[2]! })).map((e) => e.seq)).toEqual(seqs.slice(0, 3));
      expect(await s.historyEntries('nobody', 0)).toEqual([]);
    });

    it('rebuilds the room as it was at every version, through compactions and checkpoints', async () => {
      const timeline = new Timeline();
      const updates = mapUpdates(CHECKPOINT_INTERVAL + 300);
      // Another room's entries in between, so a room's seqs are not contiguous.
      const other = mapUpdates(50, 10_000);
      let done = 0;
      for (const size of [40, 700, CHECKPOINT_INTERVAL - 740, 300]) {
        const part = updates.slice(done, done + size);
        const seqs = await appendSeqs(s, [...part.map((update) => ({ room: 'versions', update })), ...other.slice(0, 10).map((update) => ({ room: 'elsewhere', update }))]);
        timeline.add(seqs.slice(0, part.length), part);
        done += size;
        const loaded = await s.loadRoom('versions');
        if (loaded.update) await s.compactRoom('versions', loaded.update, loaded.lastSeq);
      }
      expect(done).toBe(updates.length);
      // More than CHECKPOINT_INTERVAL entries were compacted: a checkpoint was kept after the first entry.
      const seqs = timeline.seqs;
      const checkpoint = await s.historyCheckpoint('versions', seqs.at(-1)!);
      expect(checkpoint).not.toBeNull();
      expect(checkpoint!.seq).toBeGreaterThan(seqs[0]!);
      expectSameState(docOf(checkpoint!.state), timeline.docAt(checkpoint!.seq));
      // Nothing was pruned, so the history still starts at the room's first entry, rebuilt from nothing.
      expect(await s.historyCheckpoint('versions', seqs[0]!)).toBeNull();

      const sample = [seqs[0]!, seqs[1]!, seqs[39]!, seqs[40]!, checkpoint!.seq - 1, checkpoint!.seq, checkpoint!.seq + 1, seqs[CHECKPOINT_INTERVAL + 100]!, seqs.at(-1)!];
      for (const seq of sample) expectSameState(docOf(await s.roomStateAt('versions', seq)), timeline.docAt(seq));
      expect(await s.roomStateAt('versions', seqs[0]! - 1)).toBeNull();
      expect(await s.roomStateAt('versions', seqs.at(-1)! + 1)).toBeNull();
      expect(await s.roomStateAt('nobody', 1)).toBeNull();
      expectSameState(docOf((await s.loadRoom('versions')).update), timeline.docAt(seqs.at(-1)!));
    });

    it('keeps a checkpoint at exactly its version when the state compacted holds later entries (another instance appended meanwhile)', async () => {
      const timeline = new Timeline();
      const updates = mapUpdates(CHECKPOINT_INTERVAL + 20);
      const first = updates.slice(0, CHECKPOINT_INTERVAL + 10);
      timeline.add(await appendSeqs(s, first.map((update) => ({ room: 'views', update }))), first);
      const through = (await s.loadRoom('views')).lastSeq;
      const later = updates.slice(CHECKPOINT_INTERVAL + 10);
      timeline.add(await appendSeqs(s, later.map((update) => ({ room: 'views', update }))), later);
      // A view that already has the later entries, compacted only through the first ones.
      await s.compactRoom('views', (await s.loadRoom('views')).update!, through);
      const checkpoint = await s.historyCheckpoint('views', Number.MAX_SAFE_INTEGER);
      expect(checkpoint?.seq).toBe(through);
      expectSameState(docOf(checkpoint!.state), timeline.docAt(through));
      expect(docOf(checkpoint!.state).getMap('m').has(`k${CHECKPOINT_INTERVAL + 15}`)).toBe(false);
    });

    it('prunes only what retention says is older, keeping the state at the cutoff as the oldest version', async () => {
      const timeline = new Timeline();
      const updates = mapUpdates(30);
      const old = updates.slice(0, 20);
      const oldSeqs = await appendSeqs(s, old.map((update) => ({ room: 'aging', update, author: 'pOld' })));
      timeline.add(oldSeqs, old);
      // A room nobody compacted: its log is all it has, so retention may not touch it.
      await appendSeqs(s, [{ room: 'never-compacted', update: updates[0]! }]);
      await sleep(20);
      const cutoff = Date.now();
      await sleep(20);
      const recent = updates.slice(20);
      const recentSeqs = await appendSeqs(s, recent.map((update) => ({ room: 'aging', update, author: 'pNew' })));
      timeline.add(recentSeqs, recent);
      const loaded = await s.loadRoom('aging');
      await s.compactRoom('aging', loaded.update!, loaded.lastSeq);

      const pruned = await s.pruneHistory(cutoff);
      expect(pruned).toEqual({ rooms: 1, entries: old.length, checkpoints: 0 });
      const entries = await s.historyEntries('aging', 0);
      expect(entries.map((e) => e.seq)).toEqual(recentSeqs);
      expect(entries.every((e) => e.author === 'pNew')).toBe(true);
      const oldest = await s.historyCheckpoint('aging');
      expect(oldest?.seq).toBe(oldSeqs.at(-1));
      expect(oldest!.storedAt).toBeLessThan(cutoff);
      expectSameState(docOf(oldest!.state), timeline.docAt(oldSeqs.at(-1)!));
      expect(await s.roomStateAt('aging', oldSeqs.at(-2)!)).toBeNull();
      // A reader that held an entry retention deleted is told to load the room; past it, the rest.
      expect(await s.readRoomSince('aging', oldSeqs[0]!)).toBeNull();
      expect((await s.readRoomSince('aging', recentSeqs[0]!))?.updates).toHaveLength(recentSeqs.length - 1);
      for (const seq of [oldSeqs.at(-1)!, ...recentSeqs]) expectSameState(docOf(await s.roomStateAt('aging', seq)), timeline.docAt(seq));
      expectSameState(docOf((await s.loadRoom('aging')).update), timeline.docAt(recentSeqs.at(-1)!));
      expect((await s.loadRoom('never-compacted')).logLength).toBe(1);

      // Again, and later: only the checkpoints the new oldest version made unnecessary go.
      expect(await s.pruneHistory(cutoff)).toEqual({ rooms: 0, entries: 0, checkpoints: 0 });
      await sleep(5);
      expect(await s.pruneHistory(Date.now() + 1)).toEqual({ rooms: 1, entries: recent.length, checkpoints: 1 });
      expect(await s.historyEntries('aging', 0)).toEqual([]);
      expect((await s.historyCheckpoint('aging'))?.seq).toBe(recentSeqs.at(-1));
      expectSameState(docOf(await s.roomStateAt('aging', recentSeqs.at(-1)!)), timeline.docAt(recentSeqs.at(-1)!));
      expectSameState(docOf((await s.loadRoom('aging')).update), timeline.docAt(recentSeqs.at(-1)!));
      expect((await s.loadRoom('never-compacted')).logLength).toBe(1);
    });

    it('marks an entry as the restore of an earlier version, by whom', async () => {
      const seqs = await appendSeqs(s, mapUpdates(3).map((update) => ({ room: 'restored', update, author: 'server' })));
      expect(await s.markRestore('restored', seqs[2]!, { author: 'pFay', restoredFrom: seqs[0]! })).toBe(true);
      expect(await s.markRestore('elsewhere', seqs[1]!, { author: 'pFay', restoredFrom: seqs[0]! })).toBe(false);
      const entries = await s.historyEntries('restored', 0);
      expect(entries.map((e) => [e.author, e.restoredFrom])).toEqual([
        ['server', null],
        ['server', null],
        ['pFay', seqs[0]],
      ]);
    });

    it('loses nothing when two instances compact and prune while writers append', async () => {
      const other = (await twin?.()) ?? s;
      const writers = 8;
      const chunk = 25;
      const perWriter = Math.ceil((CHECKPOINT_INTERVAL + 200) / writers);
      // Each writer its own client, so every version is a state some client could have seen.
      const updates = Array.from({ length: writers }, (_, w) => mapUpdates(perWriter, w * 100_000));
      const total = writers * perWriter;
      const timeline = new Timeline();
      let appending = true;
      const compactor = async (store: HistoryRooms) => {
        let n = 0;
        while (appending) {
          const loaded = await store.loadRoom('race');
          if (loaded.update && loaded.logLength > 0) {
            await store.compactRoom('race', loaded.update, loaded.lastSeq);
            n++;
          }
          // Retention with a cutoff in the past prunes nothing a version after it needs.
          await store.pruneHistory(0);
          await sleep(1);
        }
        return n;
      };
      const compactions = Promise.all([compactor(s), compactor(other)]);
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i += chunk) {
            const part = updates[w]!.slice(i, i + chunk);
            timeline.add(await appendSeqs((w % 2 ? other : s), part.map((update) => ({ room: 'race', update, author: `w${w}` }))), part);
            // A synchronous store resolves at once: let the compactors in between chunks.
            await sleep(1);
          }
        }),
      );
      appending = false;
      const counts = await compactions;
      expect(counts[0]! + counts[1]!).toBeGreaterThan(1);
      const loaded = await s.loadRoom('race');
      await other.compactRoom('race', loaded.update!, loaded.lastSeq);

      const seqs = timeline.seqs;
      expect((await s.historyEntries('race', 0)).map((e) => e.seq)).toEqual(seqs);
      expect(seqs).toHaveLength(total);
      for (const seq of [seqs[0]!, seqs[137]!, seqs[total - 201]!, seqs[total - 1]!]) {
        expectSameState(docOf(await other.roomStateAt('race', seq)), timeline.docAt(seq));
      }
      expectSameState(docOf((await s.loadRoom('race')).update), timeline.docAt(seqs.at(-1)!));
    });
  });
}
