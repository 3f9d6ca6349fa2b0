import { useEffect, useReducer } from 'react';
import { useValue, type Editor, type TLShape, type TLShapeId } from 'tldraw';
import type * as Y from 'yjs';
import { castDot, getVotesMap, richTextToPlainText } from '@accord/board';
import { myBallot, tally, type VoteSetup } from './voting.ts';

/** How a ballot's side reads in the tally: a trifecta party, or the board role of a voter who gave none. */
const SIDE_LABELS: Record<string, string> = { em: 'EM', pm: 'PM', business: 'Business', facilitator: 'facilitator', participant: 'participant' };

/** Re-renders when the votes map changes. */
function useVotes(doc: Y.Doc): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const votes = getVotesMap(doc);
    votes.observeDeep(bump);
    return () => votes.unobserveDeep(bump);
  }, [doc]);
}

function eligibleNotes(editor: Editor, setup: VoteSetup): TLShape[] {
  return editor.getCurrentPageShapes().filter((s) => s.type === 'note' && (setup.frameId === null || editor.hasAncestor(s, setup.frameId as TLShapeId)));
}

/**
 * Dots on notes while a vote runs: my own dots with + and − on every eligible note; after the
 * reveal, everyone's totals. Positioned over the canvas in screen space.
 */
export function VotingLayer({ editor, doc, setup, ballotKey, canVote }: { editor: Editor; doc: Y.Doc; setup: VoteSetup; ballotKey: string; canVote: boolean }) {
  useVotes(doc);
  const notes = useValue('vote notes', () => eligibleNotes(editor, setup).map((s) => ({ id: s.id, box: editor.getShapePageBounds(s)!, camera: editor.getCamera() })), [editor, setup]);
  const mine = myBallot(doc, ballotKey);
  const totals = new Map(tally(doc, setup).map((t) => [t.shapeId, t.total]));
  return (
    <div className="vote-layer">
      {notes.map(({ id, box }) => {
        const p = editor.pageToViewport({ x: box.maxX, y: box.minY });
        const n = mine.get(id) ?? 0;
        return (
          <div key={id} className="vote-pill" style={{ left: p.x - 8, top: p.y - 14 }} data-testid={`vote-${id}`}>
            {setup.revealed && <span className="vote-total" data-testid={`vote-total-${id}`}>{totals.get(id) ?? 0}</span>}
            {setup.open && canVote && (
              <>
                <button aria-label="Remove a dot" disabled={n === 0} onClick={() => castDot(doc, setup, ballotKey, id, -1)}>
                  −
                </button>
                <span className="vote-mine">{'●'.repeat(Math.min(n, 5))}{n > 5 ? `×${n}` : ''}</span>
                <button aria-label="Add a dot" data-testid={`vote-add-${id}`} onClick={() => castDot(doc, setup, ballotKey, id, 1)}>
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

/** Votes left for me, and after the reveal the ranked list (split by role). */
export function VoteSummary({ editor, doc, setup, ballotKey, canVote }: { editor: Editor; doc: Y.Doc; setup: VoteSetup; ballotKey: string; canVote: boolean }) {
  useVotes(doc);
  const used = [...myBallot(doc, ballotKey).values()].reduce((a, b) => a + b, 0);
  const rows = setup.revealed ? tally(doc, setup) : [];
  const label = (id: string) => {
    const s = editor.getShape(id as TLShapeId) as { props?: { richText?: unknown } } | undefined;
    return richTextToPlainText(s?.props?.richText).replace(/\s+/g, ' ').trim() || '(empty note)';
  };
  return (
    <aside className="vote-summary" aria-label="Vote" data-testid="vote-summary">
      <h2>{setup.open ? 'Dot vote' : 'Vote closed'}</h2>
      {setup.open && canVote && <p data-testid="votes-left">{setup.votesPerPerson - used} of {setup.votesPerPerson} votes left</p>}
      {!setup.revealed && <p className="muted">Dots stay hidden until the facilitator reveals them.</p>}
      {setup.revealed && (
        <ol className="vote-ranking" data-testid="vote-ranking">
          {rows.map((r) => (
            <li key={r.shapeId}>
              <strong>{r.total}</strong> {label(r.shapeId)}
              {!setup.anonymous && Object.keys(r.bySide).length > 0 && (
                <span className="muted" data-testid="vote-split"> ({Object.entries(r.bySide).sort(([a], [b]) => a.localeCompare(b)).map(([side, n]) => `${SIDE_LABELS[side] ?? side} ${n}`).join(', ')})</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
