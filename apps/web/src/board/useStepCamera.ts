import { useEffect, useRef } from 'react';
import type { Editor } from 'tldraw';
import { findAgendaStep } from '@accord/board';
import { boardAgendas, zoomToStep } from './templates.ts';

/**
 * The agenda step being run moves everyone's view to its frames: when the facilitator runs a step,
 * and when someone opens (or reloads) the board while a step runs — they land on it. Between
 * changes people roam freely ("Back to the step" returns them). Someone following a person is left
 * to follow.
 */
export function useStepCamera(editor: Editor | null, stepKey: string | null): void {
  const shown = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!editor || shown.current === stepKey) return;
    shown.current = stepKey;
    if (!stepKey || editor.getInstanceState().followingUserId) return;
    const found = findAgendaStep(boardAgendas(editor), stepKey);
    if (found) zoomToStep(editor, found.step);
  }, [editor, stepKey]);
}
