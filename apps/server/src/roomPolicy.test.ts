import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentRoom, facilitationRoom, getSessionMap, updateSession } from '@accord/board';
import { roomPolicy } from './roomPolicy.ts';

const BOARD = 'board-policy-1';

describe('[R4] the relay policy', () => {
  it('governs a content room by its facilitation room and reads the lock from its session', () => {
    expect(roomPolicy.controlRoomOf(contentRoom(BOARD))).toBe(facilitationRoom(BOARD));
    expect(roomPolicy.controlRoomOf(facilitationRoom(BOARD))).toBeNull();
    const control = new Y.Doc();
    const participant = { role: 'participant', personId: null, linkGeneration: 0 } as const;
    expect(roomPolicy.writeRefusal(participant, contentRoom(BOARD), control)).toBeNull();
    updateSession(control, { locked: true });
    expect(roomPolicy.writeRefusal(participant, contentRoom(BOARD), control)).toMatch(/locked/);
    expect(roomPolicy.writeRefusal({ role: 'facilitator', personId: null, linkGeneration: 0 }, contentRoom(BOARD), control)).toBeNull();
    expect(roomPolicy.writeRefusal(participant, facilitationRoom(BOARD), null)).toMatch(/facilitators/);
    expect(roomPolicy.writeRefusal({ role: 'viewer', personId: null, linkGeneration: 0 }, contentRoom(BOARD), new Y.Doc())).toMatch(/viewers/);
  });

  it('takes only a well-formed lock: anything but `true` leaves the board open', () => {
    const control = new Y.Doc();
    getSessionMap(control).set('locked', 'yes');
    expect(roomPolicy.writeRefusal({ role: 'participant', personId: null, linkGeneration: 0 }, contentRoom(BOARD), control)).toBeNull();
  });
});
