import { useState } from 'react';
import type * as Y from 'yjs';
import { useValue, type Editor } from 'tldraw';
import { updateSession, type FacilitationSession } from '@accord/board';
import { addTime, parseMinutes, pauseTimer, remainingMs, resumeTimer, startTimer } from './clock.ts';
import { api } from '../lib/api.ts';
import { roundId, voteFromForm } from './voting.ts';
import { bringEveryoneHere } from './useFocus.ts';
import { DockSection } from './Dock.tsx';
import { DeleteBoard } from './DeleteBoard.tsx';

const PRESETS = [3, 5, 10, 15];

interface SectionProps {
  /** The facilitation doc: every write goes through `updateSession`. */
  doc: Y.Doc;
  session: FacilitationSession;
  /** Server time now (ms). */
  serverNow: () => number;
}

/** Facilitators only, in the dock's Run tab: the timer, the room (lock, bring everyone here, follow me), deleting the board. */
export function FacilitatorPanel(props: {
  doc: Y.Doc;
  session: FacilitationSession;
  offset: number;
  editor: Editor;
  me: string;
  /** The board as the facilitator may delete it. */
  board: { id: string; token: string; title: string };
}) {
  const { doc, session, offset, editor, me } = props;
  const serverNow = () => Date.now() + offset;
  const section = { doc, session, serverNow };
  const { locked, followMe } = session;
  return (
    <DockSection label="Facilitator controls" testId="facilitator-panel" className="facilitator">
      <TimerSection {...section} />
      <section>
        <h3>Room</h3>
        <div className="row wrap">
          <button type="button" className={`button small${locked ? ' primary' : ''}`} aria-pressed={locked} onClick={() => updateSession(doc, { locked: !locked })}>
            {locked ? 'Unlock board' : 'Lock board'}
          </button>
          <button type="button" className="button small" onClick={() => bringEveryoneHere(doc, editor, me, serverNow())}>
            Bring everyone here
          </button>
          {followMe?.by === me ? (
            <button type="button" className="button small primary" aria-pressed="true" onClick={() => updateSession(doc, { followMe: null })}>
              Stop follow me
            </button>
          ) : (
            <button type="button" className="button small" onClick={() => updateSession(doc, { followMe: { by: me, at: serverNow() } })}>
              Follow me
            </button>
          )}
        </div>
      </section>
      <DeleteBoard boardId={props.board.id} token={props.board.token} title={props.board.title} />
    </DockSection>
  );
}

function TimerSection({ doc, session, serverNow }: SectionProps) {
  const [minutes, setMinutes] = useState('5');
  const { timer } = session;
  const typed = parseMinutes(minutes);
  const start = (ms: number) => updateSession(doc, { timer: startTimer(ms, serverNow()) });
  return (
    <section>
      <h3>Timer</h3>
      <div className="row wrap">
        {PRESETS.map((m) => (
          <button type="button" key={m} className="button small" onClick={() => start(m * 60_000)}>
            {m} min
          </button>
        ))}
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed !== null) start(typed);
        }}
      >
        <input aria-label="Timer minutes" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <button className="button small" type="submit" disabled={typed === null}>
          Start
        </button>
      </form>
      {timer && (
        <div className="row wrap">
          {timer.running ? (
            <button type="button" className="button small" onClick={() => updateSession(doc, { timer: pauseTimer(timer, serverNow()) })}>
              Pause
            </button>
          ) : (
            <button type="button" className="button small" onClick={() => updateSession(doc, { timer: resumeTimer(timer, serverNow()) })} disabled={remainingMs(timer, serverNow()) <= 0}>
              Resume
            </button>
          )}
          <button type="button" className="button small" onClick={() => updateSession(doc, { timer: addTime(timer, 60_000, serverNow()) })}>
            +1 min
          </button>
          <button type="button" className="button small" onClick={() => updateSession(doc, { timer: null })}>
            Reset
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The round is the server's: every action is a call, and the session shows what it wrote. While a
 * call runs the buttons wait; a refusal is said under them.
 */
export function VoteSection({ session, editor, boardId, token }: { session: FacilitationSession; editor: Editor; boardId: string; token: string }) {
  const [form, setForm] = useState({ perPerson: '3', perNote: '', anonymous: false, inFrame: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectedFrame = useValue('selected frame', () => (editor.getOnlySelectedShape()?.type === 'frame' ? editor.getOnlySelectedShape()!.id : null), [editor]);
  const vote = session.voting;
  const setup = voteFromForm(form, selectedFrame);
  const run = (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    call()
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };
  return (
    <section>
      <h3>Dot vote</h3>
      {vote?.open ? (
        <>
          <p className="muted" data-testid="vote-progress">
            {vote.voterCount} {vote.voterCount === 1 ? 'person has' : 'people have'} voted{vote.anonymous ? ' · anonymous' : ''}
          </p>
          <div className="row wrap">
            {!vote.revealed && (
              <button type="button" className="button small" disabled={busy} onClick={() => run(() => api.revealVote(boardId, token, vote.id))}>
                Reveal
              </button>
            )}
            {/* Closing also writes the result onto each voted note (the server does), so the board keeps it. */}
            <button type="button" className="button small" disabled={busy} onClick={() => run(() => api.closeVote(boardId, token, vote.id))}>
              Close vote
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="row wrap">
            <label>
              Votes each <input aria-label="Votes per person" value={form.perPerson} onChange={(e) => setForm({ ...form, perPerson: e.target.value })} />
            </label>
            <label>
              Max per note <input aria-label="Max votes per note" placeholder="any" value={form.perNote} onChange={(e) => setForm({ ...form, perNote: e.target.value })} />
            </label>
          </div>
          <div className="row wrap">
            <label className="check">
              <input type="checkbox" checked={form.anonymous} onChange={(e) => setForm({ ...form, anonymous: e.target.checked })} /> Anonymous
            </label>
            <label className="check" title="Select a frame first">
              <input type="checkbox" checked={form.inFrame} onChange={(e) => setForm({ ...form, inFrame: e.target.checked })} /> Selected frame only
            </label>
          </div>
          <button type="button" className="button small" disabled={!setup || busy} onClick={() => setup && run(() => api.openVote(boardId, token, setup))}>
            Open vote
          </button>
          {vote && (
            <button type="button" className="button small" disabled={busy} onClick={() => run(() => api.clearVote(boardId, token, vote.id))}>
              Clear results
            </button>
          )}
        </>
      )}
      {error && (
        <p className="vote-message" role="alert" data-testid="vote-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** Facilitators only, in the dock's Writing tab: start a private-writing round, see how many notes are held, reveal them. */
export function PrivateWritingSection({ doc, session, held }: { doc: Y.Doc; session: FacilitationSession; held: number }) {
  const [anonymous, setAnonymous] = useState(false);
  const round = session.privateWriting;
  return (
    <section>
      <h3>Private writing</h3>
      {round?.active && !round.revealed ? (
        <>
          <p className="muted" data-testid="private-held">
            {held} private note{held === 1 ? '' : 's'} held{round.anonymous ? ' · without authors' : ''}
          </p>
          <button type="button" className="button small primary" onClick={() => updateSession(doc, { privateWriting: { ...round, revealed: true } })}>
            Reveal everyone’s notes
          </button>
        </>
      ) : (
        <>
          <label className="check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Publish without authors
          </label>
          <button type="button" className="button small" onClick={() => updateSession(doc, { privateWriting: { id: roundId(), active: true, revealed: false, anonymous } })}>
            Start private writing
          </button>
        </>
      )}
    </section>
  );
}
