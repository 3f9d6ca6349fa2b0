import { useEffect, useState } from 'react';
import { useDialog } from './useDialog.ts';
import { api, ApiError, shareLink, type Role, type RoleStrings } from '../lib/api.ts';

const HINT: Record<Role, string> = {
  facilitator: 'runs the session: everything, including facilitation controls',
  participant: 'edits the board, votes and writes',
  viewer: 'looks on without editing',
};

const label = (r: Role) => r[0]!.toUpperCase() + r.slice(1);

/**
 * Links to share, fetched from the server for this person's role: a facilitator gets all three
 * (the facilitator link last), a participant the participant and viewer links. A facilitator can
 * reset a link (after confirming): the old one stops opening the board at once and whoever joined
 * with it is disconnected; resetting their own link moves this page to the new one.
 */
export function ShareDialog(props: {
  boardId: string;
  token: string;
  role: Role;
  onClose: () => void;
  /** Resetting this person's own role's link: called with true before (their socket is about to close), false if it failed. */
  expectOwnLinkReset: (expected: boolean) => void;
  /** Their own role's link was reset: the page moves to the new one. */
  onOwnLinkReset: (token: string) => void;
}) {
  const { boardId, token, role, onClose, onOwnLinkReset, expectOwnLinkReset } = props;
  const [copied, setCopied] = useState<Role | null>(null);
  const [tokens, setTokens] = useState<Partial<RoleStrings> | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirming, setConfirming] = useState<Role | null>(null);
  const [resetDone, setResetDone] = useState<Role | null>(null);
  const [resetError, setResetError] = useState<string | null>(null);
  // Escape cancels an open "reset?" question first, then closes the dialog.
  const dialog = useDialog(onClose, () => {
    if (!confirming) return false;
    setConfirming(null);
    return true;
  });
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
  const reset = async (r: Role) => {
    setConfirming(null);
    setResetError(null);
    if (r === role) expectOwnLinkReset(true);
    try {
      const fresh = await api.resetLink(boardId, token, r);
      setTokens(fresh.tokens);
      setResetDone(r);
      setCopied(null);
      if (r === role && fresh.tokens[r]) onOwnLinkReset(fresh.tokens[r]);
    } catch (err) {
      if (r === role) expectOwnLinkReset(false);
      setResetError(err instanceof ApiError ? err.message : 'The link could not be reset.');
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog is a pointer shortcut; its Close button does the same from the keyboard.
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above, the Close button is the keyboard's way.
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Share board" {...dialog}>
        <h2>Share this board</h2>
        <p>Anyone with a link joins with that link's role. The access key sits after the #, so it never reaches server logs.</p>
        {rows.map((r) => {
          const link = shareLink(boardId, tokens![r]!);
          return (
            <div className="share-row" key={r}>
              <label htmlFor={`share-link-${r}`}>
                {label(r)} link <span className="hint">— {HINT[r]}</span>
              </label>
              <div className="row">
                <input id={`share-link-${r}`} readOnly value={link} data-testid={`share-${r}`} onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="button small" onClick={() => copy(r, link)}>
                  {copied === r ? 'Copied' : 'Copy'}
                </button>
                {role === 'facilitator' && (
                  <button type="button" className="button small" aria-label={`Reset the ${r} link`} onClick={() => setConfirming(r)}>
                    Reset
                  </button>
                )}
              </div>
              {confirming === r && (
                <div className="confirm" role="alertdialog" aria-label={`Reset the ${r} link?`}>
                  <p>
                    Reset the {r} link? The current one stops working at once: everyone who joined with it is disconnected and needs the new link
                    {r === role ? ' (this page moves to the new link by itself)' : ''}.
                  </p>
                  <div className="row">
                    <button type="button" className="button small danger" onClick={() => void reset(r)}>
                      Reset {r} link
                    </button>
                    <button type="button" className="button small" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
              {resetDone === r && (
                <p className="hint" role="status" data-testid={`reset-done-${r}`}>
                  New {r} link made; the old one no longer opens the board.
                </p>
              )}
            </div>
          );
        })}
        {!tokens && !failed && <p>Loading links…</p>}
        {failed && <p className="form-error">The links could not be loaded; the server may be unreachable.</p>}
        {resetError && <p className="form-error" role="alert">{resetError}</p>}
        <div className="actions">
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
