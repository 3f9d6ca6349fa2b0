import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, tokenFromHash, tokenRole, type BoardInfo } from '../lib/api.ts';
import { forgetBoard, knownBoards, me, rememberBoard, saveMe, type Me } from '../lib/local.ts';
import { ErrorPage, type ErrorKind } from './ErrorPage.tsx';
import { NamePrompt } from '../board/NamePrompt.tsx';
import { Board } from '../board/Board.tsx';

type Phase = { phase: 'checking' } | { phase: 'error'; kind: ErrorKind } | { phase: 'ready'; info: BoardInfo; licenseKey: string | null };

/**
 * `/b/:id#t=<token>`: checks the link with the server (unknown board, bad link, unreachable
 * server each get their own page), asks for a display name on the first visit, then opens the board.
 */
export function BoardPage({ boardId, hash }: { boardId: string; hash: string }) {
  const token = tokenFromHash(hash) ?? knownBoards().find((b) => b.id === boardId)?.token ?? null;
  const [state, setState] = useState<Phase>({ phase: 'checking' });
  const [person, setPerson] = useState<Me>(() => me());
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry's trigger (bumping it checks again), not a value the check reads.
  useEffect(() => {
    if (!token || !tokenRole(token)) {
      setState({ phase: 'error', kind: 'bad-link' });
      return;
    }
    let cancelled = false;
    setState({ phase: 'checking' });
    Promise.all([api.getBoard(boardId, token), api.config()]).then(
      ([info, config]) => {
        if (cancelled) return;
        rememberBoard({ id: info.id, title: info.title, role: info.role, token, lastOpened: Date.now() });
        document.title = `${info.title} · Accord`;
        setState({ phase: 'ready', info, licenseKey: config.tldrawLicenseKey });
      },
      (err: unknown) => {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        // Deleted, or the link was reset: "Your boards" should not keep offering it.
        if (status === 404) forgetBoard(boardId);
        setState({ phase: 'error', kind: status === 404 ? 'unknown-board' : status === 0 || status >= 500 ? 'unreachable' : 'bad-link' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [boardId, token, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (state.phase === 'error') return <ErrorPage kind={state.kind} onRetry={state.kind === 'unreachable' ? retry : undefined} />;
  if (state.phase === 'checking') return <div className="board-loading">Opening board…</div>;
  // Everyone sees the person id the server derived from this browser's key, never one it chose.
  const self = state.info.personId ? { ...person, id: state.info.personId } : person;
  return (
    <>
      <Board info={state.info} token={token!} licenseKey={state.licenseKey} person={self} onPersonChange={(next) => {
          saveMe(next);
          setPerson(next);
        }} onRename={(title) => rememberBoard({ id: boardId, title, role: state.info.role, token: token!, lastOpened: Date.now() })} />
      {!person.name && (
        <NamePrompt
          initial=""
          onDone={(name, party) => {
            const next = { ...person, name, party };
            saveMe(next);
            setPerson(next);
          }}
        />
      )}
    </>
  );
}
