import { describe, expect, it } from 'vitest';
import { canEditContent, roleAtLeast, writeRefusal } from './access.ts';
import { boardOfRoom, controlRoomOf, facilitationRoom, isFacilitationRoom } from './rooms.ts';
import { agendaStepKey, agendasOnBoard, findAgendaStep, readAgendas, readAuthor, readPrivateFlag, readVoteResult, withAgendas } from './meta.ts';
import { currentActivity } from './awareness.ts';
import { readSession } from './session.ts';
import * as Y from 'yjs';

describe('rooms', () => {
  it('names a board’s two rooms and tells them apart', () => {
    expect(facilitationRoom('board-1234')).toBe('board-1234/facilitation');
    expect(isFacilitationRoom('board-1234/facilitation')).toBe(true);
    expect(isFacilitationRoom('board-1234')).toBe(false);
    expect(boardOfRoom('board-1234/facilitation')).toBe('board-1234');
    expect(boardOfRoom('board-1234')).toBe('board-1234');
    expect(controlRoomOf('board-1234')).toBe('board-1234/facilitation');
    expect(controlRoomOf('board-1234/facilitation')).toBeNull();
  });
});

describe('[R4] the write rule', () => {
  it('lets facilitators write anywhere, participants to unlocked content, viewers nowhere', () => {
    expect(writeRefusal('facilitator', 'b/facilitation', true)).toBeNull();
    expect(writeRefusal('participant', 'b', false)).toBeNull();
    expect(writeRefusal('participant', 'b', true)).toMatch(/locked/);
    expect(writeRefusal('participant', 'b/facilitation', false)).toMatch(/facilitators/);
    expect(writeRefusal('viewer', 'b', false)).toMatch(/viewers/);
    expect([canEditContent('facilitator', true), canEditContent('participant', false), canEditContent('participant', true), canEditContent('viewer', false)]).toEqual([true, true, false, false]);
    expect([roleAtLeast('facilitator', 'participant'), roleAtLeast('participant', 'participant'), roleAtLeast('viewer', 'participant')]).toEqual([true, true, false]);
  });
});

describe('meta', () => {
  it('reads each key defensively', () => {
    expect(readVoteResult({ accordVotes: { vote: 'v1', total: 3, byRole: { em: 2, pm: 1, x: -1 } } })).toEqual({ vote: 'v1', total: 3, byRole: { em: 2, pm: 1 } });
    expect(readVoteResult({ accordVotes: { vote: 'v1', total: 0 } })).toBeNull();
    expect(readAuthor({ accordAuthor: { id: 'p1', name: 'Ana' } })).toEqual({ id: 'p1', name: 'Ana' });
    expect(readAuthor({ accordAuthor: 'Ana' })).toBeNull();
    expect(readPrivateFlag({ accordPrivate: { round: 'r', by: 'p1' } })).toEqual({ round: 'r', by: 'p1' });
    expect(readPrivateFlag(null)).toBeNull();
  });

  it('keeps agendas in document meta and finds a step by its session key', () => {
    const step = { id: 's1', title: 'Say the positions', goal: 'g', minutes: 10, prompt: 'p', pitfall: 'f', areaIds: ['shape:a'] };
    const meta = withAgendas({ other: 1 }, [{ template: 'needs-vs-positions', title: 'Needs', steps: [step, { id: 7 }] as never }]);
    expect(meta.other).toBe(1);
    const agendas = readAgendas(meta);
    expect(agendas).toEqual([{ template: 'needs-vs-positions', title: 'Needs', steps: [step] }]);
    expect(findAgendaStep(agendas, agendaStepKey(0, 's1'))).toMatchObject({ index: 0, position: 0, step });
    expect(findAgendaStep(agendas, '1:s1')).toBeNull();
    expect(findAgendaStep(agendas, null)).toBeNull();
    // An agenda whose frames are all gone (its insertion undone) is not on the board.
    expect(agendasOnBoard(meta, (id) => id === 'shape:a')).toEqual(agendas);
    expect(agendasOnBoard(meta, () => false)).toEqual([{ ...agendas[0], steps: [] }]);
  });

  it('names the activity people say "I\'m done" with: a vote, else a writing round, else the step', () => {
    const session = readSession(new Y.Doc());
    expect(currentActivity(session)).toBeNull();
    expect(currentActivity({ ...session, agendaStep: '0:s1' })).toBe('step:0:s1');
    const writing = { ...session, agendaStep: '0:s1', privateWriting: { id: 'w1', active: true, revealed: false, anonymous: false } };
    expect(currentActivity(writing)).toBe('write:w1');
    expect(currentActivity({ ...writing, voting: { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null, voted: [], voterCount: 0, results: null } })).toBe('vote:v1');
    expect(currentActivity({ ...writing, privateWriting: { ...writing.privateWriting, revealed: true } })).toBe('step:0:s1');
  });
});
