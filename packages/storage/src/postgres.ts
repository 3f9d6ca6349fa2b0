import pg from 'pg';
import { PostgresHistory } from './postgresHistory.ts';
import { chainAppended, compactedSnapshot, loadedRoom, roomDelta } from './roomState.ts';
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

const quoteIdent = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid Postgres schema name: ${name}`);
  return `"${name}"`;
};

// pg sends a Buffer as bytea as is; a view over the same memory spares a copy of every update.
const bytea = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Statement parameters as pg takes them: bytes as Buffers. */
const params = (values: readonly SqlValue[]): unknown[] => values.map((v) => (v instanceof Uint8Array ? bytea(v) : v));

/** `$1`, `$2`, … */
const dollar = (i: number): string => `$${i + 1}`;

/**
 * The Postgres store, for running several server instances: the same tables and semantics as the
 * SQLite store. Create it with {@link openPostgresStorage}, which also creates or migrates the tables.
 */
export class PostgresStorage implements Storage {
  /** The connection pool; exposed for tests and health checks. */
  readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly s: string;
  private readonly history: PostgresHistory;

  constructor(opts: PostgresStorageOptions) {
    this.schema = opts.schema ?? 'public';
    this.s = quoteIdent(this.schema);
    this.pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10, connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5000 });
    // An idle client whose server went away (a restart, a failover) is reported here; unheard, the
    // event would crash the process. The pool drops that client; the next query that needs the
    // database fails with the cause, and later ones reconnect once it is back.
    this.pool.on('error', () => {});
    this.history = new PostgresHistory(this.s, (work, begin) => this.transaction(work, begin), params, (room) => this.roomLock(room));
  }

  /** The advisory lock key of a room: appends, compactions and prunes of one room hold it in turn. */
  private roomLock(room: string): string {
    return `accord-room/${this.schema}/${room}`;
  }

  /** Creates the schema and tables when missing and applies pending migrations. Safe to run from several instances at once. */
  async init(): Promise<void> {
    await this.transaction(async (client) => {
      // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: one instance migrates at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`accord-migrate/${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.s}.schema_version (version INTEGER NOT NULL)`);
      const row = (await client.query<{ version: number }>(`SELECT version FROM ${this.s}.schema_version`)).rows[0];
      if (!row) await client.query(`INSERT INTO ${this.s}.schema_version (version) VALUES (0)`);
      if (row && row.version > MIGRATIONS.length) {
        throw new Error(`schema ${this.schema} has version ${row.version}; this build knows up to ${MIGRATIONS.length}`);
      }
      for (let v = row?.version ?? 0; v < MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v]!(this.s));
        await client.query(`UPDATE ${this.s}.schema_version SET version = $1`, [v + 1]);
      }
    });
  }

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]> {
    if (batch.length === 0) return [];
    const rooms = batch.map((b) => b.room);
    const now = Date.now();
    return this.transaction(async (client) => {
      // BIGSERIAL hands out numbers at insert time, not commit time: without this lock a room's entry
      // 6 could commit before its entry 5, a compaction that loaded through 6 would then delete 5
      // unseen. Holding the room's lock until commit makes sequence order commit order per room.
      // Sorted keys keep two batches sharing rooms from deadlocking.
      await client.query(
        `SELECT pg_advisory_xact_lock(k) FROM (
           SELECT DISTINCT hashtextextended($2 || r, 0) AS k FROM unnest($1::text[]) AS r ORDER BY k) AS keys`,
        [rooms, `accord-room/${this.schema}/`],
      );
      // One statement for the whole batch; unnest keeps it at two parameters however large the batch.
      // Every part sees the heads as they were before it, so `old` holds each room's previous head.
      const res = await client.query<{ seq: string; room: string; prev: string | null }>(
        `WITH old AS (SELECT room, seq FROM ${this.s}.room_head WHERE room = ANY($1::text[])),
         ins AS (INSERT INTO ${this.s}.room_log (room, update_bytes, author, stored_at)
           SELECT room, bytes, author, $4 FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS t(room, bytes, author, ord) ORDER BY ord
           RETURNING seq, room),
         head AS (INSERT INTO ${this.s}.room_head (room, seq) SELECT room, max(seq) FROM ins GROUP BY room
           ON CONFLICT (room) DO UPDATE SET seq = GREATEST(${this.s}.room_head.seq, excluded.seq))
         SELECT ins.seq, ins.room, old.seq AS prev FROM ins LEFT JOIN old ON old.room = ins.room`,
        [rooms, batch.map((b) => bytea(b.update)), batch.map((b) => b.author ?? null), now],
      );
      // Rows take their numbers in `ord` order, but RETURNING promises no order: sorting restores it.
      const rows = res.rows.map((r) => ({ seq: Number(r.seq), room: r.room, prev: r.prev === null ? 0 : Number(r.prev) })).sort((a, b) => a.seq - b.seq);
      return chainAppended(
        rows.map((r) => r.room),
        rows.map((r) => r.seq),
        new Map(rows.map((r) => [r.room, r.prev])),
      );
    });
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) return new Map();
    const res = await this.pool.query<{ room: string; seq: string }>(`SELECT room, seq FROM ${this.s}.room_head WHERE room = ANY($1::text[])`, [rooms]);
    return new Map(res.rows.map((r) => [r.room, Number(r.seq)]));
  }

  async readRoomSince(room: string, afterSeq: number): Promise<RoomDelta | null> {
    return this.transaction(async (client) => {
      const head = Number((await client.query<{ seq: string }>(`SELECT seq FROM ${this.s}.room_head WHERE room = $1`, [room])).rows[0]?.seq ?? 0);
      if (head <= afterSeq || afterSeq === 0) return roomDelta(afterSeq, head, []);
      const log = await client.query<LogDbRow>(`SELECT seq, update_bytes FROM ${this.s}.room_log WHERE room = $1 AND seq >= $2 ORDER BY seq`, [room, afterSeq]);
      return roomDelta(afterSeq, head, log.rows);
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    // One snapshot for both reads, so a compaction committing in between cannot be seen half-done.
    const { snapshot, log } = await this.transaction(async (client) => {
      const stored = (await client.query<{ state: Buffer; through_seq: string }>(`SELECT state, through_seq FROM ${this.s}.room_snapshot WHERE room = $1`, [room])).rows[0];
      const sql = `SELECT seq, update_bytes FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 ORDER BY seq`;
      return { snapshot: stored?.state, log: (await client.query<LogDbRow>(sql, [room, stored?.through_seq ?? 0])).rows };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return loadedRoom(snapshot, log);
  }

  async compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      // Two instances may compact the same room at once, each from its own view. The room's lock
      // serialises them, and merging with the stored snapshot whenever later entries exist (never
      // a blind overwrite) keeps what the other one folded in.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [this.roomLock(room)]);
      const stored = (await client.query<{ state: Buffer }>(`SELECT state FROM ${this.s}.room_snapshot WHERE room = $1`, [room])).rows[0]?.state;
      const laterEntries = ((await client.query(`SELECT 1 FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 LIMIT 1`, [room, throughSeq])).rowCount ?? 0) > 0;
      const merged = compactedSnapshot(stored, state, laterEntries);
      // The log stays (history); the snapshot says which entries it holds, the most any compaction folded in.
      await client.query(
        `INSERT INTO ${this.s}.room_snapshot AS n (room, state, updated_at, through_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, through_seq = GREATEST(n.through_seq, excluded.through_seq)`,
        [room, bytea(merged), Date.now(), throughSeq],
      );
      await this.history.checkpointIfDue(client, room, throughSeq, laterEntries ? null : state);
    });
  }

  async historyCheckpoint(room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null> {
    return this.history.checkpoint(this.pool, room, atOrBefore);
  }

  async historyEntries(room: string, afterSeq: number, opts: { throughSeq?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.history.entries(this.pool, room, afterSeq, opts.throughSeq, opts.limit);
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
    await this.pool.query(insertStatement(`${this.s}.boards`, BOARD_INSERT_COLUMNS, dollar), params(boardValues(board)));
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const row = (await this.pool.query<BoardDbRow>(`SELECT ${columnList(BOARD_COLUMNS)} FROM ${this.s}.boards WHERE id = $1`, [id])).rows[0];
    return row ? boardFromRow(row) : null;
  }

  async updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null> {
    const sql = `UPDATE ${this.s}.boards SET title = $1, updated_at = $2 WHERE id = $3 RETURNING ${columnList(BOARD_COLUMNS)}`;
    const row = (await this.pool.query<BoardDbRow>(sql, [title, updatedAt, id])).rows[0];
    return row ? boardFromRow(row) : null;
  }

  async resetBoardLink(id: string, role: LinkRole, updatedAt: number): Promise<BoardRow | null> {
    const column = LINK_GENERATION_COLUMNS[role];
    const sql = `UPDATE ${this.s}.boards SET ${column} = ${column} + 1, updated_at = $1 WHERE id = $2 RETURNING ${columnList(BOARD_COLUMNS)}`;
    const row = (await this.pool.query<BoardDbRow>(sql, [updatedAt, id])).rows[0];
    return row ? boardFromRow(row) : null;
  }

  async markBoardOpened(id: string, at: number): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.boards SET opened_at = $1 WHERE id = $2`, [at, id]);
  }

  async boardsOpenedBefore(cutoff: number, limit: number): Promise<string[]> {
    const res = await this.pool.query<{ id: string }>(`SELECT id FROM ${this.s}.boards WHERE opened_at < $1 ORDER BY opened_at LIMIT $2`, [cutoff, limit]);
    return res.rows.map((r) => r.id);
  }

  async deleteBoard(id: string, rooms: readonly string[]): Promise<boolean> {
    return this.transaction(async (client) => {
      // The rooms' locks, as appends and compactions take them: one in flight finishes first.
      await client.query(
        `SELECT pg_advisory_xact_lock(k) FROM (
           SELECT DISTINCT hashtextextended($2 || r, 0) AS k FROM unnest($1::text[]) AS r ORDER BY k) AS keys`,
        [[...rooms], `accord-room/${this.schema}/`],
      );
      let found = false;
      for (const { table, column, by } of BOARD_DATA) {
        const res = await client.query(`DELETE FROM ${this.s}.${table} WHERE ${column} = ANY($1::text[])`, [by === 'room' ? [...rooms] : [id]]);
        if (table === 'boards' && (res.rowCount ?? 0) > 0) found = true;
      }
      return found;
    });
  }

  async insertRecord(record: StoredRecord): Promise<void> {
    await this.pool.query(insertStatement(`${this.s}.records`, RECORD_COLUMNS, dollar), params(recordValues(record)));
  }

  async listRecords(boardId: string): Promise<StoredRecord[]> {
    const res = await this.pool.query<RecordDbRow>(`SELECT ${columnList(RECORD_COLUMNS)} FROM ${this.s}.records WHERE board_id = $1 ORDER BY seq`, [boardId]);
    return res.rows.map(recordFromRow);
  }

  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    const sql = `SELECT ${columnList(RECORD_COLUMNS)} FROM ${this.s}.records WHERE board_id = $1 AND id = $2`;
    const row = (await this.pool.query<RecordDbRow>(sql, [boardId, id])).rows[0];
    return row ? recordFromRow(row) : null;
  }

  async listSupersedingRecords(boardId: string): Promise<StoredRecord[]> {
    const sql = `SELECT ${columnList(RECORD_COLUMNS)} FROM ${this.s}.records WHERE supersedes_board_id = $1 ORDER BY created_at, board_id, seq`;
    return (await this.pool.query<RecordDbRow>(sql, [boardId])).rows.map(recordFromRow);
  }

  async putAsset(asset: StoredAsset): Promise<void> {
    await this.pool.query(insertStatement(`${this.s}.assets`, ASSET_COLUMNS, dollar), params(assetValues(asset)));
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const sql = `SELECT ${columnList(ASSET_COLUMNS)} FROM ${this.s}.assets WHERE board_id = $1 AND id = $2`;
    const row = (await this.pool.query<AssetDbRow>(sql, [boardId, id])).rows[0];
    return row ? assetFromRow(row) : null;
  }

  async getBallot(key: BallotKey): Promise<StoredBallot | null> {
    const sql = `SELECT ${columnList(BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`;
    const row = (await this.pool.query<BallotDbRow>(sql, [key.boardId, key.round, key.personId])).rows[0];
    return row ? ballotFromRow(row) : null;
  }

  async listBallots(boardId: string, round: string): Promise<StoredBallot[]> {
    const sql = `SELECT ${columnList(BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 ORDER BY person_id`;
    return (await this.pool.query<BallotDbRow>(sql, [boardId, round])).rows.map(ballotFromRow);
  }

  async changeBallot(key: BallotKey, change: BallotChange, updatedAt: number): Promise<StoredBallot | null> {
    return this.transaction(async (client) => {
      // The ballot's lock serialises changes to it from every instance, a ballot not yet stored included
      // (a row lock would not exist yet): the limits `change` checks hold.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`accord-ballot/${this.schema}/${key.boardId}/${key.round}/${key.personId}`]);
      const sql = `SELECT ${columnList(BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`;
      const row = (await client.query<BallotDbRow>(sql, [key.boardId, key.round, key.personId])).rows[0];
      const current = row ? ballotFromRow(row) : null;
      const next = nextBallot(current, change(current), key, updatedAt);
      if (next === undefined) return current;
      if (next === null) await client.query(`DELETE FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`, [key.boardId, key.round, key.personId]);
      else {
        const upsert = `${insertStatement(`${this.s}.ballots`, BALLOT_COLUMNS, dollar)}
          ON CONFLICT (board_id, round_id, person_id) DO UPDATE SET side = excluded.side, dots = excluded.dots, updated_at = excluded.updated_at`;
        await client.query(upsert, params(ballotValues(next)));
      }
      return next;
    });
  }

  async deleteBallots(boardId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM ${this.s}.ballots WHERE board_id = $1`, [boardId])).rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client whose server goes away reports it as an event the pool does not hear
    // while the client is out: unheard, it would crash the process. The query in flight fails with
    // it anyway; the broken client is then destroyed instead of going back to the pool.
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (!broken) await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

/** Connects to Postgres and creates (or migrates) the schema and tables. */
export async function openPostgresStorage(opts: PostgresStorageOptions): Promise<PostgresStorage> {
  const storage = new PostgresStorage(opts);
  try {
    await storage.init();
  } catch (err) {
    await storage.close();
    throw err;
  }
  return storage;
}
