import { useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { forgetBoard } from '../lib/local.ts';
import { navigate } from '../router.ts';

/**
 * Facilitators: deletes the board for everyone, after a confirmation that says what goes (its
 * content, decision records and images, for good). Everyone connected is told; this browser
 * forgets the board and goes home.
 */
export function DeleteBoard({ boardId, token, title }: { boardId: string; token: string; title: string }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteBoard(boardId, token);
      forgetBoard(boardId);
      navigate('/');
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError ? err.message : 'The board could not be deleted.');
    }
  };
  return (
    <section>
      <h3>Board</h3>
      {!confirming ? (
        <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
          Delete board…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-label="Delete this board?">
          <p>
            Delete “{title}” for everyone? Its content, decision records and images are removed for good, everyone on it is disconnected,
            and its links stop working.
          </p>
          <div className="row">
            <button type="button" className="button small danger" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Deleting…' : 'Delete for everyone'}
            </button>
            <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
