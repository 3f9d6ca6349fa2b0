import { useRef, useState } from 'react';
import { MAX_IMPORT_BYTES } from '@accord/api';
import { api, ApiError } from '../lib/api.ts';
import { openNewBoard } from '../router.ts';

/** The name of the document record in a parsed `.tldr` file, when it has one. */
function documentName(file: unknown): string | null {
  const records = (file as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) return null;
  const doc = records.find((r) => (r as { typeName?: unknown } | null)?.typeName === 'document') as { name?: unknown } | undefined;
  return typeof doc?.name === 'string' && doc.name.trim() ? doc.name.trim() : null;
}

/** A board title from a file name: `Team retro.tldr` → `Team retro`. */
export function fileTitle(name: string): string | undefined {
  const base = name.replace(/\.(tldr|json)$/i, '').trim().slice(0, 200);
  return base || undefined;
}

/**
 * The title to ask the server for when importing `file` (parsed) named `fileName`: none when the
 * file's document has a name (the server keeps it), else the file's name.
 */
export function importTitle(file: unknown, fileName: string): string | undefined {
  return documentName(file) ? undefined : fileTitle(fileName);
}

/** Opens a `.tldr` file (from tldraw.com or any tldraw app) as a new board; a bad file creates nothing. */
export function ImportTldr() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File) => {
    setError(null);
    if (file.size > MAX_IMPORT_BYTES) return setError(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MiB; files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB can be imported.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setError(`“${file.name}” is not a tldraw file (it is not JSON).`);
    }
    setBusy(true);
    try {
      // The board keeps the file's title: its document's name, else the file's name.
      const board = await api.importTldr(parsed, importTitle(parsed, file.name));
      openNewBoard(board);
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
      <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()}>
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
