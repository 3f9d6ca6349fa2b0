import { useEffect, useRef, useState } from 'react';
import { Box, serializeTldrawJson, useValue, type Editor, type TLShapeId } from 'tldraw';
import { downloadBlob, pngExportSize, slug } from './download.ts';

/** Space around an exported image, page units. */
const PADDING = 32;

/**
 * Export: the board or the selection as PNG or SVG, and the board as a `.tldr` file that any
 * tldraw app (tldraw.com included) opens.
 */
export function ExportMenu({ editor, title }: { editor: Editor; title: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The export in progress: what it makes, and a token a cancel invalidates. */
  const [busy, setBusy] = useState<{ label: string; run: number } | null>(null);
  const runs = useRef(0);
  const ref = useRef<HTMLDivElement>(null);
  const selected = useValue('selected ids', () => editor.getSelectedShapeIds(), [editor]);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onEscape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  const image = async (format: 'png' | 'svg', which: 'board' | 'selection') => {
    setError(null);
    const ids: TLShapeId[] = which === 'selection' ? [...selected] : [...editor.getCurrentPageShapeIds()];
    if (ids.length === 0) return setError('The board is empty: there is nothing to export.');
    const bounds = Box.Common(ids.map((id) => editor.getShapePageBounds(id)).filter((b): b is Box => !!b));
    // A PNG of a large board is capped (long side MAX_EXPORT_SIDE): quick to make, still readable.
    const size = format === 'png' ? pngExportSize(bounds.w, bounds.h, PADDING) : null;
    const run = ++runs.current;
    setBusy({ label: `Making the ${format.toUpperCase()}${size ? ` (${size.width} × ${size.height} px)` : ''}…`, run });
    try {
      const { blob } = await editor.toImage(ids, { format, background: true, padding: PADDING, ...(size ? { scale: size.scale, pixelRatio: size.pixelRatio } : {}) });
      // Cancelled meanwhile: the image is dropped.
      if (runs.current !== run) return;
      downloadBlob(blob, `${slug(title)}${which === 'selection' ? '-selection' : ''}.${format}`);
      setOpen(false);
    } catch (e) {
      if (runs.current === run) setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (runs.current === run) setBusy(null);
    }
  };
  const cancel = () => {
    runs.current++;
    setBusy(null);
  };
  const tldr = async () => {
    setError(null);
    try {
      const json = await serializeTldrawJson(editor);
      downloadBlob(new Blob([json], { type: 'application/vnd.tldraw+json' }), `${slug(title)}.tldr`);
      setOpen(false);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" className="button small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Export
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Export">
          <button type="button" role="menuitem" disabled={!!busy} onClick={() => void image('png', 'board')}>
            Board as PNG
          </button>
          <button type="button" role="menuitem" disabled={!!busy} onClick={() => void image('svg', 'board')}>
            Board as SVG
          </button>
          <button type="button" role="menuitem" disabled={!!busy || selected.length === 0} onClick={() => void image('png', 'selection')}>
            Selection as PNG
          </button>
          <button type="button" role="menuitem" disabled={!!busy || selected.length === 0} onClick={() => void image('svg', 'selection')}>
            Selection as SVG
          </button>
          <button type="button" role="menuitem" onClick={() => void tldr()}>
            Board as .tldr file
          </button>
          {busy && (
            <p className="export-progress" role="status" data-testid="export-progress">
              <span className="spinner" aria-hidden="true" /> {busy.label}{' '}
              <button type="button" className="link" onClick={cancel}>
                Cancel
              </button>
            </p>
          )}
          {error && <p className="form-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
