import type { TLShapeId } from 'tldraw';

/**
 * Text someone was typing when the facilitator locked the board. The canvas turns read-only and
 * the server refuses what was not yet saved (the page then reloads from the server), so the text is
 * kept on this device — sessionStorage, which survives that reload — and offered back: to copy at
 * once, and to put back into its note once the board is unlocked.
 */
export interface HeldText {
  shapeId: TLShapeId;
  text: string;
}

const key = (boardId: string) => `accord.heldText.${boardId}`;

export function holdText(boardId: string, held: HeldText): void {
  sessionStorage.setItem(key(boardId), JSON.stringify(held));
}

export function readHeldText(boardId: string): HeldText | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(key(boardId)) ?? 'null') as Partial<HeldText> | null;
    return v && typeof v.shapeId === 'string' && typeof v.text === 'string' && v.text.trim() ? { shapeId: v.shapeId as TLShapeId, text: v.text } : null;
  } catch {
    return null;
  }
}

export function forgetHeldText(boardId: string): void {
  sessionStorage.removeItem(key(boardId));
}
