import { useEffect, useRef, useState } from 'react';
import { Tldraw, type Editor, type TLStore } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import { shapeUtils } from '../board/shapeUtils.ts';

const assetUrls = getAssetUrlsByImport();
/** Space kept around the board when it is fitted to its box, screen px. */
const FIT_INSET = 16;

/** The whole board in view, never magnified past 100 % (a board of three notes stays readable, not huge). */
function fit(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds();
  if (!bounds) return;
  editor.zoomToBounds(bounds, { inset: FIT_INSET, targetZoom: 1, animation: { duration: 0 } });
}

type Camera = { x: number; y: number; z: number };

/** Fits the board and keeps the camera it left, so a later resize knows whether anyone has moved it since. */
function refit(editor: Editor, fitted: { current: Camera | null }): void {
  fit(editor);
  fitted.current = editor.getCamera();
}

const sameCamera = (a: Camera | null, b: Camera) =>
  !!a && Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01 && Math.abs(a.z - b.z) < 1e-6;

/**
 * A recorded board, read-only, fitted to its box, with zoom and fit buttons. It leaves the page its
 * scrolling: the editor is not focused until the board is clicked (tldraw takes wheel events only
 * when focused), and lets go when the pointer leaves or something else is clicked. Until the
 * camera is moved, a change of the box's size fits the board again.
 */
export function FrozenBoard({ store, onEditor }: { store: TLStore; onEditor: (editor: Editor) => void }) {
  const box = useRef<HTMLElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  /** The board's width / height: the box takes its shape (within the limits of styles.css), so little of it is empty. */
  const [aspect, setAspect] = useState<number | null>(null);
  /** The camera as the last fit left it: while it is unchanged, the board counts as "fitted". */
  const fitted = useRef<Camera | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!editor || !el) return;
    const resized = new ResizeObserver(() => {
      // tldraw measures its container on its own resize; fit after it has.
      requestAnimationFrame(() => {
        editor.updateViewportScreenBounds(editor.getContainer());
        if (fitted.current === null || sameCamera(fitted.current, editor.getCamera())) refit(editor, fitted);
      });
    });
    resized.observe(el);
    const away = (e: PointerEvent) => {
      if (!el.contains(e.target as Node)) editor.blur({ blurContainer: false });
    };
    document.addEventListener('pointerdown', away);
    return () => {
      resized.disconnect();
      document.removeEventListener('pointerdown', away);
    };
  }, [editor]);

  return (
    <figure className="record-board">
      <figcaption className="record-board-bar">
        <span className="muted">
          The board as recorded, read-only.<span className="wheel-hint"> Click it to pan and zoom with the wheel.</span>
        </span>
        {editor && (
          <span className="record-canvas-controls" role="toolbar" aria-label="Zoom">
            <button type="button" aria-label="Zoom out" title="Zoom out" onClick={() => editor.zoomOut(undefined, { animation: { duration: 120 } })}>
              −
            </button>
            <button type="button" aria-label="Zoom in" title="Zoom in" onClick={() => editor.zoomIn(undefined, { animation: { duration: 120 } })}>
              +
            </button>
            <button type="button" aria-label="Fit the board" title="Fit the whole board in view" onClick={() => refit(editor, fitted)}>
              Fit
            </button>
          </span>
        )}
      </figcaption>
      <section
        ref={box}
        className="record-canvas"
        data-testid="record-canvas"
        style={aspect ? { aspectRatio: String(aspect) } : undefined}
        aria-label="The board as recorded (read-only)"
        // Clicking the board opts in to panning and zooming it with the wheel; leaving it gives the wheel back to the page.
        onPointerDown={() => editor?.focus({ focusContainer: false })}
        onPointerLeave={(e) => e.pointerType === 'mouse' && editor?.blur({ blurContainer: false })}
      >
        <Tldraw
          store={store}
          shapeUtils={shapeUtils}
          assetUrls={assetUrls}
          hideUi
          autoFocus={false}
          onMount={(e) => {
            e.updateInstanceState({ isReadonly: true });
            // Dragging pans: nothing on a recorded board can be edited or needs selecting.
            e.setCurrentTool('hand');
            const bounds = e.getCurrentPageBounds();
            if (bounds && bounds.w > 0 && bounds.h > 0) setAspect(bounds.w / bounds.h);
            refit(e, fitted);
            setEditor(e);
            onEditor(e);
          }}
        />
      </section>
    </figure>
  );
}
