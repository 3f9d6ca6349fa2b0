import { PostgresHistory } from './postgresHistory.ts';
import { chainAppended, compactedSnapshot, loadedRoom, roomDelta } from './roomState.ts';
import { MIGRATIONS, bytea, type PostgresStorageOptions } from './postgresSchema.ts';
import type { LogDbRow } from './rows.ts';
import type { AppendedUpdate, LoadedRoom, RoomDelta, RoomUpdate } from './roomTypes.ts';
import type { Storage } from './types.ts';

/**
 * The Postgres store, for running several server instances: the same tables and semantics as the
 * SQLite store. Create it with {@link openPostgresStorage}, which also creates or migrates the tables.
 */
export class PostgresStorage extends PostgresHistory implements Storage {
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
      await this.lockRooms(client, rooms);
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
      await this.lockRooms(client, [room]);
      const stored = (await client.query<{ state: Buffer }>(`SELECT state FROM ${this.s}.room_snapshot WHERE room = $1`, [room])).rows[0]?.state;
      const laterEntries = ((await client.query(`SELECT 1 FROM ${this.s}.room_log WHERE room = $1 AND seq > $2 LIMIT 1`, [room, throughSeq])).rowCount ?? 0) > 0;
      const merged = compactedSnapshot(stored, state, laterEntries);
      // The log stays (history); the snapshot says which entries it holds, the most any compaction folded in.
      await client.query(
        `INSERT INTO ${this.s}.room_snapshot AS n (room, state, updated_at, through_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, through_seq = GREATEST(n.through_seq, excluded.through_seq)`,
        [room, bytea(merged), Date.now(), throughSeq],
      );
      await this.checkpointIfDue(client, room, throughSeq, laterEntries ? null : state);
    });
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
