import { describe, expect, it } from 'vitest';
import { countDone } from './done.ts';
import type { OnlinePerson } from './usePeople.ts';

const person = (userId: string, role: OnlinePerson['role'], done: string | null, clientId = Math.random()): OnlinePerson => ({
  clientId,
  userId,
  name: userId,
  color: '#000',
  role,
  party: null,
  privateRound: null,
  privateNotes: 0,
  done,
  isMe: false,
});

describe("I'm done", () => {
  it('counts participants here, each once, done with this activity', () => {
    const people = [
      person('ana', 'participant', 'step:0:a'),
      person('bo', 'participant', 'step:0:a', 1),
      person('bo', 'participant', null, 2), // a second tab of Bo's
      person('cy', 'participant', 'step:0:old'),
      person('fay', 'facilitator', 'step:0:a'),
      person('vic', 'viewer', null),
    ];
    expect(countDone(people, 'step:0:a')).toEqual({ done: 2, of: 3 });
    expect(countDone(people, null)).toEqual({ done: 0, of: 3 });
    expect(countDone([], 'vote:v1')).toEqual({ done: 0, of: 0 });
  });
});
