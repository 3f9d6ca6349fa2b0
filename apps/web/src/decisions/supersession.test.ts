import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatToken, recordLink } from '@accord/api';
import { MemoryStorage } from '../test/memoryStorage.ts';
import { rememberBoard } from '../lib/local.ts';
import { knownToken, readNames, readSupersedesChoice, supersededLabel, supersederLabel, viewerNames } from './supersession.ts';

const HERE = 'here_board01';
const THERE = 'there_board1';
const token = (board: string) => formatToken(board, 'viewer', 'm'.repeat(43));

describe('the record a decision supersedes', () => {
  it('is none, a record of this board by id, or another board’s record from its link', () => {
    expect(readSupersedesChoice('', '', HERE)).toBeNull();
    expect(readSupersedesChoice('record:rec-00000001', '', HERE)).toEqual({ recordId: 'rec-00000001' });
    expect(readSupersedesChoice('link', recordLink('https://a.example', THERE, 'rec-00000002', token(THERE)), HERE)).toEqual({ recordId: 'rec-00000002', boardId: THERE, token: token(THERE) });
    // A link of this very board is read as the record's id: no token is sent for it.
    expect(readSupersedesChoice('link', recordLink('https://a.example', HERE, 'rec-00000003', token(HERE)), HERE)).toEqual({ recordId: 'rec-00000003' });
    expect(readSupersedesChoice('link', 'not a link', HERE)).toBe('invalid');
    expect(readSupersedesChoice('link', `https://a.example/b/${THERE}#t=${token(THERE)}`, HERE)).toBe('invalid');
  });

  it('is labelled by number on this board, and by board on another; a superseder of another board by its date only', () => {
    expect(supersededLabel({ boardId: HERE, recordId: 'r', seq: 2, title: 'Ship' }, HERE)).toBe('#2 Ship');
    expect(supersededLabel({ boardId: THERE, recordId: 'r', seq: 4, title: 'Old plan' }, HERE)).toBe(`record #4 of board ${THERE}: Old plan`);
    expect(supersederLabel({ boardId: HERE, recordId: 'r', seq: 5, title: 'Buy', recordedAt: '2025-05-01T10:00:00.000Z' })).toBe('#5 Buy');
    expect(supersederLabel({ boardId: THERE, recordId: 'r', seq: null, title: null, recordedAt: '2025-05-01T10:00:00.000Z' })).toBe('a record on another board (2025-05-01)');
  });
});

describe('who to keep informed', () => {
  it('is proposed from the viewers online, and read from the field as names', () => {
    expect(viewerNames([{ name: 'Dana', role: 'viewer' }, { name: 'Fay', role: 'facilitator' }, { name: ' Dana ', role: 'viewer' }, { name: '', role: 'viewer' }])).toEqual(['Dana']);
    expect(readNames('Dana, Eng leads\nDana,, ')).toEqual(['Dana', 'Eng leads']);
  });
});

describe('tokens this browser holds', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());
  it('link another board’s record only when this browser opened that board', () => {
    expect(knownToken(THERE)).toBeNull();
    rememberBoard({ id: THERE, title: 'There', role: 'viewer', token: token(THERE), lastOpened: 1 });
    expect(knownToken(THERE)).toBe(token(THERE));
  });
});
