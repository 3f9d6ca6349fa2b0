import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomStore } from '../roomTypes.ts';
import { docOf, updatesOf } from './fixtures.ts';

/**
 * The part of the `RoomStore` contract scaled-out relays rely on to notice what they missed: each
 * entry names its room's previous one, each room has a head that compaction leaves alone, and the
 * entries after a seq can be read back — or the store says they cannot.
 */
export function roomHeadContract(store: () => RoomStore): void {
  describe('room heads and chains', () => {
    let s: RoomStore;
    beforeEach(() => {
      s = store();
    });
    const updates = (n: number) => updatesOf((d) => {
      for (let i = 0; i < n; i++) d.getMap('m').set(`k${i}`, i);
    }).updates;

    it('chains each entry to its room’s previous entry, within a batch and across batches and rooms', async () => {
      const u = updates(5);
      const first = await s.appendUpdates([
        { room: 'a', update: u[0]! },
        { room: 'b', update: u[1]! },
        { room: 'a', update: u[2]! },
      ]);
      expect(first.map((e) => e.prevSeq)).toEqual([0, 0, first[0]!.seq]);
      const second = await s.appendUpdates([
        { room: 'b', update: u[3]! },
        { room: 'a', update: u[4]! },
      ]);
      expect(second.map((e) => e.prevSeq)).toEqual([first[1]!.seq, first[2]!.seq]);
    });

    it('keeps heads across compaction and reports 0 for unknown rooms', async () => {
      const u = updates(3);
      const appended = await s.appendUpdates(u.map((update) => ({ room: 'h', update })));
      const loaded = await s.loadRoom('h');
      await s.compactRoom('h', loaded.update!, loaded.lastSeq);
      expect((await s.loadRoom('h')).lastSeq).toBe(0);
      const heads = await s.roomHeads(['h', 'nobody']);
      expect(heads.get('h')).toBe(appended.at(-1)!.seq);
      expect(heads.get('nobody') ?? 0).toBe(0);
      expect(await s.roomHeads([])).toEqual(new Map());
      // The next entry still chains to the compacted one.
      const [next] = await s.appendUpdates([{ room: 'h', update: updates(4)[3]! }]);
      expect(next!.prevSeq).toBe(appended.at(-1)!.seq);
    });

    it('reads the entries after a seq, compacted or not', async () => {
      const u = updates(4);
      const appended = await s.appendUpdates(u.map((update) => ({ room: 'd', update })));
      const seqs = appended.map((e) => e.seq);
      const delta = await s.readRoomSince('d', seqs[1]!);
      expect(delta?.head).toBe(seqs[3]);
      // One client's updates chain by clock: the delta completes what was held through seqs[1].
      const doc = docOf(Y.mergeUpdates(u.slice(0, 2)));
      for (const update of delta!.updates) Y.applyUpdate(doc, update);
      expect(doc.getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3 });
      expect(delta!.updates).toHaveLength(2);
      expect(await s.readRoomSince('d', seqs[3]!)).toEqual({ head: seqs[3], updates: [] });
      // Compaction folds the log into the snapshot but keeps it (history): the delta is unchanged.
      // Only retention deletes a prefix (the history contract checks the delta then says null).
      await s.compactRoom('d', Y.mergeUpdates(u.slice(0, 3)), seqs[2]!);
      expect(await s.readRoomSince('d', seqs[1]!)).toEqual(delta);
      expect((await s.readRoomSince('d', seqs[2]!))?.updates).toHaveLength(1);
      expect((await s.readRoomSince('d', seqs[3]!))?.updates).toEqual([]);
      const [late] = await s.appendUpdates([{ room: 'd', update: updates(5)[4]! }]);
      expect(await s.readRoomSince('d', seqs[3]!)).toEqual({ head: late!.seq, updates: [expect.any(Uint8Array)] });
      expect(await s.readRoomSince('d', 0)).toBeNull();
      expect(await s.readRoomSince('never-written', 0)).toEqual({ head: 0, updates: [] });
    });

    it('chains concurrent appends to one room without a fork', async () => {
      const u = updates(40);
      const results = await Promise.all(u.map((update) => s.appendUpdates([{ room: 'fork', update }])));
      const byPrev = new Map(results.flat().map((e) => [e.prevSeq, e.seq]));
      expect(byPrev.size).toBe(40);
      let at = 0;
      for (let i = 0; i < 40; i++) at = byPrev.get(at)!;
      expect(at).toBe((await s.roomHeads(['fork'])).get('fork'));
    });
  });
}
