import { CloseCode } from '@accord/relay/closeCodes';

/**
 * What to tell the person when the server closed the board's connection with `code`, or null when
 * the code needs no words (a normal close, a network drop: the top bar already says "Offline").
 * The provider reconnects by itself in every case; the local copy keeps unsaved changes and sends
 * them once connected again.
 */
export function closeNotice(code: number): string | null {
  switch (code) {
    case CloseCode.StorageUnavailable:
      return 'The server can’t save changes right now. Your changes are kept on this device and sent when it can; reconnecting…';
    case CloseCode.ServiceRestart:
      return 'The server is restarting; reconnecting…';
    case CloseCode.TryAgainLater:
      return 'The connection couldn’t keep up with the board; reconnecting…';
    default:
      return null;
  }
}

/**
 * The notice shown over the board: set when the server closes with an explained code, kept while
 * the board is not live again, cleared once it is synced.
 */
export function nextNotice(current: string | null, event: { closedWith: number } | { synced: boolean }): string | null {
  if ('closedWith' in event) return closeNotice(event.closedWith) ?? current;
  return event.synced ? null : current;
}
