// Row <-> object mapping, shared by the SQLite and Postgres stores: one column list per table, in
// the order the values are bound. Column names are those of the shipped migrations.
import type { BoardRow, LinkRole, NewBoardRow, StoredAsset, StoredBallot, StoredRecord } from './types.ts';
import type { HistoryCheckpoint, HistoryEntry } from './roomTypes.ts';

/** SQLite gives numbers; Postgres gives BIGINT and BIGSERIAL as strings (ours stay far below 2^53). */
type DbNumber = number | string;

/** A value bound to a statement parameter. */
export type SqlValue = string | number | null | Uint8Array;

/** Columns a new `boards` row is inserted with, in the order {@link boardValues} binds them; the link generations start at their default, 0. */
export const BOARD_INSERT_COLUMNS = ['id', 'title', 'created_at', 'updated_at', 'token_salt', 'template', 'opened_at'] as const;

/** The column of each role's link generation. */
export const LINK_GENERATION_COLUMNS: Readonly<Record<LinkRole, string>> = {
  facilitator: 'facilitator_generation',
  participant: 'participant_generation',
  viewer: 'viewer_generation',
};

/** Columns of `boards` as read. */
export const BOARD_COLUMNS = [...BOARD_INSERT_COLUMNS, ...Object.values(LINK_GENERATION_COLUMNS)] as const;

/**
 * Every table holding rows of a board, and how its rows name the board: by board id, or by the
 * name of one of the board's rooms. `deleteBoard` deletes from each, in this order, in one
 * transaction, so a table added for boards needs exactly one line here. `boards` comes last.
 */
export const BOARD_DATA: ReadonlyArray<{ readonly table: string; readonly column: string; readonly by: 'board' | 'room' }> = [
  { table: 'room_log', column: 'room', by: 'room' },
  { table: 'room_snapshot', column: 'room', by: 'room' },
  { table: 'room_checkpoint', column: 'room', by: 'room' },
  { table: 'room_head', column: 'room', by: 'room' },
  { table: 'records', column: 'board_id', by: 'board' },
  { table: 'assets', column: 'board_id', by: 'board' },
  { table: 'ballots', column: 'board_id', by: 'board' },
  { table: 'boards', column: 'id', by: 'board' },
];

/** Columns of `records`, in the order {@link recordValues} binds them. */
export const RECORD_COLUMNS = ['board_id', 'id', 'seq', 'created_at', 'body', 'snapshot', 'body_hash', 'snapshot_hash', 'prev_hash', 'hash', 'supersedes_board_id', 'supersedes_record_id'] as const;

/** Columns of `assets`, in the order {@link assetValues} binds them. */
export const ASSET_COLUMNS = ['board_id', 'id', 'content_type', 'bytes', 'created_at'] as const;

/** Columns of `ballots`, in the order {@link ballotValues} binds them. */
export const BALLOT_COLUMNS = ['board_id', 'round_id', 'person_id', 'side', 'dots', 'updated_at'] as const;

/** A `boards` row as a driver returns it. */
export interface BoardDbRow {
  id: string;
  title: string;
  created_at: DbNumber;
  updated_at: DbNumber;
  token_salt: string;
  template: string | null;
  opened_at: DbNumber;
  facilitator_generation: DbNumber;
  participant_generation: DbNumber;
  viewer_generation: DbNumber;
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
  supersedes_board_id: string | null;
  supersedes_record_id: string | null;
}

/** An `assets` row as a driver returns it. */
export interface AssetDbRow {
  board_id: string;
  id: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: DbNumber;
}

/** A `ballots` row as a driver returns it; `dots` is JSON text. */
export interface BallotDbRow {
  board_id: string;
  round_id: string;
  person_id: string;
  side: string;
  dots: string;
  updated_at: DbNumber;
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

/** The values of a new board, in {@link BOARD_INSERT_COLUMNS} order: it counts as opened when created. */
export const boardValues = (b: NewBoardRow): SqlValue[] => [b.id, b.title, b.createdAt, b.updatedAt, b.tokenSalt, b.template, b.createdAt];

/** The values of a record, in {@link RECORD_COLUMNS} order. */
export const recordValues = (r: StoredRecord): SqlValue[] => [r.boardId, r.id, r.seq, r.createdAt, r.body, r.snapshot, r.bodyHash, r.snapshotHash, r.prevHash, r.hash, r.supersedes?.boardId ?? null, r.supersedes?.recordId ?? null];

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
  openedAt: Number(r.opened_at),
  linkGenerations: { facilitator: Number(r.facilitator_generation), participant: Number(r.participant_generation), viewer: Number(r.viewer_generation) },
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
  ...(r.supersedes_board_id && r.supersedes_record_id ? { supersedes: { boardId: r.supersedes_board_id, recordId: r.supersedes_record_id } } : {}),
});

/** An `assets` row as a stored asset. */
export const assetFromRow = (r: AssetDbRow): StoredAsset => ({
  id: r.id,
  boardId: r.board_id,
  contentType: r.content_type,
  bytes: bytes(r.bytes),
  createdAt: Number(r.created_at),
});

/** The values of a ballot, in {@link BALLOT_COLUMNS} order (dots as JSON text). */
export const ballotValues = (b: StoredBallot): SqlValue[] => [b.boardId, b.round, b.personId, b.side, JSON.stringify(b.dots), b.updatedAt];

/** Dots as stored, keeping only whole numbers above zero (the text is ours, but a store can be edited by hand). */
function parseDots(text: string): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [shapeId, n] of Object.entries(parsed)) if (Number.isInteger(n) && (n as number) > 0) out[shapeId] = n as number;
  }
  return out;
}

/** A `ballots` row as a stored ballot. */
export const ballotFromRow = (r: BallotDbRow): StoredBallot => ({
  boardId: r.board_id,
  round: r.round_id,
  personId: r.person_id,
  side: r.side,
  dots: parseDots(r.dots),
  updatedAt: Number(r.updated_at),
});

/**
 * The ballot a change leaves, or null when it deletes the ballot (no dots left); `undefined` when
 * the change keeps the stored one. Shared by both stores' `changeBallot`.
 */
export function nextBallot(current: StoredBallot | null, decided: { side: string; dots: Readonly<Record<string, number>> } | null, key: Pick<StoredBallot, 'boardId' | 'round' | 'personId'>, updatedAt: number): StoredBallot | null | undefined {
  if (decided === null) return undefined;
  const dots = Object.fromEntries(Object.entries(decided.dots).filter(([, n]) => Number.isInteger(n) && n > 0));
  if (Object.keys(dots).length === 0) return current ? null : undefined;
  return { boardId: key.boardId, round: key.round, personId: key.personId, side: decided.side, dots, updatedAt };
}

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
