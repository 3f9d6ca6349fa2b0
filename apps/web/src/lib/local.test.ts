import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../test/memoryStorage.ts';
import { PERSON_COLORS, forgetBoard, knownBoards, me, pendingTemplate, rememberBoard, saveMe, timerSound, type KnownBoard } from './local.ts';

let local: MemoryStorage;
let session: MemoryStorage;
beforeEach(() => {
  local = new MemoryStorage();
  session = new MemoryStorage();
  vi.stubGlobal('localStorage', local);
  vi.stubGlobal('sessionStorage', session);
});
afterEach(() => vi.unstubAllGlobals());

const board = (id: string, role: KnownBoard['role'], lastOpened: number, token = `${id}-${role}`): KnownBoard => ({ id, title: `Board ${id}`, role, token, lastOpened });

describe('known boards', () => {
  it('lists the boards remembered, most recently opened first', () => {
    rememberBoard(board('a', 'viewer', 100));
    rememberBoard(board('b', 'participant', 300));
    rememberBoard(board('c', 'facilitator', 200));
    expect(knownBoards().map((b) => b.id)).toEqual(['b', 'c', 'a']);
  });

  it('refreshes a board in place rather than listing it twice', () => {
    rememberBoard(board('a', 'participant', 100));
    rememberBoard({ ...board('a', 'participant', 500), title: 'Renamed' });
    expect(knownBoards()).toEqual([{ ...board('a', 'participant', 500), title: 'Renamed' }]);
  });

  it('never trades a stronger link for a weaker one, but takes a stronger one', () => {
    rememberBoard(board('a', 'facilitator', 100));
    rememberBoard(board('a', 'viewer', 200));
    expect(knownBoards()[0]).toMatchObject({ role: 'facilitator', token: 'a-facilitator', lastOpened: 200 });
    rememberBoard(board('b', 'viewer', 100));
    rememberBoard(board('b', 'participant', 200));
    expect(knownBoards().find((b) => b.id === 'b')).toMatchObject({ role: 'participant', token: 'b-participant' });
  });

  it('keeps at most 200 boards, dropping the oldest', () => {
    for (let i = 0; i < 205; i++) rememberBoard(board(`b${i}`, 'viewer', i));
    const list = knownBoards();
    expect(list).toHaveLength(200);
    expect(list.at(-1)!.id).toBe('b5');
  });

  it('forgets a board', () => {
    rememberBoard(board('a', 'viewer', 1));
    rememberBoard(board('b', 'viewer', 2));
    forgetBoard('a');
    expect(knownBoards().map((b) => b.id)).toEqual(['b']);
  });

  it('skips damaged entries and survives a damaged list', () => {
    local.setItem('accord.boards.v1', JSON.stringify([board('ok', 'viewer', 1), { id: 'x', title: 't', role: 'admin', token: 't', lastOpened: 1 }, { id: 'y' }, null, 'z']));
    expect(knownBoards().map((b) => b.id)).toEqual(['ok']);
    local.setItem('accord.boards.v1', '{not json');
    expect(knownBoards()).toEqual([]);
    local.setItem('accord.boards.v1', JSON.stringify({ not: 'a list' }));
    expect(knownBoards()).toEqual([]);
  });
});

describe('me', () => {
  it('makes a person on first use, with no name yet and one of the cursor colours, and keeps them', () => {
    const first = me();
    expect(first.name).toBe('');
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(PERSON_COLORS).toContain(first.color);
    expect(me()).toEqual(first);
  });

  it('keeps what was saved', () => {
    const first = me();
    saveMe({ ...first, name: 'Priya', party: 'pm' });
    expect(me()).toEqual({ ...first, name: 'Priya', party: 'pm' });
  });

  it('starts afresh when the stored person is incomplete', () => {
    local.setItem('accord.me.v1', JSON.stringify({ name: 'No id' }));
    const fresh = me();
    expect(fresh.name).toBe('');
    expect(fresh.id).toBeTruthy();
  });
});

describe('pendingTemplate', () => {
  it('hands the options over once', () => {
    pendingTemplate.set('b1', { stages: 3 });
    expect(pendingTemplate.take('b2')).toBeNull();
    expect(pendingTemplate.take('b1')).toEqual({ stages: 3 });
    expect(pendingTemplate.take('b1')).toBeNull();
  });

  it('gives nothing for damaged options, and drops them', () => {
    session.setItem('accord.pendingTemplate.b1', '{oops');
    expect(pendingTemplate.take('b1')).toBeNull();
    expect(session.length).toBe(0);
  });
});

describe('timerSound', () => {
  it('is on until turned off', () => {
    expect(timerSound.get()).toBe(true);
    timerSound.set(false);
    expect(timerSound.get()).toBe(false);
    timerSound.set(true);
    expect(timerSound.get()).toBe(true);
  });
});
