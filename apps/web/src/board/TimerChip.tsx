import { useEffect, useRef, useState } from 'react';
import { timerBar, timerSound } from '../lib/local.ts';
import { chime, formatClock, remainingMs, type TimerState } from './clock.ts';

/** Re-renders every `ms` while `active`. */
export function useTick(active: boolean, ms = 250): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return n;
}

/**
 * The timer everyone sees, in the top bar: large digits a room can read from the back, red and
 * pulsing at zero, with an optional chime and an optional full-width progress bar across the top of
 * the board (each person's choice, kept in this browser).
 */
export function TimerChip({ timer, offset }: { timer: TimerState | null; offset: number }) {
  useTick(!!timer?.running);
  const [sound, setSound] = useState(() => timerSound.get());
  const [bar, setBar] = useState(() => timerBar.get());
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
  const fraction = timer.durationMs > 0 ? Math.min(1, left / timer.durationMs) : 0;
  return (
    <span className={`timer-chip${done ? ' done' : ''}${timer.running ? '' : ' paused'}`} data-testid="timer" data-remaining={Math.ceil(left / 1000)}>
      <span className="timer-digits" role="timer" aria-label={`${formatClock(left)} left${timer.running ? '' : ', paused'}`}>
        {formatClock(left)}
      </span>
      <button type="button"
        className="timer-sound"
        title={bar ? 'Progress bar: on' : 'Progress bar: off'}
        aria-label={bar ? 'Hide the progress bar' : 'Show a progress bar across the board'}
        aria-pressed={bar}
        onClick={() => {
          timerBar.set(!bar);
          setBar(!bar);
        }}
      >
        <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
          <rect x="2" y="9" width="20" height="6" rx="3" />
          <path d="M2 12h11" strokeWidth="5" />
        </svg>
      </button>
      {bar && (
        <span className="timer-bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </span>
      )}
      <button type="button"
        className="timer-sound"
        title={sound ? 'Sound at zero: on' : 'Sound at zero: off'}
        aria-label={sound ? 'Mute the timer' : 'Play a sound at zero'}
        onClick={() => {
          timerSound.set(!sound);
          setSound(!sound);
        }}
      >
        <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          {!sound && <path d="M2 2l20 20" />}
        </svg>
      </button>
    </span>
  );
}
