// Row <-> object mapping, shared by the SQLite and Postgres stores: one column list per table, in
// the order the values are bound. Column names are those of the shipped migrations.
import type { BoardRow, HistoryCheckpoint, HistoryEntry, StoredAsset, StoredRecord } from './types.ts';

/** SQLite gives numbers; Postgres gives BIGINT and BIGSERIAL as strings (ours stay far below 2^53). */
type DbNumber = number | string;

/** A value bound to a statement parameter. */
export type SqlValue = string | number | null | Uint8Array;

/** Columns of `boards`, in the order {@link boardValues} binds them. */
export const BOARD_COLUMNS = ['id', 'title', 'created_at', 'updated_at', 'token_salt', 'template'] as const;

/** Columns of `records`, in the order {@link recordValues} binds them. */
export const RECORD_COLUMNS = ['board_id', 'id', 'seq', 'created_at', 'body', 'snapshot', 'body_hash', 'snapshot_hash', 'prev_hash', 'hash'] as const;

/** Columns of `assets`, in the order {@link assetValues} binds them. */
export const ASSET_COLUMNS = ['board_id', 'id', 'content_type', 'bytes', 'created_at'] as const;

/** A `boards` row as a driver returns it. */
export interface BoardDbRow {
  id: string;
  title: string;
  created_at: DbNumber;
  updated_at: DbNumber;
  token_salt: string;
  template: string | null;
}

/** A `records` row as a driver returns it. */
export interface RecordDbRow {
  board_id: string;
  id: string;
  seq: DbNumber;
  created_at: DbNumber;
  body: string;
  snapshot: Uint8Array;
  body_hash: string;
  snapshot_hash: string;
  prev_hash: string | null;
  hash: string;
}

/** An `assets` row as a driver returns it. */
export interface AssetDbRow {
  board_id: string;
  id: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: DbNumber;
}

/** A `room_log` row as loaded: its seq and its update. */
export interface LogDbRow {
  seq: DbNumber;
  update_bytes: Uint8Array;
}

/** Columns of `room_log` as history reads them, in the order of {@link HistoryDbRow}. */
export const HISTORY_COLUMNS = ['seq', 'stored_at', 'author', 'restored_from', 'update_bytes'] as const;

/** A `room_log` row as history reads it. */
export interface HistoryDbRow extends LogDbRow {
  stored_at: DbNumber;
  author: string | null;
  restored_from: DbNumber | null;
}

/** Columns of `room_checkpoint`, in the order {@link checkpointValues} binds them. */
export const CHECKPOINT_COLUMNS = ['room', 'seq', 'state', 'stored_at'] as const;

/** A `room_checkpoint` row as a driver returns it. */
export interface CheckpointDbRow {
  room: string;
  seq: DbNumber;
  state: Uint8Array;
  stored_at: DbNumber;
}

/** `a, b, c`: a column list for SELECT or INSERT. */
export const columnList = (columns: readonly string[]): string => columns.join(', ');

/**
 * `INSERT INTO <table> (<columns>) VALUES (<placeholders>)`; `placeholder(i)` writes the i-th
 * parameter (`?` for SQLite, `$1`… for Postgres).
 */
export function insertStatement(table: string, columns: readonly string[], placeholder: (i: number) => string): string {
  return `INSERT INTO ${table} (${columnList(columns)}) VALUES (${columns.map((_, i) => placeholder(i)).join(', ')})`;
}

/** A copy the caller owns, never a view over a driver's buffer. */
const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/** The values of a board, in {@link BOARD_COLUMNS} order. */
export const boardValues = (b: BoardRow): SqlValue[] => [b.id, b.title, b.createdAt, b.updatedAt, b.tokenSalt, b.template];

/** The values of a record, in {@link RECORD_COLUMNS} order. */
export const recordValues = (r: StoredRecord): SqlValue[] => [r.boardId, r.id, r.seq, r.createdAt, r.body, r.snapshot, r.bodyHash, r.snapshotHash, r.prevHash, r.hash];

/** The values of a checkpoint of `room`, in {@link CHECKPOINT_COLUMNS} order. */
export const checkpointValues = (room: string, c: HistoryCheckpoint): SqlValue[] => [room, c.seq, c.state, c.storedAt];

/** The values of an asset, in {@link ASSET_COLUMNS} order. */
export const assetValues = (a: StoredAsset): SqlValue[] => [a.boardId, a.id, a.contentType, a.bytes, a.createdAt];

/** A `boards` row as a board. */
export const boardFromRow = (r: BoardDbRow): BoardRow => ({
  id: r.id,
  title: r.title,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  tokenSalt: r.token_salt,
  template: r.template,
});

/** A `records` row as a stored record. */
export const recordFromRow = (r: RecordDbRow): StoredRecord => ({
  id: r.id,
  boardId: r.board_id,
  seq: Number(r.seq),
  createdAt: Number(r.created_at),
  body: r.body,
  snapshot: bytes(r.snapshot),
  bodyHash: r.body_hash,
  snapshotHash: r.snapshot_hash,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** An `assets` row as a stored asset. */
export const assetFromRow = (r: AssetDbRow): StoredAsset => ({
  id: r.id,
  boardId: r.board_id,
  contentType: r.content_type,
  bytes: bytes(r.bytes),
  createdAt: Number(r.created_at),
});

/** A `room_log` row as a history entry. */
export const historyEntryFromRow = (r: HistoryDbRow): HistoryEntry => ({
  seq: Number(r.seq),
  storedAt: Number(r.stored_at),
  author: r.author,
  restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
  update: bytes(r.update_bytes),
});

/** A `room_checkpoint` row as a checkpoint. */
export const checkpointFromRow = (r: CheckpointDbRow): HistoryCheckpoint => ({
  seq: Number(r.seq),
  storedAt: Number(r.stored_at),
  state: bytes(r.state),
});
