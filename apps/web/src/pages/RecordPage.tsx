import { useEffect, useMemo, useState } from 'react';
import { useBusy } from '../lib/useBusy.ts';
import type { Editor, TLStore } from 'tldraw';
import MarkdownIt from 'markdown-it';
import { diffBoards, type BoardDiff, type LoggedDecision } from '@accord/record';
import { api, ApiError, tokenFromHash, type RecordView } from '../lib/api.ts';
import { boardHref, openNewBoard, recordHref } from '../router.ts';
import { downloadBlob, slug } from '../decisions/download.ts';
import { recordsFromUpdate, storeFromUpdate } from '../decisions/snapshot.ts';
import { DiffView } from '../decisions/DiffView.tsx';
import { FollowUpList, StartFollowUp } from '../decisions/FollowUps.tsx';
import { knownToken, supersededLabel, supersederLabel } from '../decisions/supersession.ts';
import { FrozenBoard } from '../decisions/FrozenBoard.tsx';

// Raw HTML off, so text from the board can only ever be text; markdown-it also refuses javascript: links.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// A date (2027-03-15) never breaks at its hyphens, in a narrow table column least of all.
markdown.renderer.rules.text = (tokens, idx) => markdown.utils.escapeHtml(tokens[idx]!.content).replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<span class="nowrap">$&</span>');

type State =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; view: RecordView; snapshot: Uint8Array };

/** `/b/:id/records/:rid#t=<token>`: a decision record, its frozen board, downloads, and what changed since. */
export function RecordPage({ boardId, recordId, hash }: { boardId: string; recordId: string; hash: string }) {
  // A link without a token (as a follow-up board carries) works in a browser that opened the board.
  const token = tokenFromHash(hash) ?? knownToken(boardId);
  const [state, setState] = useState<State>({ phase: 'loading' });
  useEffect(() => {
    if (!token) return setState({ phase: 'error', message: 'This link has no access token. Open the record from its board’s decision log.' });
    let cancelled = false;
    void Promise.all([api.getRecord(boardId, token, recordId), api.recordSnapshot(boardId, token, recordId)])
      .then(([view, snapshot]) => !cancelled && setState({ phase: 'ready', view, snapshot }))
      .catch((e: unknown) => {
        if (cancelled) return;
        const message =
          e instanceof ApiError && e.status === 404
            ? 'There is no such decision record on this board.'
            : e instanceof ApiError && (e.status === 401 || e.status === 403)
              ? 'This link does not give access to this board’s records.'
              : e instanceof ApiError
                ? e.message
                : 'The record could not be loaded.';
        setState({ phase: 'error', message });
      });
    return () => {
      cancelled = true;
    };
  }, [boardId, recordId, token]);

  const back = token ? boardHref(boardId, token) : '/';
  if (state.phase === 'loading') return <div className="board-loading">Loading the record…</div>;
  if (state.phase === 'error')
    return (
      <main className="page error-page" data-testid="record-error">
        <div className="card">
          <h1>Record unavailable</h1>
          <p>{state.message}</p>
          <a className="button" href={back}>
            Back to the board
          </a>
        </div>
      </main>
    );
  return <RecordDetails boardId={boardId} token={token!} view={state.view} snapshot={state.snapshot} back={back} />;
}

function RecordDetails({ boardId, token, view, snapshot, back }: { boardId: string; token: string; view: RecordView; snapshot: Uint8Array; back: string }) {
  const html = useMemo(() => markdown.render(view.markdown), [view.markdown]);
  const store = useMemo<TLStore>(() => storeFromUpdate(snapshot), [snapshot]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [diff, setDiff] = useState<BoardDiff | null>(null);
  const { busy, error, run } = useBusy((e) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e)));
  const [tracked, setTracked] = useState<LoggedDecision | null>(null);
  const file = `decision-${view.seq}-${slug(view.title)}`;
  useEffect(() => {
    let cancelled = false;
    void api
      .followUps(boardId, token)
      .then((v) => !cancelled && setTracked(v.decisions.find((d) => d.id === view.id) ?? null))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [boardId, token, view.id]);

  const png = () =>
    run('png', async () => {
      if (!editor) return;
      const ids = [...editor.getCurrentPageShapeIds()];
      if (ids.length === 0) throw new Error('The recorded board is empty: there is nothing to draw.');
      const { blob } = await editor.toImage(ids, { format: 'png', background: true, padding: 32 });
      downloadBlob(blob, `${file}.png`);
    });
  const compare = () =>
    run('compare', async () => {
      const now = await api.boardState(boardId, token);
      setDiff(diffBoards(recordsFromUpdate(snapshot), recordsFromUpdate(now)));
    });
  const madr = () =>
    run('madr', async () => {
      const { text, filename } = await api.recordMadr(boardId, token, view.id);
      downloadBlob(new Blob([text], { type: 'text/markdown;charset=utf-8' }), filename);
    });
  const restore = () =>
    run('restore', async () => {
      const created = await api.restoreRecord(boardId, token, view.id);
      openNewBoard(created);
    });

  return (
    <div className="record-page" data-testid="record-page">
      <header className="record-header">
        <a href={back}>← Back to the board</a>
        <span className="muted">
          Record #{view.seq} · {new Date(view.createdAt).toLocaleString()} · <span className="nowrap">SHA-256 <code title={view.hash}>{view.hash.slice(0, 16)}…</code></span>
        </span>
      </header>
      <div className="record-body">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it renders with raw HTML off (see `markdown` above), so board text can only ever be text. */}
        <article className="record-markdown" data-testid="record-markdown" dangerouslySetInnerHTML={{ __html: html }} />
        <section className="record-side">
          <div className="record-actions">
            <button type="button" className="button small" onClick={() => downloadBlob(new Blob([view.markdown], { type: 'text/markdown;charset=utf-8' }), `${file}.md`)}>
              Download .md
            </button>
            <button type="button" className="button small" disabled={busy === 'madr' || !view.decision} onClick={madr}>
              Download MADR
            </button>
            <button type="button" className="button small" disabled={!view.decision} onClick={() => downloadBlob(new Blob([JSON.stringify(view.decision, null, 2)], { type: 'application/json' }), `${file}.json`)}>
              Download .json
            </button>
            <button type="button" className="button small" disabled={!editor || busy === 'png'} onClick={png}>
              Download .png
            </button>
            <button type="button" className="button small" disabled={busy === 'compare'} onClick={compare} data-testid="compare">
              Compare with now
            </button>
            <button type="button" className="button small primary" disabled={busy === 'restore'} onClick={restore} title="Makes a new board from this snapshot; the original board is not touched">
              Restore as new board
            </button>
          </div>
          {error && <p className="form-error">{error}</p>}
          <FrozenBoard
            store={store}
            onEditor={(e) => {
              setEditor(e);
              (window as unknown as { __accordRecordEditor?: Editor }).__accordRecordEditor = e;
            }}
          />
          <Supersession boardId={boardId} view={view} />
          {tracked && (tracked.followUps.length > 0 || tracked.reviewDate) && (
            <section className="record-follow-ups" aria-label="Follow-ups">
              <h2>Follow-ups</h2>
              <FollowUpList decision={tracked} />
              {!tracked.supersededBy.length && <StartFollowUp boardId={boardId} token={token} recordId={view.id} seq={view.seq} />}
            </section>
          )}
          {diff && <DiffView diff={diff} />}
        </section>
      </div>
    </div>
  );
}

/** "Supersedes …" and "Superseded by …", linked when this browser holds a token of the other board. */
function Supersession({ boardId, view }: { boardId: string; view: RecordView }) {
  const link = (board: string, recordId: string, label: string) => {
    const t = knownToken(board);
    return t ? <a href={recordHref(board, recordId, t)}>{label}</a> : <span>{label}</span>;
  };
  if (!view.supersedes && view.supersededBy.length === 0) return null;
  return (
    <p className="supersession" data-testid="supersession">
      {view.supersedes && <>Supersedes {link(view.supersedes.boardId, view.supersedes.recordId, supersededLabel(view.supersedes, boardId))}. </>}
      {view.supersededBy.length > 0 && (
        <>
          Superseded by{' '}
          {view.supersededBy.map((s, i) => (
            <span key={s.recordId}>
              {i > 0 && ', '}
              {link(s.boardId, s.recordId, supersederLabel(s))}
            </span>
          ))}
          .
        </>
      )}
    </p>
  );
}
