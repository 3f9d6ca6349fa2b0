// What a room's stored rows mean, the same for every store: loading merges the snapshot and the
// log; compacting merges the new state into the stored snapshot. Each store only reads and writes
// the rows, in its own transactions.
import * as Y from 'yjs';
import type { LogDbRow } from './rows.ts';
import type { LoadedRoom } from './types.ts';

/**
 * A room as loaded: the snapshot (if any) and every log row, read in one transaction and in seq
 * order, merged into one update (`Y.mergeUpdates`). `lastSeq` is the last row's seq, so
 * compacting through it folds in exactly what was loaded.
 */
export function loadedRoom(snapshot: Uint8Array | undefined, log: readonly LogDbRow[]): LoadedRoom {
  const parts: Uint8Array[] = [];
  if (snapshot) parts.push(new Uint8Array(snapshot));
  for (const row of log) parts.push(new Uint8Array(row.update_bytes));
  const last = log[log.length - 1];
  return {
    update: parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts),
    lastSeq: last ? Number(last.seq) : 0,
    logLength: log.length,
  };
}

/**
 * The snapshot to store when compacting `state` through `throughSeq` into a room whose stored
 * snapshot is `stored`; `laterEntries` says whether the room has log entries after `throughSeq`.
 * Without any, `state` holds everything the room ever stored (it holds every entry through
 * `throughSeq`, and everything a room holds was stored as one of its entries), so it replaces the
 * snapshot: no merge, and a state from a garbage-collected doc keeps the snapshot free of deleted
 * content. With some, merged, never a blind overwrite: another compactor (another server instance,
 * from its own view) may have folded in entries this state lacks.
 */
export function compactedSnapshot(stored: Uint8Array | undefined, state: Uint8Array, laterEntries: boolean): Uint8Array {
  return stored && laterEntries ? Y.mergeUpdates([new Uint8Array(stored), state]) : state;
}
