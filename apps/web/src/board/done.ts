import type { OnlinePerson } from './usePeople.ts';

/** How far the room is with the current activity, as the facilitator sees it. */
export interface DoneCount {
  done: number;
  /** Participants online now (each person once, however many tabs). */
  of: number;
}

/**
 * Who is done with `activity`: participants online, each person counted once (done when any of
 * their tabs said so). Facilitators and viewers do not count.
 */
export function countDone(people: readonly OnlinePerson[], activity: string | null): DoneCount {
  const byPerson = new Map<string, boolean>();
  for (const p of people) {
    if (p.role !== 'participant') continue;
    byPerson.set(p.userId, (byPerson.get(p.userId) ?? false) || (activity !== null && p.done === activity));
  }
  let done = 0;
  for (const d of byPerson.values()) if (d) done++;
  return { done, of: byPerson.size };
}
