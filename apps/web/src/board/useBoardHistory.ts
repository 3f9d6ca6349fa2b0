import { useCallback, useEffect, useState } from 'react';
import { useBusy } from '../lib/useBusy.ts';
import { api, ApiError, type BoardVersion, type RestoredVersion } from '../lib/api.ts';
import { openNewBoard } from '../router.ts';

/** The last restore made from this panel: what it brought back, and whether it was undone since. */
export interface LastRestore {
  result: RestoredVersion;
  /** The step it brought back, as listed then. */
  of: BoardVersion | undefined;
  undone: boolean;
}

/** A version on show in the preview: its step and its content bytes. */
export interface VersionPreview {
  version: BoardVersion;
  update: Uint8Array;
}

/** A sentence for a failed call: the server's message when it gave one. */
const failure = (e: unknown, what: string) => (e instanceof ApiError && e.status !== 0 ? e.message : `${what} failed: ${e instanceof Error ? e.message : String(e)}`);

/**
 * A board's history for the facilitator's panel: the steps (newest first, older pages on demand),
 * a version to preview, restoring one in place for everyone — and undoing that — or as a new board.
 */
export function useBoardHistory(boardId: string, token: string) {
  const [versions, setVersions] = useState<BoardVersion[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [retentionDays, setRetentionDays] = useState<number | null>(null);
  const { busy, error, setError, run } = useBusy((e, label) => failure(e, label === 'undo' ? 'Undoing the restore' : label === 'copy' ? 'Making a new board' : label === 'restore' ? 'Restoring' : 'Loading the version'));
  const [preview, setPreview] = useState<VersionPreview | null>(null);
  const [lastRestore, setLastRestore] = useState<LastRestore | null>(null);

  const reload = useCallback(async () => {
    try {
      const page = await api.history(boardId, token);
      setVersions(page.versions);
      setNext(page.next);
      setRetentionDays(page.retentionDays);
      setError(null);
    } catch (e) {
      setError(failure(e, 'Loading the history'));
    }
  }, [boardId, token, setError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return {
    versions,
    /** Whether older history can be loaded. */
    more: next !== null,
    retentionDays,
    error,
    busy,
    preview,
    lastRestore,
    reload,
    loadOlder: () =>
      run('older', async () => {
        if (next === null) return;
        const page = await api.history(boardId, token, next);
        setVersions([...(versions ?? []), ...page.versions]);
        setNext(page.next);
      }),
    openPreview: (version: BoardVersion) =>
      run(`preview:${version.seq}`, async () => setPreview({ version, update: await api.versionState(boardId, token, version.seq) })),
    closePreview: () => setPreview(null),
    /** Restores `version` for everyone, then shows it in the timeline. */
    restore: (version: BoardVersion) =>
      run('restore', async () => {
        const result = await api.restoreVersion(boardId, token, version.seq);
        setLastRestore({ result, of: version, undone: false });
        setPreview(null);
        await reload();
      }),
    /** Undoes the last restore: the version just before it, restored in turn. */
    undo: () =>
      run('undo', async () => {
        const undoSeq = lastRestore?.result.undoSeq;
        if (undoSeq === null || undoSeq === undefined) return;
        await api.restoreVersion(boardId, token, undoSeq);
        setLastRestore({ ...lastRestore!, undone: true });
        await reload();
      }),
    /** A new board holding `version`, opened as its facilitator. */
    asNewBoard: (version: BoardVersion) =>
      run('copy', async () => {
        const created = await api.versionAsBoard(boardId, token, version.seq);
        openNewBoard(created);
      }),
  };
}

/** What `useBoardHistory` gives the panel and the preview. */
export type BoardHistoryState = ReturnType<typeof useBoardHistory>;
