import Database from 'better-sqlite3';

// The embedded store's file: how it is opened and its tables (their migrations).

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

/** Opens (or creates) the database file in WAL mode and applies pending migrations. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Another process (a backup, the sqlite3 shell) may hold the write lock briefly: wait, don't fail.
    db.pragma('busy_timeout = 5000');
    // A deleted board must be gone from the file, not left readable in free pages: deleted
    // content is overwritten with zeros (the WAL drops its old copies at the next checkpoint).
    db.pragma('secure_delete = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`${db.name} has schema version ${version}; this build knows up to ${MIGRATIONS.length}`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
