/** Full-page errors, each with a way home (and a retry where retrying can help). */
export type ErrorKind = 'not-found' | 'unknown-board' | 'bad-link' | 'unreachable';

const TEXT: Record<ErrorKind, { title: string; body: string }> = {
  'not-found': { title: 'Nothing here', body: 'This address does not lead to a page of Accord.' },
  'unknown-board': { title: 'No such board', body: 'This board does not exist on this server. It may have been created on another Accord server, or the link was cut short.' },
  'bad-link': { title: 'This link does not open the board', body: 'The access part of the link is missing, damaged or belongs to another board. Ask the facilitator for a fresh link.' },
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
            <button className="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
