/**
 * The storage contract shared by every store (SQLite embedded, Postgres scaled out).
 * The relay and the server only ever talk to this interface; the rooms' part is in roomTypes.ts.
 */
import type { HistoryStore, RoomStore } from './roomTypes.ts';

/** The roles a board hands out links for; storage keeps one link generation per role. */
export type LinkRole = 'facilitator' | 'participant' | 'viewer';

/** How many times each role's link was reset: a link is valid only for its role's current generation. */
type LinkGenerations = Readonly<Record<LinkRole, number>>;

/** Board metadata as given to `createBoard`: a new board's links are at generation 0 and it counts as opened when created. */
export interface NewBoardRow {
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Random per-board material mixed into its capability tokens (base64url). */
  readonly tokenSalt: string;
  /** Template the board started from, if any. */
  readonly template: string | null;
}

/** Board metadata as stored. */
export interface BoardRow extends NewBoardRow {
  /** Each role's link generation (0 until a facilitator resets that link). */
  readonly linkGenerations: LinkGenerations;
  /** When someone last opened the board (ms; kept to the hour, see `markBoardOpened`); `createdAt` until then. */
  readonly openedAt: number;
}

/** An immutable decision record as stored (the JSON body is opaque to storage). */
export interface StoredRecord {
  readonly id: string;
  readonly boardId: string;
  readonly createdAt: number;
  /** Position in the board's hash chain, from 1. */
  readonly seq: number;
  /** The record as JSON text. */
  readonly body: string;
  /** Yjs update bytes of the board (content + facilitation, see the record package) at that moment. */
  readonly snapshot: Uint8Array;
  /** Hex SHA-256 of `body`, of `snapshot`, of the previous record (or null), and of this link. */
  readonly bodyHash: string;
  readonly snapshotHash: string;
  readonly prevHash: string | null;
  readonly hash: string;
  /**
   * The earlier record (of this board or another) this one supersedes, as its body says; kept in
   * columns of its own so {@link RecordStore.listSupersedingRecords} can find it. Absent when none.
   */
  readonly supersedes?: RecordLink;
}

/** A record named by its board and id. */
export interface RecordLink {
  readonly boardId: string;
  readonly recordId: string;
}

/** A binary asset (an uploaded image) kept with its board. */
export interface StoredAsset {
  readonly id: string;
  readonly boardId: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly createdAt: number;
}

/** Which ballot: one voter's, in one round of one board. */
export interface BallotKey {
  readonly boardId: string;
  /** The round's id (the facilitation session's `voting.id`). */
  readonly round: string;
  /** The voter's server-derived person id. */
  readonly personId: string;
}

/** One voter's dots in one round of dot voting, held by the server only. */
export interface StoredBallot extends BallotKey {
  /** The voter's side when they last changed the ballot (trifecta party, else board role). */
  readonly side: string;
  /** Shape id → dots, each a whole number above zero; never empty (an emptied ballot is deleted). */
  readonly dots: Readonly<Record<string, number>>;
  /** Milliseconds since the epoch of the last change. */
  readonly updatedAt: number;
}

/** What a ballot change decides: the voter's side and their dots, or null to leave the ballot as it is. */
export type BallotChange = (current: StoredBallot | null) => { side: string; dots: Readonly<Record<string, number>> } | null;

/**
 * Dot-vote ballots. They live here, not in a room, so that no client reads them before the
 * reveal; the server counts them and publishes only what the round allows.
 */
export interface BallotStore {
  getBallot(key: BallotKey): Promise<StoredBallot | null>;
  /** Every ballot of one round of a board, by person id. */
  listBallots(boardId: string, round: string): Promise<StoredBallot[]>;
  /**
   * Changes one ballot atomically: `change` (synchronous) is given the stored ballot and decides
   * the next one, and no other change to the same ballot, on any server instance, runs in between
   * — so a check of the round's limits in `change` holds. Dots emptied delete the ballot. Resolves
   * with the ballot as stored afterwards (null when there is none); a `change` that throws leaves it
   * untouched and rejects with its error.
   */
  changeBallot(key: BallotKey, change: BallotChange, updatedAt: number): Promise<StoredBallot | null>;
  /** Deletes every ballot of a board (a round cleared, or replaced by a new one). Resolves with how many. */
  deleteBallots(boardId: string): Promise<number>;
}

/** Board metadata: the row behind each board id. */
export interface BoardStore {
  createBoard(board: NewBoardRow): Promise<void>;
  getBoard(id: string): Promise<BoardRow | null>;
  /** Renames a board; returns the updated row, or null when unknown. */
  updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null>;
  /** Moves `role`'s link to its next generation, atomically (old links stop verifying); the updated row, or null when unknown. */
  resetBoardLink(id: string, role: LinkRole, updatedAt: number): Promise<BoardRow | null>;
  /** Records that the board was opened at `at` (for retention). */
  markBoardOpened(id: string, at: number): Promise<void>;
  /** Ids of up to `limit` boards last opened before `cutoff` (ms), oldest first. */
  boardsOpenedBefore(cutoff: number, limit: number): Promise<string[]>;
  /**
   * Deletes a board and everything stored for it, in one transaction: its row, its rooms' logs and
   * snapshots (`rooms`: the board's room names, which only the caller knows), records, assets and
   * every other table listed in `BOARD_DATA` (`rows.ts`). False when there was no such board.
   */
  deleteBoard(id: string, rooms: readonly string[]): Promise<boolean>;
}

/** Decision records: immutable, chained per board. */
export interface RecordStore {
  /** Inserts a decision record; fails if (boardId, seq) already exists, which keeps the chain linear. */
  insertRecord(record: StoredRecord): Promise<void>;
  listRecords(boardId: string): Promise<StoredRecord[]>;
  getRecord(boardId: string, id: string): Promise<StoredRecord | null>;
  /** Records of any board that supersede a record of `boardId`, oldest first. */
  listSupersedingRecords(boardId: string): Promise<StoredRecord[]>;
}

/** Uploaded images, kept with their board. */
export interface AssetStore {
  putAsset(asset: StoredAsset): Promise<void>;
  getAsset(boardId: string, id: string): Promise<StoredAsset | null>;
}

/**
 * One store holding every concern (SQLite or Postgres). Every method is async so both share one
 * signature; implementations keep each method atomic. Hand each part only to whoever needs it:
 * the relay gets the `RoomStore`, the history routes the `HistoryStore`.
 */
export interface Storage extends RoomStore, HistoryStore, BoardStore, RecordStore, AssetStore, BallotStore {
  /** Resolves when the store answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  /** Flushes and releases the store. */
  close(): Promise<void>;
}
