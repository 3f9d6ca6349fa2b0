import type { SqlValue } from './rows.ts';

// The Postgres store's tables (their migrations) and the statement helpers its parts share.

/** Options for the scaled-out store. */
export interface PostgresStorageOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** Postgres schema holding the tables (default `public`); tests use a throwaway one and drop it. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** How long a query waits for a connection before it fails, ms (default 5 000): an unreachable database fails writes instead of hanging them. */
  connectionTimeoutMillis?: number;
}

/** Schema migrations, applied in order; `schema_version` records how many ran. `s` is the quoted schema. */
export const MIGRATIONS: ((s: string) => string)[] = [
  // IF NOT EXISTS: stores created before the version table existed adopt their tables as version 1.
  (s) => `
    CREATE TABLE IF NOT EXISTS ${s}.room_log (seq BIGSERIAL PRIMARY KEY, room TEXT NOT NULL, update_bytes BYTEA NOT NULL);
    CREATE INDEX IF NOT EXISTS room_log_room_seq ON ${s}.room_log (room, seq);
    CREATE TABLE IF NOT EXISTS ${s}.room_snapshot (room TEXT PRIMARY KEY, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${s}.boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL, token_salt TEXT NOT NULL, template TEXT);
    CREATE TABLE IF NOT EXISTS ${s}.records (board_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
      created_at BIGINT NOT NULL, body TEXT NOT NULL, snapshot BYTEA NOT NULL, body_hash TEXT NOT NULL,
      snapshot_hash TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL, PRIMARY KEY (board_id, id), UNIQUE (board_id, seq));
    CREATE TABLE IF NOT EXISTS ${s}.assets (board_id TEXT NOT NULL, id TEXT NOT NULL, content_type TEXT NOT NULL,
      bytes BYTEA NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (board_id, id));`,
  // Dot-vote ballots, held here so that no client reads them before the reveal; `dots` is JSON text.
  (s) => `
    CREATE TABLE ${s}.ballots (board_id TEXT NOT NULL, round_id TEXT NOT NULL, person_id TEXT NOT NULL, side TEXT NOT NULL,
      dots TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (board_id, round_id, person_id));`,
  // Which record a record supersedes, so the superseded side can be found from any board.
  (s) => `
    ALTER TABLE ${s}.records ADD COLUMN IF NOT EXISTS supersedes_board_id TEXT;
    ALTER TABLE ${s}.records ADD COLUMN IF NOT EXISTS supersedes_record_id TEXT;
    CREATE INDEX IF NOT EXISTS records_supersedes ON ${s}.records (supersedes_board_id, supersedes_record_id);`,
  // Link reset (one generation per role) and retention (when a board was last opened).
  (s) => `
    ALTER TABLE ${s}.boards ADD COLUMN facilitator_generation INTEGER NOT NULL DEFAULT 0,
      ADD COLUMN participant_generation INTEGER NOT NULL DEFAULT 0,
      ADD COLUMN viewer_generation INTEGER NOT NULL DEFAULT 0,
      ADD COLUMN opened_at BIGINT;
    UPDATE ${s}.boards SET opened_at = created_at;
    CREATE INDEX boards_opened_at ON ${s}.boards (opened_at);`,
  // History (migration 5), as in the SQLite store: the log kept with when and by whom, what
  // the snapshot holds, checkpoints; rooms compacted before keep their snapshot as oldest version.
  (s) => `
    ALTER TABLE ${s}.room_log ADD COLUMN stored_at BIGINT NOT NULL DEFAULT 0, ADD COLUMN author TEXT, ADD COLUMN restored_from BIGINT;
    UPDATE ${s}.room_log SET stored_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    CREATE INDEX room_log_stored_at ON ${s}.room_log (stored_at);
    ALTER TABLE ${s}.room_snapshot ADD COLUMN through_seq BIGINT NOT NULL DEFAULT 0;
    UPDATE ${s}.room_snapshot AS n SET through_seq = COALESCE((SELECT MIN(seq) - 1 FROM ${s}.room_log AS l WHERE l.room = n.room), 0);
    CREATE TABLE ${s}.room_checkpoint (room TEXT NOT NULL, seq BIGINT NOT NULL, state BYTEA NOT NULL, stored_at BIGINT NOT NULL, PRIMARY KEY (room, seq));
    INSERT INTO ${s}.room_checkpoint (room, seq, state, stored_at) SELECT room, through_seq, state, updated_at FROM ${s}.room_snapshot;`,
  // Each room's head (migration 6) (its newest seq), kept by appends and untouched by compaction, so instances
  // can tell what they missed even after the log was folded into the snapshot.
  (s) => `
    CREATE TABLE IF NOT EXISTS ${s}.room_head (room TEXT PRIMARY KEY, seq BIGINT NOT NULL);
    INSERT INTO ${s}.room_head (room, seq) SELECT room, max(seq) FROM ${s}.room_log GROUP BY room ON CONFLICT (room) DO NOTHING;`,
];

/** How many migrations this build knows: the schema version a migrated store records. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

export const quoteIdent = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid Postgres schema name: ${name}`);
  return `"${name}"`;
};

// pg sends a Buffer as bytea as is; a view over the same memory spares a copy of every update.
export const bytea = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Statement parameters as pg takes them: bytes as Buffers. */
export const params = (values: readonly SqlValue[]): unknown[] => values.map((v) => (v instanceof Uint8Array ? bytea(v) : v));

/** `$1`, `$2`, … */
export const dollar = (i: number): string => `$${i + 1}`;
