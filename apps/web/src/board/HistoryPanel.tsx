import { DockSection } from './Dock.tsx';
import { versionLine, versionTime } from './history.ts';
import { useBoardHistory, type BoardHistoryState } from './useBoardHistory.ts';
import { VersionPreview } from './VersionPreview.tsx';

/**
 * Facilitators only: the board's timeline, newest first — when, who, how much changed — each step
 * a version to preview (over the board, read-only) and restore for everyone; after a restore, the
 * way to undo it. Loaded when opened; the server refuses anyone but a facilitator anyway.
 */
export function HistoryPanel(props: { boardId: string; token: string }) {
  const history = useBoardHistory(props.boardId, props.token);
  return (
    <>
      <Timeline history={history} />
      {history.preview && <VersionPreview history={history} preview={history.preview} />}
    </>
  );
}

function Timeline({ history }: { history: BoardHistoryState }) {
  const { versions, more, retentionDays, error, busy, preview, lastRestore } = history;
  return (
    <DockSection label="Board history" testId="history-panel" className="history-panel">
      <p className="muted">
        {retentionDays === null ? 'Every change to the board.' : `Every change to the board, kept ${retentionDays} days.`} Choose one to preview that version and restore it for everyone.
      </p>
      {lastRestore && !lastRestore.undone && lastRestore.result.seq !== null && (
        <p className="history-notice" role="status" data-testid="restore-notice">
          Restored the version of {lastRestore.of ? versionTime(lastRestore.of.at) : 'earlier'} for everyone.{' '}
          <button type="button" className="button small" disabled={busy === 'undo'} onClick={() => void history.undo()} data-testid="undo-restore">
            Undo restore
          </button>
        </p>
      )}
      {lastRestore && !lastRestore.undone && lastRestore.result.seq === null && (
        <p className="history-notice" role="status" data-testid="restore-notice">
          The board already was that version: nothing changed.
        </p>
      )}
      {lastRestore?.undone && (
        <p className="history-notice" role="status" data-testid="restore-notice">
          The restore was undone: the board is as it was before it.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="button small" onClick={() => void history.reload()}>
          Refresh
        </button>
      </div>
      {versions === null && !error && <p className="muted">Loading…</p>}
      {versions?.length === 0 && <p className="muted">Nothing has happened on this board yet.</p>}
      <ol className="history-list" data-testid="history-list">
        {(versions ?? []).map((v) => (
          <li key={v.seq} className={`history-step ${v.kind}${preview?.version.seq === v.seq ? ' selected' : ''}`} data-testid={`version-${v.seq}`} data-kind={v.kind}>
            <button type="button" className="history-step-button" onClick={() => void history.openPreview(v)} disabled={busy === `preview:${v.seq}`} title="Preview this version">
              {versionLine(v, versions ?? [])}
            </button>
          </li>
        ))}
      </ol>
      {more && (
        <button type="button" className="button small" disabled={busy === 'older'} onClick={() => void history.loadOlder()}>
          Older changes
        </button>
      )}
    </DockSection>
  );
}
