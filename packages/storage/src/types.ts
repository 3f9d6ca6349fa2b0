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
}

/** What a room holds in storage: the compacted snapshot and the log after it, merged into one update. */
export interface LoadedRoom {
  /** Snapshot and log merged (`Y.mergeUpdates`), or `null` for a room never written. */
  readonly update: Uint8Array | null;
  /**
   * Sequence number of the last log entry included in `update` (0 when the log is empty).
   * Every entry of this room with a smaller seq is included too, so compacting through it is safe.
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

/** Board metadata. */
export interface BoardRow {
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
}

/** A binary asset (an uploaded image) kept with its board. */
export interface StoredAsset {
  readonly id: string;
  readonly boardId: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly createdAt: number;
}

/**
 * A room's durable Yjs state: an append-only update log plus a compacted snapshot. This is all the
 * relay sees of storage (tldraw's `TLSyncStorage`, y-redis's `AbstractStorage`: the document log
 * and nothing else).
 */
export interface RoomStore {
  /**
   * Appends a batch (possibly several rooms) in ONE transaction; resolves once durable. Returns each
   * entry's sequence number and its room's previous entry, in order. Within a room, seqs increase in
   * commit order, never reused, and each entry names the one before it.
   */
  appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]>;
  /** Loads a room: snapshot plus every log entry, merged. */
  loadRoom(room: string): Promise<LoadedRoom>;
  /**
   * Merges `state` (a full-state update, e.g. `Y.encodeStateAsUpdate`) into the room's snapshot and
   * deletes log entries with seq <= `throughSeq`, atomically. Entries after it are kept.
   */
  compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * Each room's head: the seq of its newest entry, compacted or not (0 for a room never written).
   * One cheap read for many rooms: scaled-out instances compare it with what they hold.
   */
  roomHeads(rooms: readonly string[]): Promise<Map<string, number>>;
  /**
   * The room's entries after `afterSeq` (a seq of this room, or 0), read in one transaction with its
   * head; null when some of them may already be folded into the snapshot (load the room instead).
   */
  readRoomSince(room: string, afterSeq: number): Promise<RoomDelta | null>;
}

/** Board metadata: the row behind each board id. */
export interface BoardStore {
  createBoard(board: BoardRow): Promise<void>;
  getBoard(id: string): Promise<BoardRow | null>;
  /** Renames a board; returns the updated row, or null when unknown. */
  updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null>;
}

/** Decision records: immutable, chained per board. */
export interface RecordStore {
  /** Inserts a decision record; fails if (boardId, seq) already exists, which keeps the chain linear. */
  insertRecord(record: StoredRecord): Promise<void>;
  listRecords(boardId: string): Promise<StoredRecord[]>;
  getRecord(boardId: string, id: string): Promise<StoredRecord | null>;
}

/** Uploaded images, kept with their board. */
export interface AssetStore {
  putAsset(asset: StoredAsset): Promise<void>;
  getAsset(boardId: string, id: string): Promise<StoredAsset | null>;
}

/**
 * One store holding every concern (SQLite or Postgres). Every method is async so both share one
 * signature; implementations keep each method atomic. Hand each part only to whoever needs it:
 * the relay gets the `RoomStore`.
 */
export interface Storage extends RoomStore, BoardStore, RecordStore, AssetStore {
  /** Resolves when the store answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  /** Flushes and releases the store. */
  close(): Promise<void>;
}
