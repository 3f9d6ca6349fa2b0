/** Full-page errors, each with a way home (and a retry where retrying can help). */
export type ErrorKind = 'not-found' | 'unknown-board' | 'bad-link' | 'unreachable' | 'link-reset' | 'board-deleted';

const TEXT: Record<ErrorKind, { title: string; body: string }> = {
  'not-found': { title: 'Nothing here', body: 'This address does not lead to a page of Accord.' },
  'unknown-board': {
    title: 'No board here for this link',
    body: 'This link does not open a board on this server: the board may have been deleted, the facilitator may have reset this link, or the link was cut short. Ask the facilitator for a fresh link.',
  },
  'bad-link': { title: 'This link does not open the board', body: 'The access part of the link is missing or damaged. Ask the facilitator for a fresh link.' },
  'link-reset': { title: 'This link was reset', body: 'The facilitator reset the link you joined with, so it no longer opens the board. Ask them for the new link.' },
  'board-deleted': { title: 'This board was deleted', body: 'The facilitator deleted this board: its content, decision records and images are gone.' },
  unreachable: { title: 'The server cannot be reached', body: 'Accord could not talk to its server. Check your connection; the page will work again as soon as the server answers.' },
};

export function ErrorPage({ kind, onRetry }: { kind: ErrorKind; onRetry?: () => void }) {
  const text = TEXT[kind];
  return (
    <main className="page error-page" data-testid={`error-${kind}`}>
      <div className="card">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
        <div className="row">
          <a className="button primary" href="/">
            Go to your boards
          </a>
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
