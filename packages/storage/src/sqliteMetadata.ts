import type Database from 'better-sqlite3';
import * as rows from './rows.ts';
import type { BallotChange, BallotKey, BoardRow, LinkRole, NewBoardRow, StoredAsset, StoredBallot, StoredRecord } from './types.ts';

/**
 * The embedded store's database and its metadata: boards, decision records, assets and ballots.
 * {@link SqliteHistory} adds the rooms' history on top, and {@link SqliteStorage} their logs.
 */
export class SqliteMetadata {
  protected readonly db: Database.Database;
  private readonly stmts;
  private readonly updateBallot: (key: BallotKey, change: BallotChange, updatedAt: number) => StoredBallot | null;
  private readonly eraseBoard: (id: string, rooms: readonly string[]) => boolean;

  constructor(db: Database.Database) {
    this.db = db;
    const insert = (table: string, columns: readonly string[]) => db.prepare<rows.SqlValue[]>(rows.insertStatement(table, columns, () => '?'));
    this.stmts = {
      insertBoard: insert('boards', rows.BOARD_INSERT_COLUMNS),
      markOpened: db.prepare<[number, string]>('UPDATE boards SET opened_at = ? WHERE id = ?'),
      openedBefore: db.prepare<[number, number], { id: string }>('SELECT id FROM boards WHERE opened_at < ? ORDER BY opened_at LIMIT ?'),
      resetLink: Object.fromEntries(
        Object.entries(rows.LINK_GENERATION_COLUMNS).map(([role, column]) => [role, db.prepare<[number, string]>(`UPDATE boards SET ${column} = ${column} + 1, updated_at = ? WHERE id = ?`)]),
      ) as Record<LinkRole, Database.Statement<[number, string]>>,
      eraseBoard: rows.BOARD_DATA.map((t) => ({ ...t, statement: db.prepare<[string]>(`DELETE FROM ${t.table} WHERE ${t.column} = ?`) })),
      getBoard: db.prepare<[string], rows.BoardDbRow>(`SELECT ${rows.columnList(rows.BOARD_COLUMNS)} FROM boards WHERE id = ?`),
      renameBoard: db.prepare<[string, number, string]>('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
      insertRecord: insert('records', rows.RECORD_COLUMNS),
      listRecords: db.prepare<[string], rows.RecordDbRow>(`SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM records WHERE board_id = ? ORDER BY seq`),
      getRecord: db.prepare<[string, string], rows.RecordDbRow>(`SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM records WHERE board_id = ? AND id = ?`),
      listSuperseding: db.prepare<[string], rows.RecordDbRow>(
        `SELECT ${rows.columnList(rows.RECORD_COLUMNS)} FROM records WHERE supersedes_board_id = ? ORDER BY created_at, board_id, seq`,
      ),
      putAsset: insert('assets', rows.ASSET_COLUMNS),
      getAsset: db.prepare<[string, string], rows.AssetDbRow>(`SELECT ${rows.columnList(rows.ASSET_COLUMNS)} FROM assets WHERE board_id = ? AND id = ?`),
      getBallot: db.prepare<[string, string, string], rows.BallotDbRow>(`SELECT ${rows.columnList(rows.BALLOT_COLUMNS)} FROM ballots WHERE board_id = ? AND round_id = ? AND person_id = ?`),
      listBallots: db.prepare<[string, string], rows.BallotDbRow>(`SELECT ${rows.columnList(rows.BALLOT_COLUMNS)} FROM ballots WHERE board_id = ? AND round_id = ? ORDER BY person_id`),
      putBallot: db.prepare<rows.SqlValue[]>(`${rows.insertStatement('ballots', rows.BALLOT_COLUMNS, () => '?')} ON CONFLICT (board_id, round_id, person_id) DO UPDATE SET side = excluded.side, dots = excluded.dots, updated_at = excluded.updated_at`),
      deleteBallot: db.prepare<[string, string, string]>('DELETE FROM ballots WHERE board_id = ? AND round_id = ? AND person_id = ?'),
      deleteBallots: db.prepare<[string]>('DELETE FROM ballots WHERE board_id = ?'),
    };
    const st = this.stmts;
    const ballotTx = db.transaction((key: BallotKey, change: BallotChange, updatedAt: number): StoredBallot | null => {
      const row = st.getBallot.get(key.boardId, key.round, key.personId);
      const current = row ? rows.ballotFromRow(row) : null;
      const next = rows.nextBallot(current, change(current), key, updatedAt);
      if (next === undefined) return current;
      if (next === null) st.deleteBallot.run(key.boardId, key.round, key.personId);
      else st.putBallot.run(...rows.ballotValues(next));
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

  async createBoard(board: NewBoardRow): Promise<void> {
    this.stmts.insertBoard.run(...rows.boardValues(board));
  }

  async getBoard(id: string): Promise<BoardRow | null> {
    const row = this.stmts.getBoard.get(id);
    return row ? rows.boardFromRow(row) : null;
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
    this.stmts.insertRecord.run(...rows.recordValues(record));
  }

  async listRecords(boardId: string): Promise<StoredRecord[]> {
    return this.stmts.listRecords.all(boardId).map(rows.recordFromRow);
  }

  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    const row = this.stmts.getRecord.get(boardId, id);
    return row ? rows.recordFromRow(row) : null;
  }

  async listSupersedingRecords(boardId: string): Promise<StoredRecord[]> {
    return this.stmts.listSuperseding.all(boardId).map(rows.recordFromRow);
  }

  async putAsset(asset: StoredAsset): Promise<void> {
    this.stmts.putAsset.run(...rows.assetValues(asset));
  }

  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    const row = this.stmts.getAsset.get(boardId, id);
    return row ? rows.assetFromRow(row) : null;
  }

  async getBallot(key: BallotKey): Promise<StoredBallot | null> {
    const row = this.stmts.getBallot.get(key.boardId, key.round, key.personId);
    return row ? rows.ballotFromRow(row) : null;
  }

  async listBallots(boardId: string, round: string): Promise<StoredBallot[]> {
    return this.stmts.listBallots.all(boardId, round).map(rows.ballotFromRow);
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
