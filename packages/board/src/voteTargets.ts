import type * as Y from 'yjs';
import { readRecords } from './doc.ts';
import { rec } from './values.ts';

// What a dot may go on: a note that is on the board, inside the round's frame when it has one.
// The server checks each dot against the content room with these; the web app offers + and − only
// on the same notes.

/** Looks a record up by id in a board's content (e.g. {@link recordLookup}); undefined when absent. */
export type RecordLookup = (id: string) => unknown;

/**
 * A lookup over a content doc's records that attaches nothing to the doc (no observer, no write),
 * so it is safe on a room's live doc. Reads the records once; call again after the doc changed.
 */
export function recordLookup(doc: Y.Doc): RecordLookup {
  const byId = new Map<string, unknown>(readRecords(doc).map((r) => [r.id, r]));
  return (id) => byId.get(id);
}

const shapeOf = (records: RecordLookup, id: string): Record<string, unknown> | null => {
  const r = rec(records(id));
  return r && r.typeName === 'shape' ? r : null;
};

/** Is shape `shapeId` inside frame `frameId`, at any depth? A cycle of parents (a corrupt board) is not. */
export function isInsideFrame(records: RecordLookup, shapeId: string, frameId: string): boolean {
  const seen = new Set<string>();
  let parent = shapeOf(records, shapeId)?.parentId;
  while (typeof parent === 'string' && !seen.has(parent)) {
    if (parent === frameId) return true;
    seen.add(parent);
    parent = shapeOf(records, parent)?.parentId;
  }
  return false;
}

/** Why a round may not be limited to `frameId` (no frame with that id on the board), or null. */
export function voteFrameRefusal(records: RecordLookup, frameId: string): string | null {
  return shapeOf(records, frameId)?.type === 'frame' ? null : 'there is no frame with that id on the board';
}

/** Why a dot may not go on `shapeId`: not a note on the board, or outside the round's frame; null when it may. */
export function voteTargetRefusal(records: RecordLookup, shapeId: string, frameId: string | null): string | null {
  if (shapeOf(records, shapeId)?.type !== 'note') return 'there is no note with that id on the board';
  if (frameId !== null && !isInsideFrame(records, shapeId, frameId)) return 'that note is outside the frame this vote is about';
  return null;
}
