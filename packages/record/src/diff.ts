import type { TLRecord } from '@tldraw/tlschema';
import { readBoard, type BoardItem, type ContentType } from './board.ts';

/** A note (or a text or geo shape with text) that is on one side of a comparison only. */
interface NoteChange {
  id: string;
  type: ContentType;
  text: string;
  /** The label of its area, or null outside every frame. */
  area: string | null;
}

/** A note on both sides whose text or area differs. */
interface NoteEdit {
  id: string;
  before: string;
  after: string;
  /** Its area now. */
  area: string | null;
  /** Its area before (equal to `area` unless `moved`). */
  areaBefore: string | null;
  /** It is in another area (frame) than before. */
  moved: boolean;
  textChanged: boolean;
}

/** What changed between two states of a board, in board order. */
export interface BoardDiff {
  added: NoteChange[];
  removed: NoteChange[];
  changed: NoteEdit[];
}

const change = (i: BoardItem): NoteChange => ({ id: i.id, type: i.type, text: i.text, area: i.area?.label ?? null });

/**
 * Compares two states of a board ("compare with now": a record's snapshot against the live
 * board): notes and text or geo shapes with text that were added, removed, or changed text or
 * area. Moving a note within its area is not a change; emptying a note's text removes it.
 * Template decorations (prompts, titles) are ignored. `removed` is in the old board's order,
 * the others in the new board's.
 */
export function diffBoards(before: TLRecord[], after: TLRecord[]): BoardDiff {
  const old = readBoard(before);
  const now = readBoard(after);
  const added: NoteChange[] = [];
  const changed: NoteEdit[] = [];
  for (const item of now.items) {
    const prev = old.byId.get(item.id);
    if (!prev) {
      added.push(change(item));
      continue;
    }
    const moved = (prev.area?.id ?? null) !== (item.area?.id ?? null);
    const textChanged = prev.text !== item.text;
    if (moved || textChanged) {
      changed.push({ id: item.id, before: prev.text, after: item.text, area: item.area?.label ?? null, areaBefore: prev.area?.label ?? null, moved, textChanged });
    }
  }
  const removed = old.items.filter((i) => !now.byId.has(i.id)).map(change);
  return { added, removed, changed };
}
