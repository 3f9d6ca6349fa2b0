// What a room's history rows mean, the same for every store: a version is rebuilt from the newest
// checkpoint at or before it plus the log entries after that checkpoint; compaction keeps a new
// checkpoint when the log since the last one has grown; retention keeps the state as of its
// cutoff as a checkpoint before removing what is older. Each store only reads and writes the rows,
// in its own transactions.
import * as Y from 'yjs';

/** Log entries since the newest checkpoint after which a compaction keeps a new one. */
export const CHECKPOINT_INTERVAL = 1000;

/*
 * A checkpoint kept by a compaction is, when it can be, the state the compaction was given rather
 * than a replay: that state holds every entry of the room through `throughSeq` (else loading would
 * lose what compaction folded in), and when the room has no entry after `throughSeq` it can hold
 * nothing more, since everything a room holds was stored as one of its entries (the same reason
 * lets it replace the snapshot, see `compactedSnapshot`). Otherwise (another instance appended
 * meanwhile) the checkpoint is replayed from the rows.
 */

/** A checkpoint row reduced to what rebuilding needs. */
export interface CheckpointBase {
  readonly seq: number;
  readonly state: Uint8Array;
}

/**
 * The state made of `base` (a full state; null for a room's empty beginning) with `updates`
 * applied in seq order, encoded from a garbage-collected doc so a checkpoint holds no deleted
 * content. An update that builds on one not yet applied stays pending in the doc and is encoded
 * with it, as the relay would hold it.
 */
export function replayState(base: Uint8Array | null, updates: Iterable<Uint8Array>): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    if (base) Y.applyUpdate(doc, base);
    for (const update of updates) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The bounds of what a room's history holds, read with the rows of one version. */
export interface HistoryBounds {
  /** Seq of the oldest checkpoint kept, or null when the room has none. */
  readonly oldestCheckpoint: number | null;
  /** Seq of the room's first and last log entries kept, or null when none is. */
  readonly firstEntry: number | null;
  readonly lastEntry: number | null;
}

/**
 * Whether version `seq` is one the history holds, from the oldest kept to the newest entry. What
 * makes every such version rebuildable from the newest checkpoint at or before it (or from
 * nothing) is the invariant pruning keeps: every entry after the oldest checkpoint is kept, and
 * entries older than the oldest checkpoint exist only while the room's whole log since its first
 * entry does (nothing was pruned yet). So the oldest version is the older of the two.
 */
export function isKeptVersion(seq: number, b: HistoryBounds): boolean {
  const starts = [b.oldestCheckpoint, b.firstEntry].filter((n): n is number => n !== null);
  if (starts.length === 0) return false;
  const oldest = Math.min(...starts);
  const newest = Math.max(b.lastEntry ?? oldest, b.oldestCheckpoint ?? oldest);
  return Number.isSafeInteger(seq) && seq >= oldest && seq <= newest;
}
