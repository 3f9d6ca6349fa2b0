import { useEffect, useRef } from 'react';
import type { Editor } from 'tldraw';
import { findAgendaStep } from '@accord/board';
import { boardAgendas, stepPageBounds, zoomToStep } from './templates.ts';

/**
 * The agenda step being run moves everyone's view to its frames: when the facilitator runs a step,
 * and when someone opens (or reloads) the board while a step runs — they land on it. Between
 * changes people roam freely ("Back to the step" returns them). Someone following a person is left
 * to follow. When the canvas changes size under someone looking at the step (a phone's dock sheet
 * opening below it, a window resized), the step is fitted again.
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

  useEffect(() => {
    if (!editor || !stepKey) return;
    const container = editor.getContainer();
    const measure = () => {
      const r = container.getBoundingClientRect();
      return { w: r.width, h: r.height };
    };
    let size = measure();
    const observer = new ResizeObserver(() => {
      const { w, h } = measure();
      if (Math.abs(w - size.w) < 1 && Math.abs(h - size.h) < 1) return;
      // What this person saw before the resize: the camera has not moved, the screen has.
      const cam = editor.getCamera();
      const before = { x: -cam.x, y: -cam.y, w: size.w / cam.z, h: size.h / cam.z };
      size = { w, h };
      const found = findAgendaStep(boardAgendas(editor), stepKey);
      const step = found && stepPageBounds(editor, found.step);
      if (!found || !step || editor.getInstanceState().followingUserId) return;
      const cx = step.x + step.w / 2;
      const cy = step.y + step.h / 2;
      // Only someone who was looking at the step (its centre in view), not someone who roamed away.
      if (cx < before.x || cx > before.x + before.w || cy < before.y || cy > before.y + before.h) return;
      // Make tldraw take the new size now (it would measure the container itself a little later).
      editor.updateViewportScreenBounds(container);
      const view = editor.getViewportPageBounds();
      const inside = step.x >= view.minX && step.y >= view.minY && step.x + step.w <= view.maxX && step.y + step.h <= view.maxY;
      if (!inside) zoomToStep(editor, found.step);
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [editor, stepKey]);
}
