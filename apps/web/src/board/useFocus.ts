import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Editor } from 'tldraw';
import { updateSession, type FacilitationFocus } from '@accord/board';

/** A focus request older than the page by more than this is from before we came: ignored. */
const LATE_JOINER_GRACE_MS = 5_000;

/** "Bring everyone here": asks everyone's view to move to the facilitator's viewport. */
export function bringEveryoneHere(doc: Y.Doc, editor: Editor, me: string, serverNow: number): void {
  const b = editor.getViewportPageBounds();
  const focus: FacilitationFocus = { x: b.x, y: b.y, w: b.w, h: b.h, at: serverNow, by: me, pageId: editor.getCurrentPageId() };
  updateSession(doc, { focus });
}

/**
 * Applies "bring everyone here": each participant's view moves once per request to the
 * facilitator's; requests from before this page opened are ignored, so a late joiner is not yanked
 * around. The one who asked stays where they are.
 */
export function useFocus(editor: Editor | null, focus: FacilitationFocus | null, me: string, offset: number): void {
  const openedAt = useRef(Date.now());
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!editor || !focus || focus.by === me || seen.current === focus.at) return;
    seen.current = focus.at;
    if (focus.at < openedAt.current + offset - LATE_JOINER_GRACE_MS) return;
    editor.stopFollowingUser();
    editor.zoomToBounds({ x: focus.x, y: focus.y, w: focus.w, h: focus.h }, { animation: { duration: 400 } });
  }, [editor, focus, me, offset]);
}
