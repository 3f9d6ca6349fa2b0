import { describe, expect, it } from 'vitest';
import { hasVoted, revealedTotals, roundId, sideSplit, voteFromForm, votePills, type VoteForm, type VoteSetup } from './voting.ts';

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

describe('votePills', () => {
  const counted = { rows: [{ shapeId: 'shape:a', total: 3, bySide: {} }, { shapeId: 'shape:b', total: 1, bySide: {} }], voters: 2 };
  // shape:late was added after the round's dots were cast: nobody could have voted on it in the count.
  const eligible = ['shape:a', 'shape:b', 'shape:none', 'shape:late'];

  it('shows revealed totals only on the notes the round counted, not on notes added since', () => {
    const closed = { ...setup, open: false, revealed: true, results: counted };
    expect(votePills(closed, eligible, true)).toEqual([
      { id: 'shape:a', total: 3, controls: false },
      { id: 'shape:b', total: 1, controls: false },
    ]);
  });

  it('while the round is open, gives every eligible note my + and −, with totals only where counted after the reveal', () => {
    expect(votePills(setup, eligible, true).map((p) => [p.id, p.total, p.controls])).toEqual(eligible.map((id) => [id, null, true]));
    const revealedOpen = { ...setup, revealed: true, results: counted };
    expect(votePills(revealedOpen, eligible, true).map((p) => [p.id, p.total])).toEqual([
      ['shape:a', 3],
      ['shape:b', 1],
      ['shape:none', null],
      ['shape:late', null],
    ]);
  });

  it('gives no pill to someone who cannot vote before the reveal, and only counted notes after it', () => {
    expect(votePills(setup, eligible, false)).toEqual([]);
    expect(votePills({ ...setup, revealed: true, results: counted }, eligible, false).map((p) => p.id)).toEqual(['shape:a', 'shape:b']);
  });
});
