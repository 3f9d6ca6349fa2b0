import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { VOTE_RESULT_META, castDot, readVoteResult, voterKey } from '@accord/board';
import { myBallot, roundId, tally, voteFromForm, withVoteResult, type VoteForm, type VoteSetup } from './voting.ts';

const form: VoteForm = { perPerson: '3', perNote: '', anonymous: false, inFrame: false };

describe('voteFromForm', () => {
  it('opens a round with the form’s limits', () => {
    expect(voteFromForm(form, null, 'v1')).toEqual({ id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null });
    expect(voteFromForm({ ...form, perPerson: '20', perNote: '2', anonymous: true }, null, 'v1')).toMatchObject({ votesPerPerson: 20, perNoteLimit: 2, anonymous: true });
  });

  it('limits the round to the selected frame only when asked, and needs one selected then', () => {
    expect(voteFromForm({ ...form, inFrame: true }, 'shape:frame', 'v1')?.frameId).toBe('shape:frame');
    expect(voteFromForm({ ...form, inFrame: true }, null, 'v1')).toBeNull();
    expect(voteFromForm(form, 'shape:frame', 'v1')?.frameId).toBeNull();
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
    expect(voteFromForm({ ...form, ...change }, null, 'v1')).toBeNull();
  });
});

describe('withVoteResult', () => {
  const setup: VoteSetup = { id: 'v1', open: false, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: true, frameId: null };
  const row = { shapeId: 'shape:a', total: 3, bySide: { em: 2, pm: 1 } };

  it('writes the total and the split by side under the board’s meta key, keeping the rest', () => {
    const meta = withVoteResult({ keep: 1 }, setup, row);
    expect(meta.keep).toBe(1);
    expect(meta[VOTE_RESULT_META]).toEqual({ vote: 'v1', total: 3, byRole: { em: 2, pm: 1 } });
    expect(readVoteResult(meta)).toEqual({ vote: 'v1', total: 3, byRole: { em: 2, pm: 1 } });
  });

  it('leaves the split out of an anonymous round', () => {
    expect(readVoteResult(withVoteResult({}, { ...setup, anonymous: true }, row))).toEqual({ vote: 'v1', total: 3, byRole: {} });
  });
});

describe('ballots and tally', () => {
  it('counts every voter’s dots per note, highest first, split by side; my ballot is mine only', () => {
    const doc = new Y.Doc();
    const setup: VoteSetup = { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null };
    const pat = voterKey('v1', 'em', 'pat');
    const quinn = voterKey('v1', 'pm', 'quinn');
    castDot(doc, setup, pat, 'shape:a', 1);
    castDot(doc, setup, pat, 'shape:a', 1);
    castDot(doc, setup, quinn, 'shape:a', 1);
    castDot(doc, setup, quinn, 'shape:b', 1);
    // Another round does not count.
    castDot(doc, { ...setup, id: 'v0' }, voterKey('v0', 'em', 'pat'), 'shape:b', 1);
    expect(tally(doc, setup)).toEqual([
      { shapeId: 'shape:a', total: 3, bySide: { em: 2, pm: 1 } },
      { shapeId: 'shape:b', total: 1, bySide: { pm: 1 } },
    ]);
    expect(Object.fromEntries(myBallot(doc, pat))).toEqual({ 'shape:a': 2 });
    expect(myBallot(doc, voterKey('v1', 'em', 'nobody')).size).toBe(0);
  });
});

describe('roundId', () => {
  it('is short, URL-safe and different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, roundId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{1,8}$/);
  });
});
