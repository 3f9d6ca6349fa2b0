// What storage keeps of a room: its update log (RoomStore, all the relay sees) and its history.

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
