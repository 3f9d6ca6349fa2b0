import { useValue, type Editor, type TLShape, type TLShapeId } from 'tldraw';
import { richTextToPlainText } from '@accord/board';
import type { BallotClient } from './ballot.ts';
import { sideSplit, votePills, type VoteSetup } from './voting.ts';

/** The notes a dot may go on: notes of this page, inside the round's frame when it has one (the server checks the same). */
function eligibleNotes(editor: Editor, setup: VoteSetup): TLShape[] {
  return editor.getCurrentPageShapes().filter((s) => s.type === 'note' && (setup.frameId === null || editor.hasAncestor(s, setup.frameId as TLShapeId)));
}

/**
 * Dots on notes while a vote runs: my own dots with + and − on every eligible note (kept by the
 * server: `ballot` is null for someone who cannot vote); after the reveal, the server's totals on
 * the notes it counted (`votePills`).
 * Positioned over the canvas in screen space.
 */
export function VotingLayer({ editor, setup, ballot }: { editor: Editor; setup: VoteSetup; ballot: BallotClient | null }) {
  const notes = useValue('vote notes', () => eligibleNotes(editor, setup).map((s) => ({ id: s.id, box: editor.getShapePageBounds(s)!, camera: editor.getCamera() })), [editor, setup]);
  const mine = ballot?.dots ?? {};
  const boxes = new Map(notes.map((n) => [n.id as string, n.box]));
  const pills = votePills(setup, [...boxes.keys()], ballot !== null);
  return (
    <div className="vote-layer">
      {pills.map(({ id, total, controls }) => {
        const box = boxes.get(id)!;
        const p = editor.pageToViewport({ x: box.maxX, y: box.minY });
        const n = mine[id] ?? 0;
        return (
          <div key={id} className="vote-pill" style={{ left: p.x - 8, top: p.y + 10 }} data-testid={`vote-${id}`}>
            {total !== null && (
              <span className="vote-total" data-testid={`vote-total-${id}`}>
                {total}
              </span>
            )}
            {controls && ballot && (
              <>
                <button type="button" aria-label="Remove a dot" disabled={n === 0} onClick={() => ballot.cast(id, -1)}>
                  −
                </button>
                <span className="vote-mine">
                  {'●'.repeat(Math.min(n, 5))}
                  {n > 5 ? `×${n}` : ''}
                </span>
                <button type="button" aria-label="Add a dot" data-testid={`vote-add-${id}`} onClick={() => ballot.cast(id, 1)}>
                  +
                </button>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Votes left for me and why a dot was refused; after the reveal the server's ranked list (split by side unless anonymous). */
export function VoteSummary({ editor, setup, ballot, title }: { editor: Editor; setup: VoteSetup; ballot: BallotClient | null; title?: string }) {
  const rows = setup.revealed ? (setup.results?.rows ?? []) : [];
  const label = (id: string) => {
    const s = editor.getShape(id as TLShapeId) as { props?: { richText?: unknown } } | undefined;
    return richTextToPlainText(s?.props?.richText).replace(/\s+/g, ' ').trim() || '(a note no longer on the board)';
  };
  return (
    <aside className="vote-summary" aria-label="Vote" data-testid="vote-summary">
      <h2>{title ?? (setup.open ? 'Dot vote' : 'Vote closed')}</h2>
      {setup.open && ballot && (
        <p data-testid="votes-left">
          {Math.max(0, setup.votesPerPerson - ballot.used)} of {setup.votesPerPerson} votes left
        </p>
      )}
      {ballot?.message && (
        <p className="vote-message" role="status" data-testid="vote-message">
          {ballot.message}
        </p>
      )}
      {!setup.revealed && <p className="muted">Dots stay hidden until the facilitator reveals them{setup.anonymous ? '; this vote is anonymous' : ''}.</p>}
      {setup.revealed && (
        <>
          <p className="muted" data-testid="vote-voters">
            {setup.results?.voters ?? 0} {setup.results?.voters === 1 ? 'person' : 'people'} voted{setup.anonymous ? ' · anonymous' : ''}
          </p>
          <ol className="vote-ranking" data-testid="vote-ranking">
            {rows.map((r) => {
              const split = setup.anonymous ? null : sideSplit(r);
              return (
                <li key={r.shapeId}>
                  <strong>{r.total}</strong> {label(r.shapeId)}
                  {split && (
                    <span className="muted" data-testid="vote-split">
                      {' '}
                      ({split})
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </aside>
  );
}
