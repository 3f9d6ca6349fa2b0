import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import * as Y from 'yjs';
import type { Storage, StoredRecord } from './types.ts';

/** What a store under test provides: the store, a cleanup, and (for persistent stores) a reopen. */
export interface ContractHarness {
  storage: Storage;
  cleanup(): Promise<void>;
  /** Closes and reopens the same data; absent for in-memory stores. */
  reopen?(): Promise<Storage>;
}

function updatesOf(build: (doc: Y.Doc) => void): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  build(doc);
  return { updates, doc };
}

function docOf(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

const record = (boardId: string, seq: number, over: Partial<StoredRecord> = {}): StoredRecord => ({
  id: `rec-${seq}`,
  boardId,
  seq,
  createdAt: 1_700_000_000_000 + seq,
  body: JSON.stringify({ title: `Decision ${seq}`, text: 'ünïcode ✓' }),
  snapshot: new Uint8Array([1, 2, 3, seq]),
  bodyHash: 'a'.repeat(64),
  snapshotHash: 'b'.repeat(64),
  prevHash: seq === 1 ? null : 'c'.repeat(64),
  hash: 'd'.repeat(64),
  ...over,
});

/**
 * The storage contract, written once and run against every implementation (SQLite, Postgres),
 * in the manner of tldraw's storageContractSuite.
 */
export function storageContractSuite(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`storage contract: ${name}`, () => {
    let h: ContractHarness;
    let s: Storage;
    beforeEach(async () => {
      h = await makeHarness();
      s = h.storage;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('loads an unknown room as empty', async () => {
      expect(await s.loadRoom('nobody-here')).toEqual({ update: null, lastSeq: 0, logLength: 0 });
    });

    it('appends updates and loads them merged into the same document state', async () => {
      const { updates, doc } = updatesOf((d) => {
        d.getText('t').insert(0, 'hello world');
        d.getText('t').delete(0, 6);
        d.getMap('m').set('a', 1);
        d.getMap('m').set('a', 2);
        d.getArray('x').push([1, 2, 3]);
      });
      const seqs = await s.appendUpdates(updates.map((update) => ({ room: 'room-a', update })));
      expect(seqs).toHaveLength(updates.length);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      const loaded = await s.loadRoom('room-a');
      expect(loaded.logLength).toBe(updates.length);
      expect(loaded.lastSeq).toBe(seqs[seqs.length - 1]);
      const back = docOf(loaded.update);
      expect(back.getText('t').toString()).toBe('world');
      expect(back.getMap('m').toJSON()).toEqual({ a: 2 });
      expect(back.getArray('x').toJSON()).toEqual(doc.getArray('x').toJSON());
    });

    it('keeps rooms apart within one batch', async () => {
      const a = updatesOf((d) => d.getText('t').insert(0, 'A'));
      const b = updatesOf((d) => d.getText('t').insert(0, 'B'));
      await s.appendUpdates([{ room: 'r1', update: a.updates[0]! }, { room: 'r2', update: b.updates[0]! }]);
      expect(docOf((await s.loadRoom('r1')).update).getText('t').toString()).toBe('A');
      expect(docOf((await s.loadRoom('r2')).update).getText('t').toString()).toBe('B');
      expect(docOf((await s.loadRoom('r1/facilitation')).update).getText('t').toString()).toBe('');
    });

    it('resolves an empty batch with no sequence numbers', async () => {
      expect(await s.appendUpdates([])).toEqual([]);
    });

    it('compacts the log into the snapshot and keeps entries appended after throughSeq', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 10; i++) doc.getArray('n').push([i]);
      const seqs = await s.appendUpdates(updates.map((update) => ({ room: 'c', update })));
      const stateAt10 = Y.encodeStateAsUpdate(doc);
      updates.length = 0;
      doc.getArray('n').push([10]);
      await s.appendUpdates([{ room: 'c', update: updates[0]! }]);
      await s.compactRoom('c', stateAt10, seqs[seqs.length - 1]!);
      const loaded = await s.loadRoom('c');
      expect(loaded.logLength).toBe(1);
      expect(docOf(loaded.update).getArray('n').toJSON()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await s.compactRoom('c', Y.encodeStateAsUpdate(doc), loaded.lastSeq);
      const again = await s.loadRoom('c');
      expect(again.logLength).toBe(0);
      expect(docOf(again.update).getArray('n').length).toBe(11);
    });

    it('appends a batch of 5 000 updates in one call', async () => {
      const { updates } = updatesOf((d) => {
        for (let i = 0; i < 5000; i++) d.getArray('big').push([i]);
      });
      const seqs = await s.appendUpdates(updates.map((update) => ({ room: 'big', update })));
      expect(new Set(seqs).size).toBe(5000);
      expect(docOf((await s.loadRoom('big')).update).getArray('big').length).toBe(5000);
    });

    it('gives unique sequence numbers to concurrent appends', async () => {
      const { updates } = updatesOf((d) => {
        for (let i = 0; i < 40; i++) d.getArray('c').push([i]);
      });
      const results = await Promise.all(updates.map((update, i) => s.appendUpdates([{ room: `cc${i % 3}`, update }])));
      const all = results.flat();
      expect(new Set(all).size).toBe(40);
    });

    it('creates, reads and renames boards', async () => {
      const board = { id: 'board-0000001', title: 'Retro', createdAt: 1000, updatedAt: 1000, tokenSalt: 'salt', template: 'four-ls' };
      await s.createBoard(board);
      expect(await s.getBoard(board.id)).toEqual(board);
      expect(await s.getBoard('board-missing')).toBeNull();
      expect(await s.updateBoardTitle(board.id, 'Renamed', 2000)).toEqual({ ...board, title: 'Renamed', updatedAt: 2000 });
      expect(await s.updateBoardTitle('board-missing', 'x', 1)).toBeNull();
      await expect(s.createBoard(board)).rejects.toThrow();
    });

    it('stores decision records immutably in chain order and rejects a duplicate position', async () => {
      await s.insertRecord(record('b1', 1));
      await s.insertRecord(record('b1', 2));
      await s.insertRecord(record('b2', 1));
      const list = await s.listRecords('b1');
      expect(list.map((r) => r.seq)).toEqual([1, 2]);
      expect(list[0]).toEqual(record('b1', 1));
      expect(await s.getRecord('b1', 'rec-2')).toEqual(record('b1', 2));
      expect(await s.getRecord('b1', 'nope')).toBeNull();
      await expect(s.insertRecord(record('b1', 2, { id: 'other' }))).rejects.toThrow();
    });

    it('keeps asset bytes exactly', async () => {
      const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
      await s.putAsset({ id: 'img1', boardId: 'b1', contentType: 'image/png', bytes, createdAt: 5 });
      const got = await s.getAsset('b1', 'img1');
      expect(got?.contentType).toBe('image/png');
      expect(Buffer.from(got!.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(await s.getAsset('b2', 'img1')).toBeNull();
    });

    it('keeps everything across close and reopen', async () => {
      if (!h.reopen) return;
      const { updates } = updatesOf((d) => d.getText('t').insert(0, 'durable'));
      await s.appendUpdates([{ room: 'p', update: updates[0]! }]);
      await s.createBoard({ id: 'board-persist', title: 'P', createdAt: 1, updatedAt: 1, tokenSalt: 's', template: null });
      s = await h.reopen();
      expect(docOf((await s.loadRoom('p')).update).getText('t').toString()).toBe('durable');
      expect((await s.getBoard('board-persist'))?.title).toBe('P');
    });
  });
}
