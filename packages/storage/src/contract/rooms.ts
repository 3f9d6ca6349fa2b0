import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomStore } from '../roomTypes.ts';
import { appendSeqs, docOf, expectSameState, updatesOf } from './fixtures.ts';
import { roomHeadContract } from './roomHeads.ts';

/**
 * The `RoomStore` contract: the append-only log, loading merged, compaction (what the relay relies
 * on for R1, R2 and R7). `store()` gives the store under test, fresh and empty for each test.
 */
export function roomStoreContract(store: () => RoomStore): void {
  roomHeadContract(store);
  describe('room log', () => {
    let s: RoomStore;
    beforeEach(() => {
      s = store();
    });

    it('loads an unknown room as empty', async () => {
      expect(await s.loadRoom('nobody-here')).toEqual({ update: null, lastSeq: 0, logLength: 0 });
    });

    it('resolves an empty batch with no sequence numbers', async () => {
      expect(await s.appendUpdates([])).toEqual([]);
      expect(await s.loadRoom('x')).toEqual({ update: null, lastSeq: 0, logLength: 0 });
    });

    it('loads appended updates merged into the state the updates give when applied directly', async () => {
      const { updates } = updatesOf((d) => {
        d.getText('t').insert(0, 'hello world');
        d.getText('t').delete(0, 6);
        d.getText('t').insert(5, '!');
        d.getMap('m').set('a', 1);
        d.getMap('m').set('b', { nested: [1, 'two'] });
        d.getMap('m').set('a', 2);
        d.getMap('m').delete('b');
        d.getArray('x').push([1, 2, 3]);
        d.getArray('x').delete(1, 1);
      });
      // A second client editing the same room, so the merge spans several client ids.
      const other = updatesOf((d) => d.getMap('m').set('c', 'other'));
      const all = [...updates, ...other.updates];
      const direct = new Y.Doc();
      for (const u of all) Y.applyUpdate(direct, u);

      const seqs = await appendSeqs(s, all.map((update) => ({ room: 'room-a', update })));
      expect(seqs).toHaveLength(all.length);
      const loaded = await s.loadRoom('room-a');
      expect(loaded.logLength).toBe(all.length);
      expect(loaded.lastSeq).toBe(seqs.at(-1));
      const back = docOf(loaded.update);
      expectSameState(back, direct);
      expect(back.getText('t').toString()).toBe('world!');
      expect(back.getMap('m').toJSON()).toEqual({ a: 2, c: 'other' });
      expect(back.getArray('x').toJSON()).toEqual([1, 3]);
    });

    it('gives increasing sequence numbers, within a batch and across batches', async () => {
      const { updates } = updatesOf((d) => {
        for (let i = 0; i < 6; i++) d.getArray('n').push([i]);
      });
      const first = await appendSeqs(s, updates.slice(0, 3).map((update) => ({ room: 'r', update })));
      const second = await appendSeqs(s, updates.slice(3).map((update) => ({ room: 'other', update })));
      const seqs = [...first, ...second];
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      expect(seqs.every((n) => Number.isSafeInteger(n) && n > 0)).toBe(true);
    });

    it('keeps rooms apart within one batch', async () => {
      const a = updatesOf((d) => d.getText('t').insert(0, 'A'));
      const b = updatesOf((d) => d.getText('t').insert(0, 'B'));
      const seqs = await appendSeqs(s, [
        { room: 'r1', update: a.updates[0]! },
        { room: 'r1/facilitation', update: b.updates[0]! },
      ]);
      const r1 = await s.loadRoom('r1');
      const r1f = await s.loadRoom('r1/facilitation');
      expect(docOf(r1.update).getText('t').toString()).toBe('A');
      expect(docOf(r1f.update).getText('t').toString()).toBe('B');
      expect([r1.lastSeq, r1f.lastSeq]).toEqual(seqs);
      expect([r1.logLength, r1f.logLength]).toEqual([1, 1]);
      expect((await s.loadRoom('r')).update).toBeNull();
    });

    it('appends a batch of 5 000 updates in one call', async () => {
      const { updates, doc } = updatesOf((d) => {
        for (let i = 0; i < 5000; i++) d.getArray('big').push([i]);
      });
      const seqs = await appendSeqs(s, updates.map((update, i) => ({ room: i % 2 ? 'big' : 'big/facilitation', update })));
      expect(new Set(seqs).size).toBe(5000);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      // Each room holds every other update; together they rebuild the document.
      const both = docOf((await s.loadRoom('big')).update);
      Y.applyUpdate(both, (await s.loadRoom('big/facilitation')).update!);
      expect((await s.loadRoom('big')).logLength).toBe(2500);
      expectSameState(both, doc);
    });

    it('gives unique, per-batch ordered sequence numbers to concurrent appends', async () => {
      const { updates } = updatesOf((d) => {
        for (let i = 0; i < 60; i++) d.getArray('c').push([i]);
      });
      const batches = Array.from({ length: 20 }, (_, b) => updates.slice(b * 3, b * 3 + 3).map((update, i) => ({ room: `cc${(b + i) % 3}`, update })));
      const results = await Promise.all(batches.map((batch) => appendSeqs(s, batch)));
      for (const seqs of results) {
        expect(seqs).toHaveLength(3);
        expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      }
      expect(new Set(results.flat()).size).toBe(60);
      const loaded = await Promise.all(['cc0', 'cc1', 'cc2'].map((room) => s.loadRoom(room)));
      expect(loaded.reduce((n, l) => n + l.logLength, 0)).toBe(60);
    });
  });

  describe('compaction', () => {
    let s: RoomStore;
    beforeEach(() => {
      s = store();
    });

    it('folds the log into the snapshot and keeps entries appended after throughSeq', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 10; i++) doc.getArray('n').push([i]);
      const seqs = await appendSeqs(s, updates.map((update) => ({ room: 'c', update })));
      const stateAt10 = Y.encodeStateAsUpdate(doc);
      updates.length = 0;
      doc.getArray('n').push([10]);
      const [late] = await appendSeqs(s, [{ room: 'c', update: updates[0]! }]);

      await s.compactRoom('c', stateAt10, seqs.at(-1)!);
      const loaded = await s.loadRoom('c');
      expect(loaded).toMatchObject({ logLength: 1, lastSeq: late });
      expectSameState(docOf(loaded.update), doc);

      await s.compactRoom('c', Y.encodeStateAsUpdate(doc), loaded.lastSeq);
      const again = await s.loadRoom('c');
      expect(again.logLength).toBe(0);
      expect(again.lastSeq).toBe(0);
      expectSameState(docOf(again.update), doc);
    });

    it('a compaction with nothing stored after it keeps the state it was given, without the content deleted since', async () => {
      // A garbage-collected doc forgets deleted content; the snapshot need not remember it either.
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('t').insert(0, 'x'.repeat(100_000));
      const [first] = await appendSeqs(s, [{ room: 'shrinks', update: updates[0]! }]);
      await s.compactRoom('shrinks', Y.encodeStateAsUpdate(doc), first!);
      doc.getText('t').delete(0, 100_000);
      doc.getText('t').insert(0, 'kept');
      const seqs = await appendSeqs(s, updates.slice(1).map((update) => ({ room: 'shrinks', update })));
      await s.compactRoom('shrinks', Y.encodeStateAsUpdate(doc), seqs.at(-1)!);
      const loaded = await s.loadRoom('shrinks');
      expect(docOf(loaded.update).getText('t').toString()).toBe('kept');
      expect(loaded.update!.length).toBeLessThan(1000);
    });

    it('leaves other rooms alone', async () => {
      const a = updatesOf((d) => d.getText('t').insert(0, 'A'));
      const b = updatesOf((d) => d.getText('t').insert(0, 'B'));
      const seqs = await appendSeqs(s, [
        { room: 'one', update: a.updates[0]! },
        { room: 'two', update: b.updates[0]! },
      ]);
      await s.compactRoom('one', Y.encodeStateAsUpdate(a.doc), seqs.at(-1)!);
      expect((await s.loadRoom('two')).logLength).toBe(1);
      expect(docOf((await s.loadRoom('two')).update).getText('t').toString()).toBe('B');
    });

    it('a compaction from an older view keeps what a newer one already folded in', async () => {
      // Two server instances compact the same room: B (which saw u1 and u2) first, then A, which
      // loaded before u2 arrived. B deleted u2 from the log, so A must not overwrite B's snapshot.
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getMap('m').set('u1', 1);
      const [seq1] = await appendSeqs(s, [{ room: 'views', update: updates[0]! }]);
      const viewA = Y.encodeStateAsUpdate(doc);
      doc.getMap('m').set('u2', 2);
      const [seq2] = await appendSeqs(s, [{ room: 'views', update: updates[1]! }]);
      await s.compactRoom('views', Y.encodeStateAsUpdate(doc), seq2!);
      await s.compactRoom('views', viewA, seq1!);
      const loaded = await s.loadRoom('views');
      expect(loaded.logLength).toBe(0);
      expect(docOf(loaded.update).getMap('m').toJSON()).toEqual({ u1: 1, u2: 2 });
    });

    it('loses nothing when compactions race concurrent appends', async () => {
      // The relay compacts through the lastSeq it loaded; that is only safe if every entry of the
      // room numbered below lastSeq was visible to the load.
      const total = 240;
      const updates = Array.from({ length: total }, (_, i) => updatesOf((d) => d.getMap('m').set(`k${i}`, i)).updates[0]!);
      let appending = true;
      let compactions = 0;
      const compactor = (async () => {
        while (appending) {
          const loaded = await s.loadRoom('race');
          if (loaded.update && loaded.logLength > 0) {
            await s.compactRoom('race', loaded.update, loaded.lastSeq);
            compactions++;
          }
        }
      })();
      const writers = 12;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = w; i < total; i += writers) await appendSeqs(s, [{ room: 'race', update: updates[i]! }]);
        }),
      );
      appending = false;
      await compactor;
      expect(compactions).toBeGreaterThan(1);
      expect(docOf((await s.loadRoom('race')).update).getMap('m').size).toBe(total);
    });
  });
}
