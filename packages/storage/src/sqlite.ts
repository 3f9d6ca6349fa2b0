import Database from 'better-sqlite3';
import { chainAppended, compactedSnapshot, loadedRoom, roomDelta } from './roomState.ts';
import {
  ASSET_COLUMNS,
  BOARD_COLUMNS,
  RECORD_COLUMNS,
  assetFromRow,
  assetValues,
  boardFromRow,
  boardValues,
  columnList,
  insertStatement,
  recordFromRow,
  recordValues,
  type AssetDbRow,
  type BoardDbRow,
  type LogDbRow,
  type RecordDbRow,
  type SqlValue,
} from './rows.ts';
import type { AppendedUpdate, BoardRow, LoadedRoom, RoomDelta, RoomUpdate, Storage, StoredAsset, StoredRecord } from './types.ts';

/** Options for the embedded store. */
export interface SqliteStorageOptions {
  /** Database file path (the server uses `<ACCORD_DATA_DIR>/accord.db`), or ':memory:'. */
  file: string;
}

/**
 * Schema migrations, applied in order, each in its own transaction; `PRAGMA user_version` records
 * how many ran. Append to the list; never edit an entry that has shipped.
 */
const MIGRATIONS: string[] = [
  // `update` is an SQL keyword, hence `update_bytes`. AUTOINCREMENT keeps seqs from being reused
  // after the newest rows were compacted away, so a seq always names one update.
  `CREATE TABLE room_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     update_bytes BLOB NOT NULL
   );
   CREATE INDEX room_log_room_seq ON room_log (room, seq);
   CREATE TABLE room_snapshot (
     room TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     token_salt TEXT NOT NULL,
     template TEXT
   );
   CREATE TABLE records (
     board_id TEXT NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     body TEXT NOT NULL,
     snapshot BLOB NOT NULL,
     body_hash TEXT NOT NULL,
     snapshot_hash TEXT NOT NULL,
     prev_hash TEXT,
     hash TEXT NOT NULL,
     PRIMARY KEY (board_id, id),
     UNIQUE (board_id, seq)
   );
   CREATE TABLE assets (
     board_id TEXT NOT NULL,
     id TEXT NOT NULL,
     content_type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (board_id, id)
   );`,
  // Each room's head (its newest seq), kept by appends and untouched by compaction, so a reader can
  // tell what it missed even after the log was folded into the snapshot.
  `CREATE TABLE room_head (room TEXT PRIMARY KEY, seq INTEGER NOT NULL);
   INSERT INTO room_head (room, seq) SELECT room, max(seq) FROM room_log GROUP BY room;`,
];

/** How many migrations this build knows: the schema version a migrated store records. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

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
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly appendBatch: (batch: readonly RoomUpdate[]) => AppendedUpdate[];
  private readonly readSince: (room: string, afterSeq: number) => RoomDelta | null;
  private readonly readRoom: (room: string) => { snapshot: Buffer | undefined; log: LogDbRow[] };
  private readonly replaceSnapshot: (room: string, state: Uint8Array, throughSeq: number) => void;

  constructor(opts: SqliteStorageOptions) {
    this.db = new Database(opts.file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Another process (a backup, the sqlite3 shell) may hold the write lock briefly: wait, don't fail.
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } catch (err) {
      this.db.close();
      throw err;
    }
    const db = this.db;
    const insert = (table: string, columns: readonly string[]) => db.prepare<SqlValue[]>(insertStatement(table, columns, () => '?'));
    this.stmts = {
      append: db.prepare<[string, Uint8Array]>('INSERT INTO room_log (room, update_bytes) VALUES (?, ?)'),
      snapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM room_snapshot WHERE room = ?'),
      log: db.prepare<[string], LogDbRow>('SELECT seq, update_bytes FROM room_log WHERE room = ? ORDER BY seq'),
      upsertSnapshot: db.prepare<[string, Uint8Array, number]>(
        'INSERT INTO room_snapshot (room, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(room) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
      ),
      trimLog: db.prepare<[string, number]>('DELETE FROM room_log WHERE room = ? AND seq <= ?'),
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM room_head WHERE room = ?'),
      heads: db.prepare<[string], { room: string; seq: number }>('SELECT room, seq FROM room_head WHERE room IN (SELECT value FROM json_each(?))'),
      setHead: db.prepare<[string, number]>('INSERT INTO room_head (room, seq) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET seq = max(seq, excluded.seq)'),
      logFrom: db.prepare<[string, number], LogDbRow>('SELECT seq, update_bytes FROM room_log WHERE room = ? AND seq >= ? ORDER BY seq'),
      insertBoard: insert('boards', BOARD_COLUMNS),
      getBoard: db.prepare<[string], BoardDbRow>(`SELECT ${columnList(BOARD_COLUMNS)} FROM boards WHERE id = ?`),
      renameBoard: db.prepare<[string, number, string]>('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
      insertRecord: insert('records', RECORD_COLUMNS),
      listRecords: db.prepare<[string], RecordDbRow>(`SELECT ${columnList(RECORD_COLUMNS)} FROM records WHERE board_id = ? ORDER BY seq`),
      getRecord: db.prepare<[string, string], RecordDbRow>(`SELECT ${columnList(RECORD_COLUMNS)} FROM records WHERE board_id = ? AND id = ?`),
      putAsset: insert('assets', ASSET_COLUMNS),
      getAsset: db.prepare<[string, string], AssetDbRow>(`SELECT ${columnList(ASSET_COLUMNS)} FROM assets WHERE board_id = ? AND id = ?`),
    };
    const st = this.stmts;
    this.appendBatch = db.transaction((batch: readonly RoomUpdate[]) => {
      const rooms = batch.map((e) => e.room);
      const heads = new Map<string, number>();
      for (const room of rooms) if (!heads.has(room)) heads.set(room, st.head.get(room)?.seq ?? 0);
      const seqs = batch.map((e) => Number(st.append.run(e.room, e.update).lastInsertRowid));
      const appended = chainAppended(rooms, seqs, heads);
      for (const [i, seq] of seqs.entries()) st.setHead.run(rooms[i]!, seq);
      return appended;
    });
    this.readSince = db.transaction((room: string, afterSeq: number) => {
      const head = st.head.get(room)?.seq ?? 0;
      return roomDelta(afterSeq, head, head > afterSeq && afterSeq > 0 ? st.logFrom.all(room, afterSeq) : []);
    });
    this.readRoom = db.transaction((room: string) => ({ snapshot: st.snapshot.get(room)?.state, log: st.log.all(room) }));
    this.replaceSnapshot = db.transaction((room: string, state: Uint8Array, throughSeq: number) => {
      st.upsertSnapshot.run(room, compactedSnapshot(st.snapshot.get(room)?.state, state), Date.now());
      st.trimLog.run(room, throughSeq);
    });
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`${this.db.name} has schema version ${version}; this build knows up to ${MIGRATIONS.length}`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]> {
    if (batch.length === 0) return [];
    return this.appendBatch(batch);
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) return new Map();
    return new Map(this.stmts.heads.all(JSON.stringify(rooms)).map((r) => [r.room, Number(r.seq)]));
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

  async createBoard(board: BoardRow): Promise<void> {
    this.stmts.insertBoard.run(...boardValues(board));
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const row = this.stmts.getBoard.get(id);
    return row ? boardFromRow(row) : null;
  }

  async updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null> {
    this.stmts.renameBoard.run(title, updatedAt, id);
    return this.getBoard(id);
  }

  async insertRecord(record: StoredRecord): Promise<void> {
    this.stmts.insertRecord.run(...recordValues(record));
  }

  async listRecords(boardId: string): Promise<StoredRecord[]> {
    return this.stmts.listRecords.all(boardId).map(recordFromRow);
  }

  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    const row = this.stmts.getRecord.get(boardId, id);
    return row ? recordFromRow(row) : null;
  }

  async putAsset(asset: StoredAsset): Promise<void> {
    this.stmts.putAsset.run(...assetValues(asset));
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const row = this.stmts.getAsset.get(boardId, id);
    return row ? assetFromRow(row) : null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens the embedded SQLite store, creating the file and migrating its schema as needed. */
export async function openSqliteStorage(opts: SqliteStorageOptions): Promise<SqliteStorage> {
  return new SqliteStorage(opts);
}
