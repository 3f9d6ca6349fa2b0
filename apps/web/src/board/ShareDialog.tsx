import { useEffect, useState } from 'react';
import { api, shareLink, type Role, type RoleStrings } from '../lib/api.ts';

const HINT: Record<Role, string> = {
  facilitator: 'runs the session: everything, including facilitation controls',
  participant: 'edits the board, votes and writes',
  viewer: 'looks on without editing',
};

/**
 * Links to share, fetched from the server for this person's role: a facilitator gets all three
 * (the facilitator link last), a participant the participant and viewer links.
 */
export function ShareDialog({ boardId, token, role, onClose }: { boardId: string; token: string; role: Role; onClose: () => void }) {
  const [copied, setCopied] = useState<Role | null>(null);
  const [tokens, setTokens] = useState<Partial<RoleStrings> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.links(boardId, token).then((r) => setTokens(r.tokens), () => setFailed(true));
  }, [boardId, token]);
  const order: Role[] = role === 'facilitator' ? ['participant', 'viewer', 'facilitator'] : ['participant', 'viewer'];
  const rows = tokens ? order.filter((r) => tokens[r]) : [];
  const copy = async (r: Role, link: string) => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // Clipboard may be refused (insecure origin); the field stays selectable.
    }
    setCopied(r);
  };
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label="Share board" onClick={(e) => e.stopPropagation()}>
        <h2>Share this board</h2>
        <p>Anyone with a link joins with that link's role. The access key sits after the #, so it never reaches server logs.</p>
        {rows.map((r) => {
          const link = shareLink(boardId, tokens![r]!);
          return (
            <div className="share-row" key={r}>
              <label>
                {r[0]!.toUpperCase() + r.slice(1)} link <span className="hint">— {HINT[r]}</span>
              </label>
              <div className="row">
                <input readOnly value={link} data-testid={`share-${r}`} onFocus={(e) => e.currentTarget.select()} />
                <button className="button small" onClick={() => copy(r, link)}>
                  {copied === r ? 'Copied' : 'Copy'}
                </button>
              </div>
            </div>
          );
        })}
        {!tokens && !failed && <p>Loading links…</p>}
        {failed && <p className="form-error">The links could not be loaded; the server may be unreachable.</p>}
        <div className="actions">
          <button className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
