import { useEffect, useRef, useState } from 'react';
import { toRichText, type Editor, type TLShapePartial } from 'tldraw';
import { richTextToPlainText } from '@accord/board';
import { forgetHeldText, holdText, readHeldText, type HeldText } from './heldText.ts';

/**
 * Keeps what a person was typing when the lock landed (see heldText.ts) and offers it back: a
 * notice with the text, a copy button, and — once they may edit again and the note is still there —
 * "Put it back".
 */
export function useHeldText(editor: Editor | null, boardId: string, canEdit: boolean): { held: HeldText | null; restore: () => void; dismiss: () => void } {
  const [held, setHeld] = useState<HeldText | null>(() => readHeldText(boardId));
  const couldEdit = useRef(canEdit);
  useEffect(() => {
    const lost = couldEdit.current && !canEdit;
    couldEdit.current = canEdit;
    if (!lost || !editor) return;
    const editing = editor.getEditingShape();
    const richText = (editing?.props as { richText?: unknown } | undefined)?.richText;
    const text = richText ? richTextToPlainText(richText) : '';
    if (!editing || !text.trim()) return;
    const next = { shapeId: editing.id, text };
    holdText(boardId, next);
    setHeld(next);
    editor.complete();
  }, [editor, boardId, canEdit]);
  const dismiss = () => {
    forgetHeldText(boardId);
    setHeld(null);
  };
  const restore = () => {
    if (!editor || !held) return;
    const shape = editor.getShape(held.shapeId);
    // Notes, texts and geo shapes all keep their words in `richText`.
    if (shape && 'richText' in shape.props) editor.updateShape({ id: shape.id, type: shape.type, props: { richText: toRichText(held.text) } } as TLShapePartial);
    dismiss();
  };
  return { held, restore, dismiss };
}

/** The notice offering held text back. */
export function HeldTextNotice({ editor, held, canEdit, onRestore, onDismiss }: { editor: Editor | null; held: HeldText; canEdit: boolean; onRestore: () => void; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const noteThere = !!editor?.getShape(held.shapeId);
  return (
    <div className="banner held-text" role="status" data-testid="held-text">
      <span>
        {canEdit ? 'You were typing when the board was locked:' : 'The board was locked while you typed. Your text is kept here:'} <q>{held.text.length > 140 ? `${held.text.slice(0, 140)}…` : held.text}</q>
      </span>{' '}
      <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(held.text).then(() => setCopied(true))}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      {canEdit && noteThere && (
        <>
          {' · '}
          <button type="button" className="link" onClick={onRestore} data-testid="held-text-restore">
            Put it back
          </button>
        </>
      )}
      {' · '}
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
