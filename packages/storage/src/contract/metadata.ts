import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetStore, BoardStore, RecordStore } from '../types.ts';
import { record } from './fixtures.ts';

/** The `BoardStore` contract. `store()` gives the store under test, fresh and empty for each test. */
export function boardStoreContract(store: () => BoardStore): void {
  describe('boards', () => {
    let s: BoardStore;
    beforeEach(() => {
      s = store();
    });

    const created = { id: 'board-0000001', title: 'Retro', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, tokenSalt: 'c2FsdA', template: 'four-ls' };
    // As read back: links at generation 0, opened when created.
    const board = { ...created, linkGenerations: { facilitator: 0, participant: 0, viewer: 0 }, openedAt: created.createdAt };

    it('creates, reads and renames boards', async () => {
      await s.createBoard(created);
      await s.createBoard({ ...created, id: 'board-0000002', template: null });
      expect(await s.getBoard(board.id)).toEqual(board);
      expect((await s.getBoard('board-0000002'))?.template).toBeNull();
      expect(await s.updateBoardTitle(board.id, 'Renamed', board.updatedAt + 1)).toEqual({ ...board, title: 'Renamed', updatedAt: board.updatedAt + 1 });
      expect(await s.getBoard(board.id)).toEqual({ ...board, title: 'Renamed', updatedAt: board.updatedAt + 1 });
      expect((await s.getBoard('board-0000002'))?.title).toBe('Retro');
    });

    it('answers null for an unknown board and rejects a duplicate id', async () => {
      expect(await s.getBoard('board-missing')).toBeNull();
      expect(await s.updateBoardTitle('board-missing', 'x', 1)).toBeNull();
      expect(await s.resetBoardLink('board-missing', 'viewer', 1)).toBeNull();
      await s.createBoard(created);
      await expect(s.createBoard({ ...created, title: 'Again' })).rejects.toThrow();
      expect((await s.getBoard(board.id))?.title).toBe('Retro');
    });

    it('resets one role\'s link at a time, each reset a new generation', async () => {
      await s.createBoard(created);
      await s.createBoard({ ...created, id: 'board-0000002' });
      expect((await s.resetBoardLink(board.id, 'participant', board.updatedAt + 5))?.linkGenerations).toEqual({ facilitator: 0, participant: 1, viewer: 0 });
      const twice = await s.resetBoardLink(board.id, 'participant', board.updatedAt + 6);
      expect(twice).toEqual({ ...board, updatedAt: board.updatedAt + 6, linkGenerations: { facilitator: 0, participant: 2, viewer: 0 } });
      await s.resetBoardLink(board.id, 'facilitator', board.updatedAt + 7);
      expect((await s.getBoard(board.id))?.linkGenerations).toEqual({ facilitator: 1, participant: 2, viewer: 0 });
      expect((await s.getBoard('board-0000002'))?.linkGenerations).toEqual({ facilitator: 0, participant: 0, viewer: 0 });
    });

    it('remembers when a board was opened and lists those not opened since a time, oldest first', async () => {
      await s.createBoard({ ...created, id: 'board-old', createdAt: 1000, updatedAt: 1000 });
      await s.createBoard({ ...created, id: 'board-older', createdAt: 500, updatedAt: 500 });
      await s.createBoard({ ...created, id: 'board-reopened', createdAt: 100, updatedAt: 100 });
      await s.markBoardOpened('board-reopened', 5000);
      expect((await s.getBoard('board-reopened'))?.openedAt).toBe(5000);
      expect(await s.boardsOpenedBefore(2000, 10)).toEqual(['board-older', 'board-old']);
      expect(await s.boardsOpenedBefore(2000, 1)).toEqual(['board-older']);
      expect(await s.boardsOpenedBefore(400, 10)).toEqual([]);
    });
  });
}

/** The `RecordStore` contract: records chained per board, immutable. */
export function recordStoreContract(store: () => RecordStore): void {
  describe('decision records', () => {
    let s: RecordStore;
    beforeEach(() => {
      s = store();
    });

    it('lists records in chain order with body and snapshot bytes intact', async () => {
      await s.insertRecord(record('b1', 2));
      await s.insertRecord(record('b1', 1));
      await s.insertRecord(record('b2', 1));
      const list = await s.listRecords('b1');
      expect(list).toEqual([record('b1', 1), record('b1', 2)]);
      expect(list[1]!.snapshot).toBeInstanceOf(Uint8Array);
      expect(await s.getRecord('b1', 'rec-2')).toEqual(record('b1', 2));
      expect(await s.getRecord('b1', 'nope')).toBeNull();
      expect(await s.getRecord('b3', 'rec-1')).toBeNull();
      expect(await s.listRecords('b3')).toEqual([]);
    });

    it('finds the records of any board that supersede a board\'s records, and keeps what a record supersedes', async () => {
      const sameBoard = record('b1', 2, { supersedes: { boardId: 'b1', recordId: 'rec-1' } });
      const otherBoard = record('b2', 1, { createdAt: 1_800_000_000_000, supersedes: { boardId: 'b1', recordId: 'rec-2' } });
      for (const r of [record('b1', 1), sameBoard, otherBoard, record('b3', 1, { supersedes: { boardId: 'b2', recordId: 'rec-1' } })]) await s.insertRecord(r);
      expect(await s.listSupersedingRecords('b1')).toEqual([sameBoard, otherBoard]);
      expect(await s.listSupersedingRecords('b2')).toEqual([record('b3', 1, { supersedes: { boardId: 'b2', recordId: 'rec-1' } })]);
      expect(await s.listSupersedingRecords('b3')).toEqual([]);
      expect(await s.getRecord('b2', 'rec-1')).toEqual(otherBoard);
      expect((await s.getRecord('b1', 'rec-1'))?.supersedes).toBeUndefined();
    });

    it('rejects a second record at the same chain position, or with the same id', async () => {
      await s.insertRecord(record('b1', 1));
      await expect(s.insertRecord(record('b1', 1, { id: 'other' }))).rejects.toThrow();
      await expect(s.insertRecord(record('b1', 2, { id: 'rec-1' }))).rejects.toThrow();
      expect(await s.listRecords('b1')).toEqual([record('b1', 1)]);
    });
  });
}

/** The `AssetStore` contract: bytes kept exactly, per board. */
export function assetStoreContract(store: () => AssetStore): void {
  describe('assets', () => {
    let s: AssetStore;
    beforeEach(() => {
      s = store();
    });

    it('keeps asset bytes exactly, per board', async () => {
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
      await s.putAsset({ id: 'img1', boardId: 'b1', contentType: 'image/png', bytes, createdAt: 5 });
      expect(await s.getAsset('b1', 'img1')).toEqual({ id: 'img1', boardId: 'b1', contentType: 'image/png', bytes, createdAt: 5 });
      expect(await s.getAsset('b2', 'img1')).toBeNull();
      expect(await s.getAsset('b1', 'img2')).toBeNull();
    });
  });
}
