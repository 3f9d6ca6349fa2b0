import pg from 'pg';
import * as Y from 'yjs';
import type { BoardRow, LoadedRoom, RoomUpdate, Storage, StoredAsset, StoredRecord } from './types.ts';

/** Options for the scaled-out store. */
export interface PostgresStorageOptions {
  connectionString: string;
  /** Postgres schema to keep the tables in (default `public`); tests use a throwaway one. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const ident = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
};

const DDL = (s: string) => `
  CREATE SCHEMA IF NOT EXISTS ${s};
  CREATE TABLE IF NOT EXISTS ${s}.room_log (seq BIGSERIAL PRIMARY KEY, room TEXT NOT NULL, update_bytes BYTEA NOT NULL);
  CREATE INDEX IF NOT EXISTS room_log_room_seq ON ${s}.room_log (room, seq);
  CREATE TABLE IF NOT EXISTS ${s}.room_snapshot (room TEXT PRIMARY KEY, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
  CREATE TABLE IF NOT EXISTS ${s}.boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, token_salt TEXT NOT NULL, template TEXT);
  CREATE TABLE IF NOT EXISTS ${s}.records (board_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, created_at BIGINT NOT NULL, body TEXT NOT NULL, snapshot BYTEA NOT NULL,
    body_hash TEXT NOT NULL, snapshot_hash TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL, PRIMARY KEY (board_id, id), UNIQUE (board_id, seq));
  CREATE TABLE IF NOT EXISTS ${s}.assets (board_id TEXT NOT NULL, id TEXT NOT NULL, content_type TEXT NOT NULL, bytes BYTEA NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (board_id, id));
`;

// BIGINT columns come back as strings by default; ours are ms timestamps and sequence numbers well within 2^53.
const num = (v: unknown) => Number(v);

/** The Postgres store: same tables and semantics as the SQLite one. */
export class PostgresStorage implements Storage {
  readonly pool: pg.Pool;
  private readonly s: string;

  constructor(opts: PostgresStorageOptions) {
    this.pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10 });
    this.s = ident(opts.schema ?? 'public');
  }

  /** Creates the schema and tables when missing. */
  async init(): Promise<void> {
    await this.pool.query(DDL(this.s));
  }

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<number[]> {
    if (batch.length === 0) return [];
    // One statement is one transaction; unnest keeps it to two parameters however large the batch.
    const res = await this.pool.query<{ seq: string; ord: number }>(
      `INSERT INTO ${this.s}.room_log (room, update_bytes)
       SELECT room, bytes FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(room, bytes, ord) ORDER BY ord
       RETURNING seq`,
      [batch.map((b) => b.room), batch.map((b) => Buffer.from(b.update.buffer, b.update.byteOffset, b.update.byteLength))],
    );
    return res.rows.map((r) => num(r.seq)).sort((a, b) => a - b);
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snap = await client.query<{ state: Buffer }>(`SELECT state FROM ${this.s}.room_snapshot WHERE room = $1`, [room]);
      const log = await client.query<{ seq: string; update_bytes: Buffer }>(`SELECT seq, update_bytes FROM ${this.s}.room_log WHERE room = $1 ORDER BY seq`, [room]);
      await client.query('COMMIT');
      const parts: Uint8Array[] = [];
      if (snap.rows[0]) parts.push(new Uint8Array(snap.rows[0].state));
      for (const r of log.rows) parts.push(new Uint8Array(r.update_bytes));
      const last = log.rows[log.rows.length - 1];
      return {
        update: parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts),
        lastSeq: last ? num(last.seq) : 0,
        logLength: log.rows.length,
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${this.s}.room_snapshot (room, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (room) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [room, Buffer.from(state), Date.now()],
      );
      await client.query(`DELETE FROM ${this.s}.room_log WHERE room = $1 AND seq <= $2`, [room, throughSeq]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async createBoard(b: BoardRow): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.s}.boards (id, title, created_at, updated_at, token_salt, template) VALUES ($1, $2, $3, $4, $5, $6)`, [
      b.id, b.title, b.createdAt, b.updatedAt, b.tokenSalt, b.template,
    ]);
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const r = (await this.pool.query(`SELECT * FROM ${this.s}.boards WHERE id = $1`, [id])).rows[0];
    return r ? { id: r.id, title: r.title, createdAt: num(r.created_at), updatedAt: num(r.updated_at), tokenSalt: r.token_salt, template: r.template } : null;
  }

  async updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null> {
    await this.pool.query(`UPDATE ${this.s}.boards SET title = $1, updated_at = $2 WHERE id = $3`, [title, updatedAt, id]);
    return this.getBoard(id);
  }

  async insertRecord(r: StoredRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.records (board_id, id, seq, created_at, body, snapshot, body_hash, snapshot_hash, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [r.boardId, r.id, r.seq, r.createdAt, r.body, Buffer.from(r.snapshot), r.bodyHash, r.snapshotHash, r.prevHash, r.hash],
    );
  }

  private toRecord(r: Record<string, unknown>): StoredRecord {
    return {
      boardId: r.board_id as string,
      id: r.id as string,
      seq: num(r.seq),
      createdAt: num(r.created_at),
      body: r.body as string,
      snapshot: new Uint8Array(r.snapshot as Buffer),
      bodyHash: r.body_hash as string,
      snapshotHash: r.snapshot_hash as string,
      prevHash: (r.prev_hash as string | null) ?? null,
      hash: r.hash as string,
    };
  }

  async listRecords(boardId: string): Promise<StoredRecord[]> {
    return (await this.pool.query(`SELECT * FROM ${this.s}.records WHERE board_id = $1 ORDER BY seq`, [boardId])).rows.map((r) => this.toRecord(r));
  }

  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    const r = (await this.pool.query(`SELECT * FROM ${this.s}.records WHERE board_id = $1 AND id = $2`, [boardId, id])).rows[0];
    return r ? this.toRecord(r) : null;
  }

  async putAsset(a: StoredAsset): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.s}.assets (board_id, id, content_type, bytes, created_at) VALUES ($1,$2,$3,$4,$5)`, [a.boardId, a.id, a.contentType, Buffer.from(a.bytes), a.createdAt]);
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const r = (await this.pool.query(`SELECT * FROM ${this.s}.assets WHERE board_id = $1 AND id = $2`, [boardId, id])).rows[0];
    return r ? { boardId: r.board_id, id: r.id, contentType: r.content_type, bytes: new Uint8Array(r.bytes), createdAt: num(r.created_at) } : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to Postgres and creates the tables when missing. */
export async function openPostgresStorage(opts: PostgresStorageOptions): Promise<PostgresStorage> {
  const storage = new PostgresStorage(opts);
  await storage.init();
  return storage;
}
