import { chainAppended, compactedSnapshot, loadedRoom, roomDelta } from './roomState.ts';
import type { LogDbRow } from './rows.ts';
import { SqliteHistory } from './sqliteHistory.ts';
import { openDatabase, type SqliteStorageOptions } from './sqliteSchema.ts';
import type { AppendedUpdate, LoadedRoom, RoomDelta, RoomUpdate } from './roomTypes.ts';
import type { Storage } from './types.ts';

/**
 * The embedded store: one SQLite file in WAL mode. Create it with {@link openSqliteStorage}.
 *
 * Durability: with WAL, `synchronous = NORMAL` writes a transaction's pages into the WAL file
 * before COMMIT returns and only skips the fsync. The bytes are then in the OS page cache, so they
 * survive `kill -9` of this process — the promise the relay makes once `appendUpdates` resolved
 * (R2) — and only an OS crash or power loss can drop the last transactions. FULL would close that
 * gap with an fsync per commit, several times the latency of each group commit.
 *
 * better-sqlite3 is synchronous, so each method runs whole within one call and transactions never
 * interleave; seqs are therefore handed out in commit order, which compaction relies on.
 */
export class SqliteStorage extends SqliteHistory implements Storage {
  private readonly rooms;
  private readonly appendBatch: (batch: readonly RoomUpdate[]) => AppendedUpdate[];
  private readonly readSince: (room: string, afterSeq: number) => RoomDelta | null;
  private readonly readRoom: (room: string) => { snapshot: Buffer | undefined; log: LogDbRow[] };
  private readonly replaceSnapshot: (room: string, state: Uint8Array, throughSeq: number) => void;

  constructor(opts: SqliteStorageOptions) {
    const db = openDatabase(opts.file);
    super(db);
    this.rooms = {
      append: db.prepare<[string, Uint8Array, number, string | null]>('INSERT INTO room_log (room, update_bytes, stored_at, author) VALUES (?, ?, ?, ?)'),
      snapshot: db.prepare<[string], { state: Buffer; through_seq: number }>('SELECT state, through_seq FROM room_snapshot WHERE room = ?'),
      log: db.prepare<[string, number], LogDbRow>('SELECT seq, update_bytes FROM room_log WHERE room = ? AND seq > ? ORDER BY seq'),
      laterEntry: db.prepare<[string, number], { n: number }>('SELECT 1 AS n FROM room_log WHERE room = ? AND seq > ? LIMIT 1'),
      // Compactions from different views may arrive in any order: the snapshot holds the most any of them folded in.
      upsertSnapshot: db.prepare<[string, Uint8Array, number, number]>(
        `INSERT INTO room_snapshot (room, state, updated_at, through_seq) VALUES (?, ?, ?, ?) ON CONFLICT(room) DO UPDATE SET
           state = excluded.state, updated_at = excluded.updated_at, through_seq = MAX(through_seq, excluded.through_seq)`,
      ),
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM room_head WHERE room = ?'),
      heads: db.prepare<[string], { room: string; seq: number }>('SELECT room, seq FROM room_head WHERE room IN (SELECT value FROM json_each(?))'),
      setHead: db.prepare<[string, number]>('INSERT INTO room_head (room, seq) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET seq = max(seq, excluded.seq)'),
      logFrom: db.prepare<[string, number], LogDbRow>('SELECT seq, update_bytes FROM room_log WHERE room = ? AND seq >= ? ORDER BY seq'),
    };
    const st = this.rooms;
    this.appendBatch = db.transaction((batch: readonly RoomUpdate[]) => {
      const now = Date.now();
      const rooms = batch.map((e) => e.room);
      const heads = new Map<string, number>();
      for (const room of rooms) if (!heads.has(room)) heads.set(room, st.head.get(room)?.seq ?? 0);
      const seqs = batch.map((e) => Number(st.append.run(e.room, e.update, now, e.author ?? null).lastInsertRowid));
      const appended = chainAppended(rooms, seqs, heads);
      for (const [i, seq] of seqs.entries()) st.setHead.run(rooms[i]!, seq);
      return appended;
    });
    this.readSince = db.transaction((room: string, afterSeq: number) => {
      const head = st.head.get(room)?.seq ?? 0;
      return roomDelta(afterSeq, head, head > afterSeq && afterSeq > 0 ? st.logFrom.all(room, afterSeq) : []);
    });
    this.readRoom = db.transaction((room: string) => {
      const snapshot = st.snapshot.get(room);
      return { snapshot: snapshot?.state, log: st.log.all(room, snapshot?.through_seq ?? 0) };
    });
    this.replaceSnapshot = db.transaction((room: string, state: Uint8Array, throughSeq: number) => {
      const laterEntries = st.laterEntry.get(room, throughSeq) !== undefined;
      st.upsertSnapshot.run(room, compactedSnapshot(st.snapshot.get(room)?.state, state, laterEntries), Date.now(), throughSeq);
      this.checkpointIfDue(room, throughSeq, laterEntries ? null : state);
    });
  }

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]> {
    if (batch.length === 0) return [];
    return this.appendBatch(batch);
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) return new Map();
    return new Map(this.rooms.heads.all(JSON.stringify(rooms)).map((r) => [r.room, Number(r.seq)]));
  }

  async readRoomSince(room: string, afterSeq: number): Promise<RoomDelta | null> {
    return this.readSince(room, afterSeq);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    const { snapshot, log } = this.readRoom(room);
    return loadedRoom(snapshot, log);
  }

  async compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.replaceSnapshot(room, state, throughSeq);
  }
}


/** Opens the embedded SQLite store, creating the file and migrating its schema as needed. */
export async function openSqliteStorage(opts: SqliteStorageOptions): Promise<SqliteStorage> {
  return new SqliteStorage(opts);
}
