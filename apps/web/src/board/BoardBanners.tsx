/** The status lines over the board: why it is read-only, a refused write, records not shown, following the leader. */
export function BoardBanners(props: {
  newerSchema: boolean;
  lockedOut: boolean;
  refused: string | null;
  skipped: number;
  /** While following the "follow me" leader: their name, when known. */
  followingLeader: { name: string | null } | null;
  onStopFollowing: () => void;
}) {
  const { skipped } = props;
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
      {props.refused && (
        <div className="banner" role="alert" data-testid="refused-banner">
          Your last change was not accepted ({props.refused}). Reloading the board as it is on the server…
        </div>
      )}
      {skipped > 0 && (
        <div className="banner" role="status">
          {skipped} item{skipped === 1 ? '' : 's'} on this board could not be shown (made by a newer or damaged client).
        </div>
      )}
      {props.followingLeader && (
        <div className="banner follow-banner" role="status" data-testid="follow-banner">
          Following {props.followingLeader.name ?? 'the facilitator'} — the facilitator is leading.{' '}
          <button className="link" onClick={props.onStopFollowing}>
            Stop following
          </button>
        </div>
      )}
    </>
  );
}
