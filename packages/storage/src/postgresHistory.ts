import { CHECKPOINT_INTERVAL, isKeptVersion, replayState } from './history.ts';
import { PostgresMetadata, type Queryable } from './postgresMetadata.ts';
import { dollar, params } from './postgresSchema.ts';
import * as rows from './rows.ts';
import type { HistoryCheckpoint, HistoryEntry, PrunedHistory } from './roomTypes.ts';

const READ_ONLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * The Postgres side of room history (`HistoryStore`): the same rows and meaning as the SQLite
 * store's. Writes to a room's history (compaction checkpoints, pruning) hold the room's advisory
 * lock, as appends and compactions do, so they never interleave with each other.
 * {@link PostgresStorage} adds the rooms' logs on top.
 */
export class PostgresHistory extends PostgresMetadata {
  async historyCheckpoint(room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    return this.checkpointOn(this.pool, room, atOrBefore);
  }

  async historyEntries(room: string, afterSeq: number, opts: { throughSeq?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.entriesOn(this.pool, room, afterSeq, opts.throughSeq, opts.limit);
  }

  private async checkpointOn(client: Queryable, room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    const cols = rows.columnList(rows.CHECKPOINT_COLUMNS);
    const res =
      atOrBefore === undefined
        ? await client.query<rows.CheckpointDbRow>(`SELECT ${cols} FROM ${this.s}.room_checkpoint WHERE room = $1 ORDER BY seq LIMIT 1`, [room])
        : await client.query<rows.CheckpointDbRow>(`SELECT ${cols} FROM ${this.s}.room_checkpoint WHERE room = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`, [room, atOrBefore]);
    const row = res.rows[0];
    return row ? rows.checkpointFromRow(row) : null;
  }

  private async entriesOn(client: Queryable, room: string, afterSeq: number, throughSeq?: number, limit?: number): Promise<HistoryEntry[]> {
    const sql = `SELECT ${rows.columnList(rows.HISTORY_COLUMNS)} FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`;
    const res = await client.query<rows.HistoryDbRow>(sql, [room, afterSeq, throughSeq ?? Number.MAX_SAFE_INTEGER, limit ?? null]);
    return res.rows.map(rows.historyEntryFromRow);
  }

  /** One snapshot of the database for every read, so a prune committing meanwhile cannot be seen half-done. */
  roomStateAt(room: string, seq: number): Promise<Uint8Array | null> {
    return this.transaction(async (client) => {
      const bounds = (
        await client.query<{ first: string | null; last: string | null; oldest: string | null }>(
          `SELECT (SELECT MIN(seq) FROM ${this.s}.room_log WHERE room = $1) AS first, (SELECT MAX(seq) FROM ${this.s}.room_log WHERE room = $1) AS last,
                  (SELECT MIN(seq) FROM ${this.s}.room_checkpoint WHERE room = $1) AS oldest`,
          [room],
        )
      ).rows[0]!;
      const num = (v: string | null) => (v === null ? null : Number(v));
      if (!isKeptVersion(seq, { oldestCheckpoint: num(bounds.oldest), firstEntry: num(bounds.first), lastEntry: num(bounds.last) })) return null;
      const base = await this.checkpointOn(client, room, seq);
      return replayState(base?.state ?? null, await this.updatesOn(client, room, base?.seq ?? 0, seq));
    }, READ_ONLY);
  }

  async markRestore(room: string, seq: number, restore: { author: string; restoredFrom: number }): Promise<boolean> {
    return this.transaction(async (client) => {
      const res = await client.query(`UPDATE ${this.s}.room_log SET author = $1, restored_from = $2 WHERE room = $3 AND seq = $4`, [restore.author, restore.restoredFrom, room, seq]);
      return (res.rowCount ?? 0) > 0;
    });
  }

  async pruneHistory(before: number): Promise<PrunedHistory> {
    const rooms = (await this.transaction((client) => client.query<{ room: string }>(`SELECT DISTINCT room FROM ${this.s}.room_log WHERE stored_at < $1`, [before]))).rows;
    let pruned = 0;
    let entries = 0;
    let checkpoints = 0;
    // One transaction per room, under the room's lock, so appends and compactions wait only briefly.
    for (const { room } of rooms) {
      const result = await this.transaction((client) => this.pruneRoom(client, room, before));
      if (result.entries + result.checkpoints > 0) pruned++;
      entries += result.entries;
      checkpoints += result.checkpoints;
    }
    return { rooms: pruned, entries, checkpoints };
  }

  /** Inside a compaction's transaction, holding the room's lock: see `SqliteHistory.checkpointIfDue`. */
  protected async checkpointIfDue(client: Queryable, room: string, throughSeq: number, exactState: Uint8Array | null): Promise<void> {
    const baseSeq = await this.checkpointSeqOn(client, room, throughSeq);
    const count = (await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 AND seq <= $3`, [room, baseSeq ?? 0, throughSeq])).rows[0]!;
    if (Number(count.n) >= CHECKPOINT_INTERVAL) await this.keepCheckpoint(client, room, throughSeq, exactState, baseSeq);
  }

  private async pruneRoom(client: Queryable, room: string, before: number): Promise<{ entries: number; checkpoints: number }> {
    await this.lockRooms(client, [room]);
    const through = (await client.query<{ through_seq: string }>(`SELECT through_seq FROM ${this.s}.room_snapshot WHERE room = $1`, [room])).rows[0]?.through_seq ?? 0;
    const newest = (
      await client.query<{ seq: string }>(`SELECT seq FROM ${this.s}.room_log WHERE room = $1 AND stored_at < $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1`, [room, before, through])
    ).rows[0];
    if (!newest) return { entries: 0, checkpoints: 0 };
    const seq = Number(newest.seq);
    // The state as of the cutoff stays, as the oldest version; everything before it goes.
    const baseSeq = await this.checkpointSeqOn(client, room, seq);
    if (baseSeq !== seq) await this.keepCheckpoint(client, room, seq, null, baseSeq);
    const entries = (await client.query(`DELETE FROM ${this.s}.room_log WHERE room = $1 AND seq <= $2`, [room, seq])).rowCount ?? 0;
    const checkpoints = (await client.query(`DELETE FROM ${this.s}.room_checkpoint WHERE room = $1 AND seq < $2`, [room, seq])).rowCount ?? 0;
    return { entries, checkpoints };
  }

  /**
   * Writes the checkpoint as of the room's last entry at or before `throughSeq`, `baseSeq` being
   * the newest checkpoint at or before it (null when none): see `SqliteHistory.keepCheckpoint`.
   * Reads the base's state and the entries' updates only when there is no `exactState` to write.
   */
  private async keepCheckpoint(client: Queryable, room: string, throughSeq: number, exactState: Uint8Array | null, baseSeq: number | null): Promise<void> {
    const last = (
      await client.query<{ seq: string; stored_at: string }>(`SELECT seq, stored_at FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1`, [
        room,
        baseSeq ?? 0,
        throughSeq,
      ])
    ).rows[0];
    if (!last) return;
    const seq = Number(last.seq);
    const state = exactState ?? replayState(await this.checkpointStateOn(client, room, baseSeq), await this.updatesOn(client, room, baseSeq ?? 0, seq));
    const sql = `${rows.insertStatement(`${this.s}.room_checkpoint`, rows.CHECKPOINT_COLUMNS, dollar)} ON CONFLICT (room, seq) DO NOTHING`;
    await client.query(sql, params(rows.checkpointValues(room, { seq, storedAt: Number(last.stored_at), state })));
  }

  /** The seq of the room's newest checkpoint at or before `seq`, without its state; null when it has none. */
  private async checkpointSeqOn(client: Queryable, room: string, seq: number): Promise<number | null> {
    const row = (await client.query<{ n: string | null }>(`SELECT MAX(seq) AS n FROM ${this.s}.room_checkpoint WHERE room = $1 AND seq <= $2`, [room, seq])).rows[0];
    return row?.n == null ? null : Number(row.n);
  }

  /** The state of the room's checkpoint at `seq`; null for none (a room's empty beginning). */
  private async checkpointStateOn(client: Queryable, room: string, seq: number | null): Promise<Uint8Array | null> {
    if (seq === null) return null;
    return (await client.query<{ state: Uint8Array }>(`SELECT state FROM ${this.s}.room_checkpoint WHERE room = $1 AND seq = $2`, [room, seq])).rows[0]?.state ?? null;
  }

  /** The updates of the room's entries after `afterSeq` through `throughSeq`, in seq order. */
  private async updatesOn(client: Queryable, room: string, afterSeq: number, throughSeq: number): Promise<Uint8Array[]> {
    const sql = `SELECT update_bytes FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`;
    return (await client.query<{ update_bytes: Uint8Array }>(sql, [room, afterSeq, throughSeq])).rows.map((r) => r.update_bytes);
  }
}
