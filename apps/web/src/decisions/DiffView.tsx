import type { BoardDiff } from '@accord/record';

/** What changed on the board since a record: notes added, removed and changed (text or area). */
export function DiffView({ diff }: { diff: BoardDiff }) {
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  const where = (area: string | null) => (area ? ` — ${area}` : '');
  return (
    <section className="record-diff" data-testid="record-diff" aria-label="Changes since the record">
      <h2>Since this record</h2>
      {none && <p className="muted">Nothing on the board has changed since.</p>}
      {diff.added.length > 0 && (
        <>
          <h3>Added ({diff.added.length})</h3>
          <ul data-testid="diff-added">
            {diff.added.map((n) => (
              <li key={n.id}>
                {n.text}
                <span className="muted">{where(n.area)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h3>Removed ({diff.removed.length})</h3>
          <ul data-testid="diff-removed">
            {diff.removed.map((n) => (
              <li key={n.id}>
                <s>{n.text}</s>
                <span className="muted">{where(n.area)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h3>Changed ({diff.changed.length})</h3>
          <ul data-testid="diff-changed">
            {diff.changed.map((n) => (
              <li key={n.id}>
                {n.textChanged ? (
                  <>
                    <s>{n.before}</s> → {n.after}
                  </>
                ) : (
                  n.after
                )}
                {n.moved && <span className="muted"> (moved from {n.areaBefore ?? 'outside any area'} to {n.area ?? 'outside any area'})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
