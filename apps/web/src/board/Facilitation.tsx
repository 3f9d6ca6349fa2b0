import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useValue, type Editor } from 'tldraw';
import type { FacilitationFocus, FacilitationFollow, FacilitationPrivateWriting } from '@accord/board';
import { chime, formatClock, remainingMs, type TimerState } from './clock.ts';
import { tally, type VoteSetup } from './voting.ts';

const PRESETS = [3, 5, 10, 15];


/** Re-renders every `ms` while `active`. */
function useTick(active: boolean, ms = 250): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return n;
}

/** The timer everyone sees, in the top bar; red and pulsing at zero, with an optional chime. */
export function TimerChip({ timer, offset }: { timer: TimerState | null; offset: number }) {
  useTick(!!timer?.running);
  const [sound, setSound] = useState(() => localStorage.getItem('accord.timerSound') !== 'off');
  const left = timer ? remainingMs(timer, Date.now() + offset) : 0;
  const done = !!timer && timer.running && left === 0;
  const rang = useRef<number | null>(null);
  useEffect(() => {
    if (done && sound && rang.current !== timer?.endsAt) {
      rang.current = timer?.endsAt ?? null;
      chime();
    }
  }, [done, sound, timer?.endsAt]);
  if (!timer) return null;
  return (
    <span className={`timer-chip${done ? ' done' : ''}${timer.running ? '' : ' paused'}`} data-testid="timer" data-remaining={Math.ceil(left / 1000)}>
      {formatClock(left)}
      <button
        className="timer-sound"
        title={sound ? 'Sound at zero: on' : 'Sound at zero: off'}
        aria-label={sound ? 'Mute the timer' : 'Play a sound at zero'}
        onClick={() => {
          localStorage.setItem('accord.timerSound', sound ? 'off' : 'on');
          setSound(!sound);
        }}
      >
        <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          {!sound && <path d="M2 2l20 20" />}
        </svg>
      </button>
    </span>
  );
}

/** Facilitators only: timer controls, lock, and bring-everyone-here. Writes go to the facilitation room. */
export function FacilitatorPanel(props: {
  session: Y.Map<unknown>;
  timer: TimerState | null;
  locked: boolean;
  offset: number;
  editor: Editor;
  me: string;
  vote: VoteSetup | null;
  content: Y.Doc;
  privateWriting: FacilitationPrivateWriting | null;
  /** Private notes held by everyone in the running round (from awareness). */
  privateHeld: number;
  followMe: FacilitationFollow | null;
  onClose: () => void;
}) {
  const { session, timer, locked, offset, editor, me, vote, content, privateWriting, privateHeld, followMe, onClose } = props;
  const [privateAnonymous, setPrivateAnonymous] = useState(false);
  const [minutes, setMinutes] = useState('5');
  const [perPerson, setPerPerson] = useState('3');
  const [perNote, setPerNote] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [inFrame, setInFrame] = useState(false);
  const selectedFrame = useValue('selected frame', () => (editor.getOnlySelectedShape()?.type === 'frame' ? editor.getOnlySelectedShape()!.id : null), [editor]);
  const perPersonN = Number(perPerson);
  const perNoteN = perNote.trim() === '' ? null : Number(perNote);
  const voteOk = Number.isInteger(perPersonN) && perPersonN >= 1 && perPersonN <= 20 && (perNoteN === null || (Number.isInteger(perNoteN) && perNoteN >= 1 && perNoteN <= 20)) && (!inFrame || selectedFrame !== null);
  const openVote = () => {
    const setup: VoteSetup = { id: Math.random().toString(36).slice(2, 10), open: true, votesPerPerson: perPersonN, perNoteLimit: perNoteN, anonymous, revealed: false, frameId: inFrame ? selectedFrame : null };
    session.set('voting', setup);
  };
  // Closing writes the result onto each voted note, so it stays on the board for the decision record.
  const closeVote = (v: VoteSetup) => {
    const rows = tally(content, v);
    editor.run(() => {
      for (const r of rows) {
        const shape = editor.getShape(r.shapeId as never);
        if (shape) editor.updateShape({ id: shape.id, type: shape.type, meta: { ...shape.meta, accordVotes: { vote: v.id, total: r.total, byRole: v.anonymous ? {} : r.bySide } } });
      }
    });
    session.set('voting', { ...v, open: false, revealed: true });
  };
  const serverNow = () => Date.now() + offset;
  const setTimer = (t: TimerState | null) => (t ? session.set('timer', t) : session.delete('timer'));
  const start = (ms: number) => setTimer({ durationMs: ms, endsAt: serverNow() + ms, remainingMs: ms, running: true });
  const left = timer ? remainingMs(timer, serverNow()) : 0;
  const typed = Number(minutes);
  const typedOk = Number.isFinite(typed) && typed > 0 && typed <= 180;

  return (
    <aside className="facilitator" aria-label="Facilitator panel" data-testid="facilitator-panel">
      <header>
        <h2>Facilitate</h2>
        <button className="button small" onClick={onClose} aria-label="Close facilitator panel">
          ×
        </button>
      </header>
      <section>
        <h3>Timer</h3>
        <div className="row wrap">
          {PRESETS.map((m) => (
            <button key={m} className="button small" onClick={() => start(m * 60_000)}>
              {m} min
            </button>
          ))}
        </div>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (typedOk) start(Math.round(typed * 60_000));
          }}
        >
          <input aria-label="Timer minutes" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <button className="button small" type="submit" disabled={!typedOk}>
            Start
          </button>
        </form>
        {timer && (
          <div className="row wrap">
            {timer.running ? (
              <button className="button small" onClick={() => setTimer({ ...timer, running: false, endsAt: null, remainingMs: left })}>
                Pause
              </button>
            ) : (
              <button className="button small" onClick={() => setTimer({ ...timer, running: true, endsAt: serverNow() + timer.remainingMs })} disabled={timer.remainingMs <= 0}>
                Resume
              </button>
            )}
            <button className="button small" onClick={() => setTimer(timer.running ? { ...timer, endsAt: (timer.endsAt ?? serverNow()) + 60_000 } : { ...timer, remainingMs: timer.remainingMs + 60_000 })}>
              +1 min
            </button>
            <button className="button small" onClick={() => setTimer(null)}>
              Reset
            </button>
          </div>
        )}
      </section>
      <section>
        <h3>Dot vote</h3>
        {vote?.open ? (
          <div className="row wrap">
            {!vote.revealed && (
              <button className="button small" onClick={() => session.set('voting', { ...vote, revealed: true })}>
                Reveal
              </button>
            )}
            <button className="button small" onClick={() => closeVote(vote)}>
              Close vote
            </button>
          </div>
        ) : (
          <>
            <div className="row wrap">
              <label>
                Votes each <input aria-label="Votes per person" value={perPerson} onChange={(e) => setPerPerson(e.target.value)} />
              </label>
              <label>
                Max per note <input aria-label="Max votes per note" placeholder="any" value={perNote} onChange={(e) => setPerNote(e.target.value)} />
              </label>
            </div>
            <div className="row wrap">
              <label className="check">
                <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Anonymous
              </label>
              <label className="check" title="Select a frame first">
                <input type="checkbox" checked={inFrame} onChange={(e) => setInFrame(e.target.checked)} /> Selected frame only
              </label>
            </div>
            <button className="button small" disabled={!voteOk} onClick={openVote}>
              Open vote
            </button>
            {vote && (
              <button className="button small" onClick={() => session.delete('voting')}>
                Clear results
              </button>
            )}
          </>
        )}
      </section>
      <section>
        <h3>Private writing</h3>
        {privateWriting?.active && !privateWriting.revealed ? (
          <>
            <p className="muted" data-testid="private-held">
              {privateHeld} private note{privateHeld === 1 ? '' : 's'} held{privateWriting.anonymous ? ' · without authors' : ''}
            </p>
            <button className="button small primary" onClick={() => session.set('privateWriting', { ...privateWriting, revealed: true })}>
              Reveal everyone’s notes
            </button>
          </>
        ) : (
          <>
            <label className="check">
              <input type="checkbox" checked={privateAnonymous} onChange={(e) => setPrivateAnonymous(e.target.checked)} /> Publish without authors
            </label>
            <button className="button small" onClick={() => session.set('privateWriting', { id: Math.random().toString(36).slice(2, 10), active: true, revealed: false, anonymous: privateAnonymous } satisfies FacilitationPrivateWriting)}>
              Start private writing
            </button>
          </>
        )}
      </section>
      <section>
        <h3>Room</h3>
        <div className="row wrap">
          <button className={`button small${locked ? ' primary' : ''}`} aria-pressed={locked} onClick={() => session.set('locked', !locked)}>
            {locked ? 'Unlock board' : 'Lock board'}
          </button>
          <button
            className="button small"
            onClick={() => {
              const b = editor.getViewportPageBounds();
              const focus: FacilitationFocus = { x: b.x, y: b.y, w: b.w, h: b.h, at: serverNow(), by: me, pageId: editor.getCurrentPageId() };
              session.set('focus', focus);
            }}
          >
            Bring everyone here
          </button>
          {followMe?.by === me ? (
            <button className="button small primary" aria-pressed="true" onClick={() => session.set('followMe', null)}>
              Stop follow me
            </button>
          ) : (
            <button className="button small" onClick={() => session.set('followMe', { by: me, at: serverNow() } satisfies FacilitationFollow)}>
              Follow me
            </button>
          )}
        </div>
      </section>
    </aside>
  );
}
