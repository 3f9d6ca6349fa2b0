import { useEffect, useState } from 'react';

/** True for `ms` after `at` (a time in ms), then false; each new `at` starts it again. */
function useRecent(at: number | null, ms: number): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (at === null) return;
    setOn(true);
    const id = setTimeout(() => setOn(false), ms);
    return () => clearTimeout(id);
  }, [at, ms]);
  return on;
}

/** The status lines over the board: why it is read-only, why the server closed the connection, a refused write, quotas reached, records not shown, following the leader. */
export function BoardBanners(props: {
  newerSchema: boolean;
  lockedOut: boolean;
  refused: string | null;
  /** The board reached its size limit: the server's reason, or true when known from earlier in this session. */
  full: string | boolean;
  /** The server closed our socket for sending too much too fast (we reconnect and resend). */
  tooFast: boolean;
  /** Our cursor and selection are too large for the server to show others. */
  presenceTooLarge: boolean;
  /** Why the server closed the connection (it cannot save right now, it restarts), until live again. */
  notice: string | null;
  skipped: number;
  /** When a change to template structure was held back (ms): said for a few seconds. */
  structureBlockedAt: number | null;
  /** While following the "follow me" leader: their name, when known. */
  followingLeader: { name: string | null } | null;
  onStopFollowing: () => void;
}) {
  const { skipped } = props;
  const structureNotice = useRecent(props.structureBlockedAt, 4000);
  return (
    <>
      {props.newerSchema && (
        <div className="banner" role="status">
          This board was saved by a newer version of Accord. It is read-only here — reload the page to update.
        </div>
      )}
      {props.lockedOut && (
        <div className="banner" role="status" data-testid="locked-banner">
          The facilitator has locked the board. You can look around; editing is paused.
        </div>
      )}
      {props.notice && (
        <div className="banner" role="status" data-testid="server-notice-banner">
          {props.notice}
        </div>
      )}
      {props.refused && (
        <div className="banner" role="alert" data-testid="refused-banner">
          Your last change was not accepted ({props.refused}). Reloading the board as it is on the server…
        </div>
      )}
      {props.full && (
        <div className="banner" role="alert" data-testid="full-banner">
          This board has reached its size limit, so changes to it are no longer saved. Everything on it stays; export it or ask the facilitator to start a new board.
        </div>
      )}
      {props.tooFast && (
        <div className="banner" role="status" data-testid="too-fast-banner">
          You sent more changes at once than the server takes per second; reconnecting and sending the rest…
        </div>
      )}
      {props.presenceTooLarge && (
        <div className="banner" role="status" data-testid="presence-banner">
          Your selection is too large to show others right now; select fewer shapes for them to see it.
        </div>
      )}
      {skipped > 0 && (
        <div className="banner" role="status">
          {skipped} item{skipped === 1 ? '' : 's'} on this board could not be shown (made by a newer or damaged client).
        </div>
      )}
      {structureNotice && (
        <div className="banner" role="status" data-testid="structure-banner">
          Template frames and prompts are the facilitator’s: they stay as they are. Your notes and drawings are yours to change.
        </div>
      )}
      {props.followingLeader && (
        <div className="banner follow-banner" role="status" data-testid="follow-banner">
          Following {props.followingLeader.name ?? 'the facilitator'} — the facilitator is leading.{' '}
          <button type="button" className="link" onClick={props.onStopFollowing}>
            Stop following
          </button>
        </div>
      )}
    </>
  );
}
