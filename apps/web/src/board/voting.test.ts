import { describe, expect, it } from 'vitest';
import { hasVoted, revealedTotals, roundId, sideSplit, voteFromForm, type VoteForm, type VoteSetup } from './voting.ts';

const form: VoteForm = { perPerson: '3', perNote: '', anonymous: false, inFrame: false };
const setup: VoteSetup = { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null, voted: ['pat'], voterCount: 1, results: null };

describe('voteFromForm', () => {
  it('asks the server for a round with the form’s limits', () => {
    expect(voteFromForm(form, null)).toEqual({ votesPerPerson: 3, perNoteLimit: null, anonymous: false, frameId: null });
    expect(voteFromForm({ ...form, perPerson: '20', perNote: '2', anonymous: true }, null)).toMatchObject({ votesPerPerson: 20, perNoteLimit: 2, anonymous: true });
  });

  it('limits the round to the selected frame only when asked, and needs one selected then', () => {
    expect(voteFromForm({ ...form, inFrame: true }, 'shape:frame')?.frameId).toBe('shape:frame');
    expect(voteFromForm({ ...form, inFrame: true }, null)).toBeNull();
    expect(voteFromForm(form, 'shape:frame')?.frameId).toBeNull();
  });

  it.each([
    ['no dots', { perPerson: '0' }],
    ['too many dots', { perPerson: '21' }],
    ['part of a dot', { perPerson: '2.5' }],
    ['an empty count', { perPerson: '' }],
    ['words', { perPerson: 'three' }],
    ['a per-note limit of 0', { perNote: '0' }],
    ['a per-note limit over 20', { perNote: '21' }],
    ['a per-note limit that is not a number', { perNote: 'x' }],
  ])('refuses %s', (_, change) => {
    expect(voteFromForm({ ...form, ...change }, null)).toBeNull();
  });
});

describe('what the session shows of a round', () => {
  const results = { rows: [{ shapeId: 'shape:a', total: 3, bySide: { pm: 1, em: 2 } }], voters: 2 };

  it('totals only once revealed', () => {
    expect(revealedTotals(setup).size).toBe(0);
    expect(revealedTotals({ ...setup, revealed: true, results })).toEqual(new Map([['shape:a', 3]]));
  });

  it('a split by side, in a fixed order, and none for an anonymous count', () => {
    expect(sideSplit(results.rows[0]!)).toBe('EM 2, PM 1');
    expect(sideSplit({ shapeId: 'shape:a', total: 2, bySide: { facilitator: 1, business: 1 } })).toBe('Business 1, facilitator 1');
    expect(sideSplit({ shapeId: 'shape:a', total: 3, bySide: {} })).toBeNull();
  });

  it('who has voted, only while a named round is open', () => {
    expect(hasVoted(setup, 'pat')).toBe(true);
    expect(hasVoted(setup, 'quinn')).toBe(false);
    expect(hasVoted({ ...setup, anonymous: true, voted: [] }, 'pat')).toBeNull();
    expect(hasVoted({ ...setup, open: false }, 'pat')).toBeNull();
    expect(hasVoted(null, 'pat')).toBeNull();
  });
});

describe('roundId', () => {
  it('is short, URL-safe and different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, roundId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{1,8}$/);
  });
});
