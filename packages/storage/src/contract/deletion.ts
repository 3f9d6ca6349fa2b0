import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../types.ts';
import { appendSeqs, record, updatesOf } from './fixtures.ts';

/**
 * Deleting a board removes every row of it from every table (rooms by name, the rest by board id)
 * and nothing of any other board. Needs a whole `Storage`.
 */
export function boardDeletionContract(store: () => Storage): void {
  describe('board deletion', () => {
    let s: Storage;
    beforeEach(() => {
      s = store();
    });

    /** A board with content and facilitation rooms (log and snapshot), a record and an asset. */
    async function fill(id: string): Promise<string[]> {
      const rooms = [id, `${id}/facilitation`];
      await s.createBoard({ id, title: id, createdAt: 1, updatedAt: 1, tokenSalt: 's', template: null });
      for (const room of rooms) {
        const { updates } = updatesOf((d) => {
          d.getText('t').insert(0, `${room} one`);
          d.getText('t').insert(0, `${room} two`);
        });
        const [first] = await appendSeqs(s, [{ room, update: updates[0]! }]);
        await s.compactRoom(room, updates[0]!, first!);
        await appendSeqs(s, [{ room, update: updates[1]! }]);
      }
      await s.insertRecord(record(id, 1));
      await s.putAsset({ id: 'img', boardId: id, contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]), createdAt: 1 });
      return rooms;
    }

    it('removes the board, its rooms (log and snapshot), records and assets; other boards keep theirs', async () => {
      const doomed = await fill('board-doomed');
      const kept = await fill('board-kept');
      expect(await s.deleteBoard('board-doomed', doomed)).toBe(true);

      expect(await s.getBoard('board-doomed')).toBeNull();
      for (const room of doomed) expect(await s.loadRoom(room)).toEqual({ update: null, lastSeq: 0, logLength: 0 });
      expect(await s.listRecords('board-doomed')).toEqual([]);
      expect(await s.getAsset('board-doomed', 'img')).toBeNull();

      expect((await s.getBoard('board-kept'))?.title).toBe('board-kept');
      for (const room of kept) expect((await s.loadRoom(room)).update).not.toBeNull();
      expect(await s.listRecords('board-kept')).toHaveLength(1);
      expect(await s.getAsset('board-kept', 'img')).not.toBeNull();
      expect(await s.boardsOpenedBefore(Number.MAX_SAFE_INTEGER, 10)).toEqual(['board-kept']);
    });

    it('answers false for a board that is not there, and deleting twice is harmless', async () => {
      expect(await s.deleteBoard('board-never', ['board-never'])).toBe(false);
      const rooms = await fill('board-twice');
      expect(await s.deleteBoard('board-twice', rooms)).toBe(true);
      expect(await s.deleteBoard('board-twice', rooms)).toBe(false);
    });
  });
}
