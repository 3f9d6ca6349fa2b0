import { useEffect, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { setDone } from '@accord/board';
import { countDone } from './done.ts';
import { remainingMs, type TimerState } from './clock.ts';
import { useTick } from './TimerChip.tsx';
import type { OnlinePerson } from './usePeople.ts';

/**
 * "I'm done": a participant marks themselves done with what the room is doing now (an open vote,
 * a private-writing round, the agenda step being run); the facilitator sees how many of the
 * participants here are done, and is told when everyone is — or when time is up.
 */
export function DoneBar(props: { awareness: Awareness; activity: string | null; people: OnlinePerson[]; role: 'facilitator' | 'participant' | 'viewer'; timer: TimerState | null; offset: number }) {
  const { awareness, activity, people, role, timer } = props;
  useTick(!!timer?.running && role === 'facilitator');
  const timeUp = !!timer?.running && remainingMs(timer, Date.now() + props.offset) === 0;
  const me = people.find((p) => p.isMe);
  const mine = !!activity && me?.done === activity;
  // A new activity starts everyone at "not done".
  useEffect(() => {
    if (me?.done && me.done !== activity) setDone(awareness, null);
  }, [awareness, activity, me?.done]);
  if (!activity || role === 'viewer') return null;
  let body: ReactNode;
  if (role === 'participant') {
    body = (
      <button type="button" className={`button done-button${mine ? ' primary' : ''}`} aria-pressed={mine} onClick={() => setDone(awareness, mine ? null : activity)} data-testid="im-done">
        {mine ? '✓ Done' : 'I’m done'}
      </button>
    );
  } else {
    const { done, of } = countDone(people, activity);
    const all = of > 0 && done === of;
    body =
      of === 0 ? (
        // Nobody to count yet: "0 of 0 done" reads like a result.
        <span className="done-count" role="status" data-testid="done-count">
          No participants here yet{timeUp ? ' — time is up' : ''}
        </span>
      ) : (
        <span className={`done-count${all ? ' all' : ''}`} role="status" data-testid="done-count">
          <strong>
            {done} of {of}
          </strong>{' '}
          done{all ? ' — everyone is done, move on when you are ready' : timeUp ? ' — time is up' : ''}
        </span>
      );
  }
  return <div className="done-bar">{body}</div>;
}
