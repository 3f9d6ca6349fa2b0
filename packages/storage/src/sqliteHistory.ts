import type Database from 'better-sqlite3';
import { CHECKPOINT_INTERVAL, isKeptVersion, replayState, type CheckpointBase } from './history.ts';
import * as rows from './rows.ts';
import { SqliteMetadata } from './sqliteMetadata.ts';
import type { HistoryCheckpoint, HistoryEntry, PrunedHistory } from './roomTypes.ts';

type Bound = { n: number | null };

/**
 * The SQLite side of room history (`HistoryStore`): checkpoints and the log that compaction keeps.
 * better-sqlite3 is synchronous, so every method runs whole in one call; the ones that read several
 * statements run them in one transaction so a prune cannot fall in between. {@link SqliteStorage}
 * adds the rooms' logs on top.
 */
export class SqliteHistory extends SqliteMetadata {
  private readonly historyStmts;
  private readonly readVersion: (room: string, seq: number) => Uint8Array | null;
  private readonly pruneRoom: (room: string, before: number) => { entries: number; checkpoints: number };

  constructor(db: Database.Database) {
    super(db);
    const cols = rows.columnList(rows.HISTORY_COLUMNS);
    this.historyStmts = {
      checkpointAtOrBefore: db.prepare<[string, number], rows.CheckpointDbRow>(
        `SELECT ${rows.columnList(rows.CHECKPOINT_COLUMNS)} FROM room_checkpoint WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`,
      ),
      oldestCheckpoint: db.prepare<[string], rows.CheckpointDbRow>(`SELECT ${rows.columnList(rows.CHECKPOINT_COLUMNS)} FROM room_checkpoint WHERE room = ? ORDER BY seq LIMIT 1`),
      oldestCheckpointSeq: db.prepare<[string], Bound>('SELECT MIN(seq) AS n FROM room_checkpoint WHERE room = ?'),
      checkpointSeqAtOrBefore: db.prepare<[string, number], Bound>('SELECT MAX(seq) AS n FROM room_checkpoint WHERE room = ? AND seq <= ?'),
      checkpointState: db.prepare<[string, number], { state: Uint8Array }>('SELECT state FROM room_checkpoint WHERE room = ? AND seq = ?'),
      insertCheckpoint: db.prepare<rows.SqlValue[]>(`${rows.insertStatement('room_checkpoint', rows.CHECKPOINT_COLUMNS, () => '?')} ON CONFLICT (room, seq) DO NOTHING`),
      entries: db.prepare<[string, number, number, number], rows.HistoryDbRow>(`SELECT ${cols} FROM room_log WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`),
      entryBounds: db.prepare<[string], { first: number | null; last: number | null }>('SELECT MIN(seq) AS first, MAX(seq) AS last FROM room_log WHERE room = ?'),
      countBetween: db.prepare<[string, number, number], { n: number }>('SELECT COUNT(*) AS n FROM room_log WHERE room = ? AND seq > ? AND seq <= ?'),
      updatesBetween: db.prepare<[string, number, number], { update_bytes: Uint8Array }>('SELECT update_bytes FROM room_log WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq'),
      lastBetween: db.prepare<[string, number, number], { seq: number; stored_at: number }>(
        'SELECT seq, stored_at FROM room_log WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      markRestore: db.prepare<[string, number, string, number]>('UPDATE room_log SET author = ?, restored_from = ? WHERE room = ? AND seq = ?'),
      roomsBefore: db.prepare<[number], { room: string }>('SELECT DISTINCT room FROM room_log WHERE stored_at < ?'),
      snapshotThrough: db.prepare<[string], { through_seq: number }>('SELECT through_seq FROM room_snapshot WHERE room = ?'),
      newestPrunable: db.prepare<[string, number, number], { seq: number; stored_at: number }>(
        'SELECT seq, stored_at FROM room_log WHERE room = ? AND stored_at < ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      deleteEntries: db.prepare<[string, number]>('DELETE FROM room_log WHERE room = ? AND seq <= ?'),
      deleteCheckpoints: db.prepare<[string, number]>('DELETE FROM room_checkpoint WHERE room = ? AND seq < ?'),
    };
    const st = this.historyStmts;
    this.readVersion = db.transaction((room: string, seq: number) => {
      const bounds = st.entryBounds.get(room)!;
      const oldest = st.oldestCheckpointSeq.get(room)!.n;
      if (!isKeptVersion(seq, { oldestCheckpoint: oldest, firstEntry: bounds.first, lastEntry: bounds.last })) return null;
      const base = this.baseAt(room, seq);
      return replayState(base?.state ?? null, this.updatesAfter(room, base?.seq ?? 0, seq));
    });
    this.pruneRoom = db.transaction((room: string, before: number) => {
      const through = st.snapshotThrough.get(room)?.through_seq ?? 0;
      const newest = st.newestPrunable.get(room, before, through);
      if (!newest) return { entries: 0, checkpoints: 0 };
      // The state as of the cutoff stays, as the oldest version; everything before it goes.
      const baseSeq = this.checkpointSeqAt(room, newest.seq);
      if (baseSeq !== newest.seq) this.keepCheckpoint(room, newest.seq, null, baseSeq);
      const entries = st.deleteEntries.run(room, newest.seq).changes;
      const checkpoints = st.deleteCheckpoints.run(room, newest.seq).changes;
      return { entries, checkpoints };
    });
  }

  async historyCheckpoint(room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    const row = atOrBefore === undefined ? this.historyStmts.oldestCheckpoint.get(room) : this.historyStmts.checkpointAtOrBefore.get(room, atOrBefore);
    return row ? rows.checkpointFromRow(row) : null;
  }

  async historyEntries(room: string, afterSeq: number, opts: { throughSeq?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.historyStmts.entries.all(room, afterSeq, opts.throughSeq ?? Number.MAX_SAFE_INTEGER, opts.limit ?? -1).map(rows.historyEntryFromRow);
  }

  async roomStateAt(room: string, seq: number): Promise<Uint8Array | null> {
    return this.readVersion(room, seq);
  }

  async markRestore(room: string, seq: number, restore: { author: string; restoredFrom: number }): Promise<boolean> {
    return this.historyStmts.markRestore.run(restore.author, restore.restoredFrom, room, seq).changes > 0;
  }

  async pruneHistory(before: number): Promise<PrunedHistory> {
    let rooms = 0;
    let entries = 0;
    let checkpoints = 0;
    // One transaction per room, so a long sweep never holds the write lock for long.
    for (const { room } of this.historyStmts.roomsBefore.all(before)) {
      const pruned = this.pruneRoom(room, before);
      if (pruned.entries + pruned.checkpoints > 0) rooms++;
      entries += pruned.entries;
      checkpoints += pruned.checkpoints;
    }
    return { rooms, entries, checkpoints };
  }

  /**
   * Inside a compaction's transaction: keeps a checkpoint as of `throughSeq` when at least
   * {@link CHECKPOINT_INTERVAL} entries follow the newest one, so no version is ever rebuilt from
   * more entries than that (plus the entries since the last compaction). `exactState` is the
   * state the compaction was given when it is exactly the version at `throughSeq` (see history.ts),
   * else null and the checkpoint is replayed.
   */
  protected checkpointIfDue(room: string, throughSeq: number, exactState: Uint8Array | null): void {
    const baseSeq = this.checkpointSeqAt(room, throughSeq);
    if (this.historyStmts.countBetween.get(room, baseSeq ?? 0, throughSeq)!.n < CHECKPOINT_INTERVAL) return;
    this.keepCheckpoint(room, throughSeq, exactState, baseSeq);
  }

  /**
   * Writes the checkpoint as of the room's last entry at or before `throughSeq` (see
   * `isKeptVersion` for why it can always be rebuilt), from `exactState` when given, else replayed
   * from the checkpoint at `baseSeq` (the newest at or before `throughSeq`; null when none), whose
   * state is then the only one read.
   */
  private keepCheckpoint(room: string, throughSeq: number, exactState: Uint8Array | null, baseSeq: number | null): void {
    const last = this.historyStmts.lastBetween.get(room, baseSeq ?? 0, throughSeq);
    if (!last) return;
    const state = exactState ?? replayState(this.checkpointState(room, baseSeq), this.updatesAfter(room, baseSeq ?? 0, last.seq));
    this.historyStmts.insertCheckpoint.run(...rows.checkpointValues(room, { seq: last.seq, storedAt: last.stored_at, state }));
  }

  /** The seq of the room's newest checkpoint at or before `seq`, without its state; null when it has none. */
  private checkpointSeqAt(room: string, seq: number): number | null {
    return this.historyStmts.checkpointSeqAtOrBefore.get(room, seq)!.n;
  }

  /** The state of the room's checkpoint at `seq`; null for none (a room's empty beginning). */
  private checkpointState(room: string, seq: number | null): Uint8Array | null {
    return seq === null ? null : (this.historyStmts.checkpointState.get(room, seq)?.state ?? null);
  }

  private baseAt(room: string, seq: number): CheckpointBase | undefined {
    const row = this.historyStmts.checkpointAtOrBefore.get(room, seq);
    return row ? { seq: Number(row.seq), state: row.state } : undefined;
  }

  private *updatesAfter(room: string, afterSeq: number, throughSeq: number): Iterable<Uint8Array> {
    for (const row of this.historyStmts.updatesBetween.iterate(room, afterSeq, throughSeq)) yield row.update_bytes;
  }
}
