import pg from 'pg';
import * as rows from './rows.ts';
import { dollar, params, quoteIdent, type PostgresStorageOptions } from './postgresSchema.ts';
import type { BallotChange, BallotKey, BoardRow, LinkRole, NewBoardRow, StoredAsset, StoredBallot, StoredRecord } from './types.ts';

/** A pool or one of its clients: what a statement runs on. */
export type Queryable = { query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

/**
 * The Postgres store's connection (the pool, its transactions) and its metadata: boards, decision
 * records, assets and ballots. {@link PostgresHistory} adds the rooms' history on top, and
 * {@link PostgresStorage} their logs.
 */
export class PostgresMetadata {
  /** The connection pool; exposed for tests and health checks. */
  readonly pool: pg.Pool;
  protected readonly schema: string;
  protected readonly s: string;

  constructor(opts: PostgresStorageOptions) {
    this.schema = opts.schema ?? 'public';
    this.s = quoteIdent(this.schema);
    this.pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10, connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5000 });
    // An idle client whose server went away (a restart, a failover) is reported here; unheard, the
    // event would crash the process. The pool drops that client; the next query that needs the
    // database fails with the cause, and later ones reconnect once it is back.
    this.pool.on('error', () => {});
  }

  async createBoard(board: NewBoardRow): Promise<void> {
    await this.pool.query(rows.insertStatement(`${this.s}.boards`, rows.BOARD_INSERT_COLUMNS, dollar), params(rows.boardValues(board)));
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const row = (await this.pool.query<rows.BoardDbRow>(`SELECT ${rows.columnList(rows.BOARD_COLUMNS)} FROM ${this.s}.boards WHERE id = $1`, [id])).rows[0];
    return row ? rows.boardFromRow(row) : null;
  }

  async updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null> {
    const sql = `UPDATE ${this.s}.boards SET title = $1, updated_at = $2 WHERE id = $3 RETURNING ${rows.columnList(rows.BOARD_COLUMNS)}`;
    const row = (await this.pool.query<rows.BoardDbRow>(sql, [title, updatedAt, id])).rows[0];
    return row ? rows.boardFromRow(row) : null;
  }

  async resetBoardLink(id: string, role: LinkRole, updatedAt: number): Promise<BoardRow | null> {
    const column = rows.LINK_GENERATION_COLUMNS[role];
    const sql = `UPDATE ${this.s}.boards SET ${column} = ${column} + 1, updated_at = $1 WHERE id = $2 RETURNING ${rows.columnList(rows.BOARD_COLUMNS)}`;
    const row = (await this.pool.query<rows.BoardDbRow>(sql, [updatedAt, id])).rows[0];
    return row ? rows.boardFromRow(row) : null;
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
      await this.lockRooms(client, rooms);
      let found = false;
      for (const { table, column, by } of rows.BOARD_DATA) {
        const res = await client.query(`DELETE FROM ${this.s}.${table} WHERE ${column} = ANY($1::text[])`, [by === 'room' ? [...rooms] : [id]]);
        if (table === 'boards' && (res.rowCount ?? 0) > 0) found = true;
      }
      return found;
    });
  }

  async insertRecord(record: StoredRecord): Promise<void> {
    await this.pool.query(rows.insertStatement(`${this.s}.records`, rows.RECORD_COLUMNS, dollar), params(rows.recordValues(record)));
  }

  async listRecords(boardId: string): Promise<StoredRecord[]> {
    const res = await this.pool.query<rows.RecordDbRow>(`SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM ${this.s}.records WHERE board_id = $1 ORDER BY seq`, [boardId]);
    return res.rows.map(rows.recordFromRow);
  }

  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    const sql = `SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM ${this.s}.records WHERE board_id = $1 AND id = $2`;
    const row = (await this.pool.query<rows.RecordDbRow>(sql, [boardId, id])).rows[0];
    return row ? rows.recordFromRow(row) : null;
  }

  async listSupersedingRecords(boardId: string): Promise<StoredRecord[]> {
    const sql = `SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM ${this.s}.records WHERE supersedes_board_id = $1 ORDER BY created_at, board_id, seq`;
    return (await this.pool.query<rows.RecordDbRow>(sql, [boardId])).rows.map(rows.recordFromRow);
  }

  async putAsset(asset: StoredAsset): Promise<void> {
    await this.pool.query(rows.insertStatement(`${this.s}.assets`, rows.ASSET_COLUMNS, dollar), params(rows.assetValues(asset)));
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const sql = `SELECT ${rows.columnList(rows.ASSET_COLUMNS)} FROM ${this.s}.assets WHERE board_id = $1 AND id = $2`;
    const row = (await this.pool.query<rows.AssetDbRow>(sql, [boardId, id])).rows[0];
    return row ? rows.assetFromRow(row) : null;
  }

  async getBallot(key: BallotKey): Promise<StoredBallot | null> {
    const sql = `SELECT ${rows.columnList(rows.BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`;
    const row = (await this.pool.query<rows.BallotDbRow>(sql, [key.boardId, key.round, key.personId])).rows[0];
    return row ? rows.ballotFromRow(row) : null;
  }

  async listBallots(boardId: string, round: string): Promise<StoredBallot[]> {
    const sql = `SELECT ${rows.columnList(rows.BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 ORDER BY person_id`;
    return (await this.pool.query<rows.BallotDbRow>(sql, [boardId, round])).rows.map(rows.ballotFromRow);
  }

  async changeBallot(key: BallotKey, change: BallotChange, updatedAt: number): Promise<StoredBallot | null> {
    return this.transaction(async (client) => {
      // The ballot's lock serialises changes to it from every instance, a ballot not yet stored included
      // (a row lock would not exist yet): the limits `change` checks hold.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`accord-ballot/${this.schema}/${key.boardId}/${key.round}/${key.personId}`]);
      const sql = `SELECT ${rows.columnList(rows.BALLOT_COLUMNS)} FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`;
      const row = (await client.query<rows.BallotDbRow>(sql, [key.boardId, key.round, key.personId])).rows[0];
      const current = row ? rows.ballotFromRow(row) : null;
      const next = rows.nextBallot(current, change(current), key, updatedAt);
      if (next === undefined) return current;
      if (next === null) await client.query(`DELETE FROM ${this.s}.ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3`, [key.boardId, key.round, key.personId]);
      else {
        const upsert = `${rows.insertStatement(`${this.s}.ballots`, rows.BALLOT_COLUMNS, dollar)}
          ON CONFLICT (board_id, round_id, person_id) DO UPDATE SET side = excluded.side, dots = excluded.dots, updated_at = excluded.updated_at`;
        await client.query(upsert, params(rows.ballotValues(next)));
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

  /**
   * The advisory lock key of a room. Appends, compactions, prunes and board deletion of a room all
   * take it (through {@link lockRooms}), so they run one at a time per room; a deletion that took
   * another key would not wait for an append in flight.
   */
  private roomLock(room: string): string {
    return `accord-room/${this.schema}/${room}`;
  }

  /** Takes the rooms' locks until the transaction ends; sorted keys keep two holders of several rooms from deadlocking. */
  protected async lockRooms(client: Queryable, rooms: readonly string[]): Promise<void> {
    const keys = rooms.map((room) => this.roomLock(room));
    await client.query('SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(r, 0) AS k FROM unnest($1::text[]) AS r ORDER BY k) AS keys', [keys]);
  }

  protected async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
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
