import { useRef, useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { rememberBoard } from '../lib/local.ts';
import { boardHref, navigate } from '../router.ts';

/** The server takes files up to this size; larger ones are refused here before any upload. */
export const MAX_TLDR_BYTES = 20 * 1024 * 1024;

/** Opens a `.tldr` file (from tldraw.com or any tldraw app) as a new board; a bad file creates nothing. */
export function ImportTldr() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File) => {
    setError(null);
    if (file.size > MAX_TLDR_BYTES) return setError(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MiB; files up to 20 MiB can be imported.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setError(`“${file.name}” is not a tldraw file (it is not JSON).`);
    }
    setBusy(true);
    try {
      const board = await api.importTldr(parsed);
      rememberBoard({ id: board.id, title: board.title, role: 'facilitator', token: board.tokens.facilitator, lastOpened: Date.now() });
      navigate(boardHref(board.id, board.tokens.facilitator));
    } catch (e) {
      setError(e instanceof ApiError ? `Could not import “${file.name}”: ${e.message}` : `Could not import “${file.name}”.`);
      setBusy(false);
    }
  };

  return (
    <div className="import-tldr">
      <input
        ref={input}
        type="file"
        accept=".tldr,application/json"
        aria-label="Import a .tldr file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }}
      />
      <button className="button" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import a .tldr file'}
      </button>
      <span className="muted"> Opens a file saved from tldraw.com or any tldraw app as a new board.</span>
      {error && (
        <p className="form-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </div>
  );
}
