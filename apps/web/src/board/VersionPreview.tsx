import { useMemo, useState } from 'react';
import { Tldraw, type Editor, type TLStore } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { storeFromUpdate } from '../decisions/snapshot.ts';
import { shapeUtils } from './shapeUtils.ts';
import { versionLine } from './history.ts';
import type { BoardHistoryState, VersionPreview as Preview } from './useBoardHistory.ts';

const assetUrls = getAssetUrlsByImport();

/**
 * An earlier version of the board, read-only, over the live board: the facilitator looks before
 * restoring it for everyone (after saying yes once more) or copying it into a new board.
 */
export function VersionPreview({ history, preview }: { history: BoardHistoryState; preview: Preview }) {
  const store = useMemo<TLStore>(() => storeFromUpdate(preview.update), [preview.update]);
  const [confirming, setConfirming] = useState(false);
  const { version } = preview;
  const busy = history.busy;
  return (
    <section className="version-preview" data-testid="version-preview" aria-label="Preview of an earlier version (read-only)">
      <header className="version-preview-header">
        <div>
          <strong data-testid="preview-title">{versionLine(version, history.versions ?? [])}</strong>
          <span className="muted"> — read-only preview</span>
        </div>
        <div className="row">
          {!confirming && (
            <button type="button" className="button small primary" onClick={() => setConfirming(true)} data-testid="restore-version">
              Restore this version
            </button>
          )}
          <button type="button" className="button small" disabled={busy === 'copy'} onClick={() => void history.asNewBoard(version)} title="Makes a new board holding this version; this board is not touched">
            Restore as new board
          </button>
          <button type="button" className="button small" onClick={history.closePreview}>
            Close preview
          </button>
        </div>
      </header>
      {confirming && (
        <div className="version-confirm" role="alertdialog" aria-label="Restore this version for everyone?" data-testid="restore-confirm">
          <p>Everyone’s board returns to this version at once: what was added since goes, what was deleted since comes back. You can undo it afterwards.</p>
          <div className="row">
            <button type="button" className="button small primary" disabled={busy === 'restore'} onClick={() => void history.restore(version)} data-testid="confirm-restore">
              {busy === 'restore' ? 'Restoring…' : 'Restore for everyone'}
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {history.error && (
        <p className="form-error" role="alert">
          {history.error}
        </p>
      )}
      <div className="version-canvas" data-testid="version-canvas">
        <Tldraw
          key={version.seq}
          store={store}
          shapeUtils={shapeUtils}
          assetUrls={assetUrls}
          hideUi
          onMount={(e: Editor) => {
            e.updateInstanceState({ isReadonly: true });
            e.zoomToFit();
            requestAnimationFrame(() => e.zoomToFit({ animation: { duration: 0 } }));
            (window as unknown as { __accordPreviewEditor?: Editor }).__accordPreviewEditor = e;
          }}
        />
      </div>
    </section>
  );
}
