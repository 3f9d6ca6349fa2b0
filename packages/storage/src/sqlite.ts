import Database from 'better-sqlite3';
import { chainAppended, compactedSnapshot, loadedRoom, roomDelta } from './roomState.ts';
import { SqliteHistory } from './sqliteHistory.ts';
import {
  ASSET_COLUMNS,
  BALLOT_COLUMNS,
  BOARD_COLUMNS,
  BOARD_DATA,
  BOARD_INSERT_COLUMNS,
  LINK_GENERATION_COLUMNS,
  RECORD_COLUMNS,
  assetFromRow,
  assetValues,
  ballotFromRow,
  ballotValues,
  boardFromRow,
  boardValues,
  columnList,
  insertStatement,
  nextBallot,
  recordFromRow,
  recordValues,
  type AssetDbRow,
  type BallotDbRow,
  type BoardDbRow,
  type LogDbRow,
  type RecordDbRow,
  type SqlValue,
} from './rows.ts';
import type { AppendedUpdate, BallotChange, BallotKey, BoardRow, HistoryCheckpoint, HistoryEntry, LinkRole, LoadedRoom, NewBoardRow, PrunedHistory, RoomDelta, RoomUpdate, Storage, StoredAsset, StoredBallot, StoredRecord } from './types.ts';

/** Options for the embedded store. */
export interface SqliteStorageOptions {
  /** Database file path (the server uses `<ACCORD_DATA_DIR>/accord.db`), or ':memory:'. */
  file: string;
}

/**
 * Schema migrations, applied in order, each in its own transaction; `PRAGMA user_version` records
 * how many ran. Append to the list; never edit an entry that has shipped.
 */
export const MIGRATIONS: string[] = [
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
  // Dot-vote ballots, held here so that no client reads them before the reveal; `dots` is JSON.
  `CREATE TABLE ballots (
     board_id TEXT NOT NULL,
     round_id TEXT NOT NULL,
     person_id TEXT NOT NULL,
     side TEXT NOT NULL,
     dots TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (board_id, round_id, person_id)
   );`,
  // Which record a record supersedes, so the superseded side can be found from any board.
  `ALTER TABLE records ADD COLUMN supersedes_board_id TEXT;
   ALTER TABLE records ADD COLUMN supersedes_record_id TEXT;
   CREATE INDEX records_supersedes ON records (supersedes_board_id, supersedes_record_id);`,
  // Link reset (one generation per role) and retention (when a board was last opened).
  `ALTER TABLE boards ADD COLUMN facilitator_generation INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE boards ADD COLUMN participant_generation INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE boards ADD COLUMN viewer_generation INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE boards ADD COLUMN opened_at INTEGER;
   UPDATE boards SET opened_at = created_at;
   CREATE INDEX boards_opened_at ON boards (opened_at);`,
  // History (migration 5): compaction keeps the log (only retention prunes it), each entry says when it was
  // stored and by whom, the snapshot says which entries it holds, and checkpoints hold whole
  // states to rebuild versions from. Rooms compacted before keep their snapshot as their oldest
  // version; entries stored before count as stored now, so retention starts at the upgrade.
  `ALTER TABLE room_log ADD COLUMN stored_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE room_log ADD COLUMN author TEXT;
   ALTER TABLE room_log ADD COLUMN restored_from INTEGER;
   UPDATE room_log SET stored_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
   CREATE INDEX room_log_stored_at ON room_log (stored_at);
   ALTER TABLE room_snapshot ADD COLUMN through_seq INTEGER NOT NULL DEFAULT 0;
   UPDATE room_snapshot SET through_seq = COALESCE((SELECT MIN(seq) - 1 FROM room_log WHERE room_log.room = room_snapshot.room), 0);
   CREATE TABLE room_checkpoint (
     room TEXT NOT NULL,
     seq INTEGER NOT NULL,
     state BLOB NOT NULL,
     stored_at INTEGER NOT NULL,
     PRIMARY KEY (room, seq)
   );
   INSERT INTO room_checkpoint (room, seq, state, stored_at) SELECT room, through_seq, state, updated_at FROM room_snapshot;`,
  // Each room's head (migration 6) (its newest seq), kept by appends and untouched by compaction, so a reader can
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
  private readonly history: SqliteHistory;
  private readonly appendBatch: (batch: readonly RoomUpdate[]) => AppendedUpdate[];
  private readonly readSince: (room: string, afterSeq: number) => RoomDelta | null;
  private readonly readRoom: (room: string) => { snapshot: Buffer | undefined; log: LogDbRow[] };
  private readonly replaceSnapshot: (room: string, state: Uint8Array, throughSeq: number) => void;
  private readonly updateBallot: (key: BallotKey, change: BallotChange, updatedAt: number) => StoredBallot | null;
  private readonly eraseBoard: (id: string, rooms: readonly string[]) => boolean;

  constructor(opts: SqliteStorageOptions) {
    this.db = new Database(opts.file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Another process (a backup, the sqlite3 shell) may hold the write lock briefly: wait, don't fail.
      this.db.pragma('busy_timeout = 5000');
      // A deleted board must be gone from the file, not left readable in free pages: deleted
      // content is overwritten with zeros (the WAL drops its old copies at the next checkpoint).
      this.db.pragma('secure_delete = ON');
      this.migrate();
    } catch (err) {
      this.db.close();
      throw err;
    }
    const db = this.db;
    const insert = (table: string, columns: readonly string[]) => db.prepare<SqlValue[]>(insertStatement(table, columns, () => '?'));
    this.stmts = {
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
      insertBoard: insert('boards', BOARD_INSERT_COLUMNS),
      markOpened: db.prepare<[number, string]>('UPDATE boards SET opened_at = ? WHERE id = ?'),
      openedBefore: db.prepare<[number, number], { id: string }>('SELECT id FROM boards WHERE opened_at < ? ORDER BY opened_at LIMIT ?'),
      resetLink: Object.fromEntries(
        Object.entries(LINK_GENERATION_COLUMNS).map(([role, column]) => [role, db.prepare<[number, string]>(`UPDATE boards SET ${column} = ${column} + 1, updated_at = ? WHERE id = ?`)]),
      ) as Record<LinkRole, Database.Statement<[number, string]>>,
      eraseBoard: BOARD_DATA.map((t) => ({ ...t, statement: db.prepare<[string]>(`DELETE FROM ${t.table} WHERE ${t.column} = ?`) })),
      getBoard: db.prepare<[string], BoardDbRow>(`SELECT ${columnList(BOARD_COLUMNS)} FROM boards WHERE id = ?`),
      renameBoard: db.prepare<[string, number, string]>('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
      insertRecord: insert('records', RECORD_COLUMNS),
      listRecords: db.prepare<[string], RecordDbRow>(`SELECT ${columnList(RECORD_COLUMNS)} FROM records WHERE board_id = ? ORDER BY seq`),
      getRecord: db.prepare<[string, string], RecordDbRow>(`SELECT ${columnList(RECORD_COLUMNS)} FROM records WHERE board_id = ? AND id = ?`),
      listSuperseding: db.prepare<[string], RecordDbRow>(
        `SELECT ${columnList(RECORD_COLUMNS)} FROM records WHERE supersedes_board_id = ? ORDER BY created_at, board_id, seq`,
      ),
      putAsset: insert('assets', ASSET_COLUMNS),
      getAsset: db.prepare<[string, string], AssetDbRow>(`SELECT ${columnList(ASSET_COLUMNS)} FROM assets WHERE board_id = ? AND id = ?`),
      getBallot: db.prepare<[string, string, string], BallotDbRow>(`SELECT ${columnList(BALLOT_COLUMNS)} FROM ballots WHERE board_id = ? AND round_id = ? AND person_id = ?`),
      listBallots: db.prepare<[string, string], BallotDbRow>(`SELECT ${columnList(BALLOT_COLUMNS)} FROM ballots WHERE board_id = ? AND round_id = ? ORDER BY person_id`),
      putBallot: db.prepare<SqlValue[]>(`${insertStatement('ballots', BALLOT_COLUMNS, () => '?')} ON CONFLICT (board_id, round_id, person_id) DO UPDATE SET side = excluded.side, dots = excluded.dots, updated_at = excluded.updated_at`),
      deleteBallot: db.prepare<[string, string, string]>('DELETE FROM ballots WHERE board_id = ? AND round_id = ? AND person_id = ?'),
      deleteBallots: db.prepare<[string]>('DELETE FROM ballots WHERE board_id = ?'),
    };
    const st = this.stmts;
    this.history = new SqliteHistory(db);
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
      this.history.checkpointIfDue(room, throughSeq, laterEntries ? null : state);
    });
    const ballotTx = db.transaction((key: BallotKey, change: BallotChange, updatedAt: number): StoredBallot | null => {
      const row = st.getBallot.get(key.boardId, key.round, key.personId);
      const current = row ? ballotFromRow(row) : null;
      const next = nextBallot(current, change(current), key, updatedAt);
      if (next === undefined) return current;
      if (next === null) st.deleteBallot.run(key.boardId, key.round, key.personId);
      else st.putBallot.run(...ballotValues(next));
      return next;
    });
    // IMMEDIATE takes the write lock before the read, so another process cannot change the ballot in between.
    this.updateBallot = (key, change, updatedAt) => ballotTx.immediate(key, change, updatedAt);
    this.eraseBoard = db.transaction((id: string, rooms: readonly string[]) => {
      let found = false;
      for (const { table, by, statement } of st.eraseBoard) {
        for (const key of by === 'room' ? rooms : [id]) {
          const { changes } = statement.run(key);
          if (table === 'boards' && changes > 0) found = true;
        }
      }
      return found;
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

  async historyCheckpoint(room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    return this.history.checkpoint(room, atOrBefore);
  }

  async historyEntries(room: string, afterSeq: number, opts: { throughSeq?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.history.entries(room, afterSeq, opts.throughSeq, opts.limit);
  }

  async roomStateAt(room: string, seq: number): Promise<Uint8Array | null> {
    return this.history.stateAt(room, seq);
  }

  async markRestore(room: string, seq: number, restore: { author: string; restoredFrom: number }): Promise<boolean> {
    return this.history.markRestore(room, seq, restore.author, restore.restoredFrom);
  }

  async pruneHistory(before: number): Promise<PrunedHistory> {
    return this.history.prune(before);
  }

  async createBoard(board: NewBoardRow): Promise<void> {
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

  async resetBoardLink(id: string, role: LinkRole, updatedAt: number): Promise<BoardRow | null> {
    this.stmts.resetLink[role].run(updatedAt, id);
    return this.getBoard(id);
  }

  async markBoardOpened(id: string, at: number): Promise<void> {
    this.stmts.markOpened.run(at, id);
  }

  async boardsOpenedBefore(cutoff: number, limit: number): Promise<string[]> {
    return this.stmts.openedBefore.all(cutoff, limit).map((r) => r.id);
  }

  async deleteBoard(id: string, rooms: readonly string[]): Promise<boolean> {
    return this.eraseBoard(id, rooms);
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

  async listSupersedingRecords(boardId: string): Promise<StoredRecord[]> {
    return this.stmts.listSuperseding.all(boardId).map(recordFromRow);
  }

  async putAsset(asset: StoredAsset): Promise<void> {
    this.stmts.putAsset.run(...assetValues(asset));
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const row = this.stmts.getAsset.get(boardId, id);
    return row ? assetFromRow(row) : null;
  }

  async getBallot(key: BallotKey): Promise<StoredBallot | null> {
    const row = this.stmts.getBallot.get(key.boardId, key.round, key.personId);
    return row ? ballotFromRow(row) : null;
  }

  async listBallots(boardId: string, round: string): Promise<StoredBallot[]> {
    return this.stmts.listBallots.all(boardId, round).map(ballotFromRow);
  }

  async changeBallot(key: BallotKey, change: BallotChange, updatedAt: number): Promise<StoredBallot | null> {
    return this.updateBallot(key, change, updatedAt);
  }

  async deleteBallots(boardId: string): Promise<number> {
    return this.stmts.deleteBallots.run(boardId).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens the embedded SQLite store, creating the file and migrating its schema as needed. */
export async function openSqliteStorage(opts: SqliteStorageOptions): Promise<SqliteStorage> {
  return new SqliteStorage(opts);
}
