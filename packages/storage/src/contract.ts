import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from './types.ts';
import { appendSeqs, docOf, expectSameState, record, updatesOf } from './contract/fixtures.ts';
import { assetStoreContract, boardStoreContract, recordStoreContract } from './contract/metadata.ts';
import { roomStoreContract } from './contract/rooms.ts';
import { ballotStoreContract } from './contract/ballots.ts';
import { boardDeletionContract } from './contract/deletion.ts';
import { historyStoreContract } from './contract/history.ts';

// The contract suite entry (`@accord/storage/contract`): one suite per concern in ./contract/,
// run together against a whole `Storage` here.

/** What a store under test provides to {@link storageContractSuite}. */
export interface ContractHarness {
  /** A fresh, empty store. */
  storage: Storage;
  /** Closes the store and removes whatever it created (files, schemas). */
  cleanup(): Promise<void>;
  /** Closes the store and opens the same data again; absent for stores that cannot (`:memory:`). */
  reopen?(): Promise<Storage>;
  /** A second store over the same data, as another server instance has (closed by `cleanup`); absent for stores that cannot. */
  twin?(): Promise<Storage>;
}

/**
 * The storage contract, written once and run against every implementation (SQLite, Postgres),
 * as tldraw does with its storageContractSuite. `makeHarness` is called before every test and must
 * return an empty store.
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

    const store = () => s;
    roomStoreContract(store);
    historyStoreContract(store, async () => (h.twin ? h.twin() : null));
    boardStoreContract(store);
    recordStoreContract(store);
    assetStoreContract(store);
    ballotStoreContract(store);
    boardDeletionContract(store);

    it('keeps everything across close and reopen', async (ctx) => {
      if (!h.reopen) return ctx.skip('this store cannot be reopened');
      const { updates, doc } = updatesOf((d) => {
        d.getText('t').insert(0, 'durable');
        d.getText('t').insert(7, '!');
      });
      const [first] = await appendSeqs(s, [{ room: 'p', update: updates[0]! }]);
      await s.compactRoom('p', updates[0]!, first!);
      const [second] = await appendSeqs(s, [{ room: 'p', update: updates[1]! }]);
      await s.createBoard({ id: 'board-persist', title: 'P', createdAt: 1, updatedAt: 1, tokenSalt: 's', template: null });
      await s.insertRecord(record('board-persist', 1));
      await s.putAsset({ id: 'a', boardId: 'board-persist', contentType: 'image/webp', bytes: new Uint8Array([0, 1, 2]), createdAt: 1 });
      const ballot = { boardId: 'board-persist', round: 'r1', personId: 'pat' };
      await s.changeBallot(ballot, () => ({ side: 'pm', dots: { 'shape:a': 2 } }), 1);

      s = await h.reopen();
      const loaded = await s.loadRoom('p');
      expect(loaded).toMatchObject({ lastSeq: second, logLength: 1 });
      expectSameState(docOf(loaded.update), doc);
      expect((await s.getBoard('board-persist'))?.title).toBe('P');
      expect(await s.listRecords('board-persist')).toEqual([record('board-persist', 1)]);
      expect((await s.getAsset('board-persist', 'a'))?.bytes).toEqual(new Uint8Array([0, 1, 2]));
      expect(await s.getBallot(ballot)).toEqual({ ...ballot, side: 'pm', dots: { 'shape:a': 2 }, updatedAt: 1 });
      // Numbering continues after a restart instead of reusing seqs that may still be in a snapshot.
      const [third] = await appendSeqs(s, [{ room: 'p', update: updates[1]! }]);
      expect(third!).toBeGreaterThan(second!);
    });
  });
}
