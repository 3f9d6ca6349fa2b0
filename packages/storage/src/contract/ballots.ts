import { beforeEach, describe, expect, it } from 'vitest';
import type { BallotKey, BallotStore, StoredBallot } from '../types.ts';

const key = (personId: string, round = 'r1', boardId = 'board-1'): BallotKey => ({ boardId, round, personId });

/** A change that adds one dot on `shapeId` unless the ballot already holds `limit` dots. */
const addDot =
  (shapeId: string, limit = 20, side = 'em') =>
  (current: StoredBallot | null) => {
    const dots = { ...(current?.dots ?? {}) };
    if (Object.values(dots).reduce((a, b) => a + b, 0) >= limit) return null;
    dots[shapeId] = (dots[shapeId] ?? 0) + 1;
    return { side, dots };
  };

/** The `BallotStore` contract: one ballot per voter and round, changed atomically, per board. */
export function ballotStoreContract(store: () => BallotStore): void {
  describe('ballots', () => {
    let s: BallotStore;
    beforeEach(() => {
      s = store();
    });

    it('keeps each voter’s ballot per round and board, and lists a round by person', async () => {
      expect(await s.changeBallot(key('pat'), addDot('shape:a'), 10)).toEqual({ ...key('pat'), side: 'em', dots: { 'shape:a': 1 }, updatedAt: 10 });
      await s.changeBallot(key('pat'), addDot('shape:b', 20, 'pm'), 11);
      await s.changeBallot(key('ana'), addDot('shape:a'), 12);
      await s.changeBallot(key('pat', 'r2'), addDot('shape:c'), 13);
      await s.changeBallot(key('pat', 'r1', 'board-2'), addDot('shape:d'), 14);
      expect(await s.getBallot(key('pat'))).toEqual({ ...key('pat'), side: 'pm', dots: { 'shape:a': 1, 'shape:b': 1 }, updatedAt: 11 });
      expect(await s.getBallot(key('nobody'))).toBeNull();
      expect((await s.listBallots('board-1', 'r1')).map((b) => [b.personId, b.dots])).toEqual([
        ['ana', { 'shape:a': 1 }],
        ['pat', { 'shape:a': 1, 'shape:b': 1 }],
      ]);
      expect(await s.listBallots('board-1', 'r2')).toEqual([{ ...key('pat', 'r2'), side: 'em', dots: { 'shape:c': 1 }, updatedAt: 13 }]);
      expect(await s.listBallots('board-3', 'r1')).toEqual([]);
    });

    it('leaves a ballot as it is when the change declines or throws, and deletes it when emptied', async () => {
      await s.changeBallot(key('pat'), addDot('shape:a'), 1);
      expect(await s.changeBallot(key('pat'), () => null, 2)).toEqual({ ...key('pat'), side: 'em', dots: { 'shape:a': 1 }, updatedAt: 1 });
      await expect(
        s.changeBallot(
          key('pat'),
          () => {
            throw new Error('refused');
          },
          3,
        ),
      ).rejects.toThrow('refused');
      expect((await s.getBallot(key('pat')))?.updatedAt).toBe(1);
      expect(await s.changeBallot(key('pat'), () => ({ side: 'em', dots: {} }), 4)).toBeNull();
      expect(await s.getBallot(key('pat'))).toBeNull();
      // Nothing to delete, nothing stored.
      expect(await s.changeBallot(key('ana'), () => ({ side: 'em', dots: { 'shape:a': 0 } }), 5)).toBeNull();
      expect(await s.listBallots('board-1', 'r1')).toEqual([]);
    });

    it('runs concurrent changes of one ballot one after another: no change is lost, a limit checked in the change holds', async () => {
      // Each change that adds a dot is counted: had two run on the same stored ballot, one's dot would be lost.
      let added = 0;
      const counted = (shapeId: string) => (current: StoredBallot | null) => {
        const next = addDot(shapeId, 5)(current);
        if (next) added++;
        return next;
      };
      // Reads first, so a store with a connection pool has its connections open and the changes really overlap.
      await Promise.all(Array.from({ length: 8 }, () => s.listBallots('board-1', 'r1')));
      await Promise.all(Array.from({ length: 20 }, (_, i) => s.changeBallot(key('pat'), counted(`shape:${i % 3}`), i)));
      const stored = await s.getBallot(key('pat'));
      expect(added).toBe(5);
      expect(Object.values(stored!.dots).reduce((a, b) => a + b, 0)).toBe(5);
    });

    it('deletes every ballot of one board, and only of that board', async () => {
      await s.changeBallot(key('pat'), addDot('shape:a'), 1);
      await s.changeBallot(key('ana', 'r2'), addDot('shape:a'), 1);
      await s.changeBallot(key('pat', 'r1', 'board-2'), addDot('shape:a'), 1);
      expect(await s.deleteBallots('board-1')).toBe(2);
      expect(await s.listBallots('board-1', 'r1')).toEqual([]);
      expect(await s.listBallots('board-1', 'r2')).toEqual([]);
      expect(await s.listBallots('board-2', 'r1')).toHaveLength(1);
      expect(await s.deleteBallots('board-1')).toBe(0);
    });
  });
}
