import { useEffect, useRef, useState } from 'react';
import { serializeTldrawJson, useValue, type Editor, type TLShapeId } from 'tldraw';
import { downloadBlob, slug } from './download.ts';

/**
 * Export: the board or the selection as PNG or SVG, and the board as a `.tldr` file that any
 * tldraw app (tldraw.com included) opens.
 */
export function ExportMenu({ editor, title }: { editor: Editor; title: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const selected = useValue('selected ids', () => editor.getSelectedShapeIds(), [editor]);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', escape);
    };
  }, [open]);

  const image = async (format: 'png' | 'svg', which: 'board' | 'selection') => {
    setError(null);
    const ids: TLShapeId[] = which === 'selection' ? [...selected] : [...editor.getCurrentPageShapeIds()];
    if (ids.length === 0) return setError('The board is empty: there is nothing to export.');
    try {
      const { blob } = await editor.toImage(ids, { format, background: true, padding: 32 });
      downloadBlob(blob, `${slug(title)}${which === 'selection' ? '-selection' : ''}.${format}`);
      setOpen(false);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
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
      <button className="button small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Export
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Export">
          <button role="menuitem" onClick={() => void image('png', 'board')}>
            Board as PNG
          </button>
          <button role="menuitem" onClick={() => void image('svg', 'board')}>
            Board as SVG
          </button>
          <button role="menuitem" disabled={selected.length === 0} onClick={() => void image('png', 'selection')}>
            Selection as PNG
          </button>
          <button role="menuitem" disabled={selected.length === 0} onClick={() => void image('svg', 'selection')}>
            Selection as SVG
          </button>
          <button role="menuitem" onClick={() => void tldr()}>
            Board as .tldr file
          </button>
          {error && <p className="form-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
