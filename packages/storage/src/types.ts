/**
 * The storage contract shared by every store (SQLite embedded, Postgres scaled out).
 * The relay and the server only ever talk to this interface.
 */

/** One Yjs update for one room, as received from a client (already validated by the relay). */
export interface RoomUpdate {
  /** Room name: `<boardId>` or `<boardId>/facilitation`. */
  readonly room: string;
  /** A Yjs v1 update. */
  readonly update: Uint8Array;
  /**
   * Who wrote it, for the room's history: what the relay's policy names the writer (a person id,
   * else a role), `server` for the server's own changes; null or absent when unknown.
   */
  readonly author?: string | null;
}

/** What a room holds in storage: the compacted snapshot and the log after it, merged into one update. */
export interface LoadedRoom {
  /** Snapshot and log merged (`Y.mergeUpdates`), or `null` for a room never written. */
  readonly update: Uint8Array | null;
  /**
   * Sequence number of the last log entry included in `update` after the snapshot (0 when none
   * follows it). Every entry of this room with a smaller seq is included too, so compacting through
   * it is safe.
   */
  readonly lastSeq: number;
  /** Number of log entries not yet folded into the snapshot. */
  readonly logLength: number;
}

/** Where an appended update landed in its room's log. */
export interface AppendedUpdate {
  /** Its sequence number: increasing within a room in commit order, never reused. */
  readonly seq: number;
  /**
   * The seq of the room's entry just before it (0 before the room's first). A room's entries form
   * one chain through these, compacted or not, so whoever follows a room can tell it missed one.
   */
  readonly prevSeq: number;
}

/** A room's entries after a given seq (`RoomStore.readRoomSince`). */
export interface RoomDelta {
  /** The room's head: the seq of its newest entry, compacted or not (0 for a room never written). */
  readonly head: number;
  /** Every entry after the given seq through `head`, in order. */
  readonly updates: Uint8Array[];
}

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

/**
 * A room's durable Yjs state: an append-only update log plus a compacted snapshot. This is all the
 * relay sees of storage (tldraw's `TLSyncStorage`, y-redis's `AbstractStorage`: the document log
 * and nothing else). What stores keep beyond that, as history, is read through `HistoryStore`.
 */
export interface RoomStore {
  /**
   * Appends a batch (possibly several rooms) in ONE transaction; resolves once durable. Returns each
   * entry's sequence number and its room's previous entry, in order. Within a room, seqs increase in
   * commit order, never reused, and each entry names the one before it.
   */
  appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]>;
  /** Loads a room: its snapshot plus every log entry not folded into it, merged. */
  loadRoom(room: string): Promise<LoadedRoom>;
  /**
   * Merges `state` (a full-state update, e.g. `Y.encodeStateAsUpdate`) into the room's snapshot, so
   * that loading no longer reads log entries with seq <= `throughSeq`, atomically. Entries after it
   * are loaded as before. Stores that keep history (`HistoryStore`) keep the entries folded in
   * until retention prunes them; others may delete them.
   */
  compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Each room's head: the seq of its newest entry, compacted or not (0 for a room never written).
   * One cheap read for many rooms: scaled-out instances compare it with what they hold.
   */
  roomHeads(rooms: readonly string[]): Promise<Map<string, number>>;
  /**
   * The room's entries after `afterSeq` (a seq of this room, or 0), read in one transaction with its
   * head; null when the entry `afterSeq` is gone from the log (retention pruned it) or is 0 while the
   * room has entries: some may then be only in the snapshot (load the room instead).
   */
  readRoomSince(room: string, afterSeq: number): Promise<RoomDelta | null>;
}

/** One stored update of a room, as its history shows it. */
export interface HistoryEntry {
  readonly seq: number;
  /** When the store took it, ms since the epoch (the upgrade's time for entries stored before history was kept). */
  readonly storedAt: number;
  /** Who wrote it (see `RoomUpdate.author`); null when unknown. */
  readonly author: string | null;
  /** Set when the entry restored the room to an earlier version: that version's seq (see `markRestore`). */
  readonly restoredFrom: number | null;
  readonly update: Uint8Array;
}

/**
 * A room's whole state as of one version (every entry of the room with seq <= `seq`), kept so that
 * later versions are rebuilt from it rather than from the first entry, and so that history older
 * than it can be pruned.
 */
export interface HistoryCheckpoint {
  readonly seq: number;
  /** When the version it holds was made: the stored time of its last entry. */
  readonly storedAt: number;
  /** A full-state Yjs update. */
  readonly state: Uint8Array;
}

/** What one retention sweep removed. */
export interface PrunedHistory {
  /** Rooms whose history was shortened. */
  readonly rooms: number;
  readonly entries: number;
  readonly checkpoints: number;
}

/**
 * A room's history: every version since the oldest kept one, rebuilt from checkpoints and the log
 * that compaction no longer deletes. Versions are named by seq: version `s` of a room is its state
 * made of every entry of the room with seq <= `s`. Retention (`pruneHistory`) is the only thing
 * that removes history. Rows are keyed by room, so a board's history goes with its rooms.
 */
export interface HistoryStore {
  /**
   * The newest checkpoint of `room` with seq <= `atOrBefore`, or the oldest one kept when
   * `atOrBefore` is absent; null when there is none (the room's history then starts empty, at seq 0).
   */
  historyCheckpoint(room: string, atOrBefore?: number): Promise<HistoryCheckpoint | null>;
  /** Entries of `room` with `afterSeq` < seq <= `throughSeq` (default: all), in seq order, at most `limit` (default: all). */
  historyEntries(room: string, afterSeq: number, opts?: { throughSeq?: number; limit?: number }): Promise<HistoryEntry[]>;
  /**
   * The state of `room` at version `seq` as a full-state update, or null when that is not a version
   * kept: before the oldest kept (pruned), after the newest, or of a room without history.
   */
  roomStateAt(room: string, seq: number): Promise<Uint8Array | null>;
  /** Records that entry `seq` of `room` restored version `restoredFrom` and who asked for it; false when no such entry. */
  markRestore(room: string, seq: number, restore: { author: string; restoredFrom: number }): Promise<boolean>;
  /**
   * Retention: for every room, removes the entries stored before `before` (ms since the epoch) and
   * the checkpoints they made unnecessary, keeping the room's state as of the newest of them as a
   * checkpoint, the oldest version left. Never removes an entry the snapshot does not hold yet.
   */
  pruneHistory(before: number): Promise<PrunedHistory>;
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
