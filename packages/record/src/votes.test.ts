import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getVotesMap } from '@accord/board';
import { buildDecisionRecord } from './build.ts';
import { TestBoard } from './test/boards.ts';
import type { Votes } from './types.ts';

function votesOf(b: TestBoard, withSession = true): Votes | null {
  return buildDecisionRecord({
    boardId: 'board-0001',
    boardTitle: 'Votes',
    recordedAt: 0,
    input: { title: 'T', statement: 'S' },
    content: b.content,
    facilitation: withSession ? b.facilitation : null,
  }).votes;
}

/** A retro board with three notes in the Start column (a, m, c from the top) and one in Stop (d). */
function board() {
  const b = new TestBoard();
  b.template('start-stop-continue');
  const ids = { a: b.note('start', 'Pair on releases'), m: b.note('start', 'Share the roadmap early'), c: b.note('start', 'Demo every Friday'), d: b.note('stop', 'Late scope changes') };
  return { b, ...ids };
}

const closed = (voteId: string, total: number, byRole: Record<string, number> = {}) => ({ accordVotes: { vote: voteId, total, byRole } });

describe('the server’s count', () => {
  it('reports the results the server published for the session’s round, split by side', () => {
    const { b, a, c, d } = board();
    b.counted({ id: 'v1', open: false, revealed: true }, [
      ['em', 'p1', { [c]: 2, [a]: 1 }],
      ['pm', 'p2', { [c]: 1, [d]: 2 }],
    ]).write();
    const v = votesOf(b)!;
    expect(v.round).toEqual({ id: 'v1', source: 'session', anonymous: false, open: false, voters: 2, ignoredBallots: 0 });
    expect(v.items.map((i) => [i.text, i.total, i.bySide])).toEqual([
      ['Demo every Friday', 3, { em: 2, pm: 1 }],
      ['Late scope changes', 2, { em: 0, pm: 2 }],
      ['Pair on releases', 1, { em: 1, pm: 0 }],
    ]);
  });

  it('reports totals only for an anonymous round', () => {
    const { b, a, c } = board();
    b.counted({ id: 'v1', anonymous: true, open: true, revealed: true }, [
      ['em', 'p1', { [c]: 2 }],
      ['pm', 'p2', { [a]: 1 }],
    ]).write();
    const v = votesOf(b)!;
    expect(v.round).toMatchObject({ anonymous: true, open: true, voters: 2 });
    expect(v.sides).toEqual([]);
    expect(v.items.map((i) => [i.total, i.bySide])).toEqual([
      [2, null],
      [1, null],
    ]);
  });

  it('takes the server’s results over ballots left in the shared doc', () => {
    const { b, a, c } = board();
    // Ballots a client wrote into the doc before the server held them do not count for a round the server counted.
    b.ballot('v1', 'em', 'p9', { [a]: 5 });
    b.counted({ id: 'v1', open: false, revealed: true }, [['pm', 'p1', { [c]: 1 }]]).write();
    expect(votesOf(b)!.items.map((i) => [i.text, i.total])).toEqual([['Demo every Friday', 1]]);
  });

  it('never reports a round that is open and not revealed, whatever its session field holds', () => {
    const { b, c } = board();
    b.counted({ id: 'v1', open: true, revealed: false }, [['pm', 'p1', { [c]: 1 }]]).write();
    expect(votesOf(b)).toBeNull();
  });
});

describe('votes by side (legacy ballots in the shared doc)', () => {
  it('splits a revealed round by the side each voter gave, most dots first', () => {
    const { b, a, c, d } = board();
    b.ballot('v1', 'em', 'p1', { [c]: 2, [a]: 1 })
      .ballot('v1', 'pm', 'p2', { [c]: 1, [d]: 2 })
      .ballot('v1', 'facilitator', 'p3', { [a]: 2 })
      .voting({ id: 'v1', open: false, revealed: true })
      .write();
    const v = votesOf(b)!;
    expect(v.round).toEqual({ id: 'v1', source: 'session', anonymous: false, open: false, voters: 3, ignoredBallots: 0 });
    expect(v.sides).toEqual(['em', 'pm', 'facilitator']);
    // a and c tie on 3: a is higher on the board.
    expect(v.items.map((i) => [i.text, i.total, i.bySide])).toEqual([
      ['Pair on releases', 3, { em: 1, pm: 0, facilitator: 2 }],
      ['Demo every Friday', 3, { em: 2, pm: 1, facilitator: 0 }],
      ['Late scope changes', 2, { em: 0, pm: 2, facilitator: 0 }],
    ]);
    expect(v.items[0]!.area).toBe('Start');
  });

  it('does not split an anonymous round', () => {
    const { b, a, c } = board();
    b.ballot('v1', 'em', 'p1', { [c]: 2 }).ballot('v1', 'pm', 'p2', { [c]: 1, [a]: 1 }).voting({ id: 'v1', anonymous: true }).write();
    const v = votesOf(b)!;
    expect(v.round.anonymous).toBe(true);
    expect(v.sides).toEqual([]);
    expect(v.items.map((i) => [i.text, i.total, i.bySide])).toEqual([
      ['Demo every Friday', 3, null],
      ['Pair on releases', 1, null],
    ]);
  });

  it('counts sides it does not know as other', () => {
    const { b, a } = board();
    b.ballot('v1', 'em', 'p1', { [a]: 1 }).ballot('v1', '<b>hacker</b>', 'p2', { [a]: 1 }).voting({ id: 'v1' }).write();
    expect(votesOf(b)!.items[0]!.bySide).toEqual({ em: 1, other: 1 });
  });
});

describe('which round', () => {
  it('never reports a round that is open and not revealed', () => {
    const { b, a } = board();
    b.ballot('v2', 'em', 'p1', { [a]: 3 }).voting({ id: 'v2', open: true, revealed: false }).write();
    expect(votesOf(b)).toBeNull();
  });

  it('reports an open round once it is revealed', () => {
    const { b, a } = board();
    b.ballot('v2', 'em', 'p1', { [a]: 3 }).voting({ id: 'v2', open: true, revealed: true }).write();
    expect(votesOf(b)?.round).toMatchObject({ id: 'v2', open: true, source: 'session' });
  });

  it('falls back to the last closed round while a new one is hidden, without leaking the new counts', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    const a = b.note('start', 'Pair on releases', { meta: closed('v1', 2, { em: 2 }) });
    b.ballot('v1', 'em', 'p1', { [a]: 2 }).ballot('v2', 'pm', 'p2', { [a]: 5 }).voting({ id: 'v2', open: true, revealed: false }).write();
    const v = votesOf(b)!;
    expect(v.round).toEqual({ id: 'v1', source: 'board', anonymous: false, open: false, voters: null, ignoredBallots: 0 });
    expect(v.items.map((i) => [i.total, i.bySide])).toEqual([[2, { em: 2 }]]);
  });

  it('without a facilitation doc, trusts only the results closed rounds left on the notes', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    const a = b.note('start', 'Pair on releases');
    const c = b.note('start', 'Demo every Friday', { meta: closed('v1', 4) });
    b.ballot('v1', 'em', 'p1', { [c]: 4 }).ballot('v9', 'em', 'p1', { [a]: 9 }).write();
    const v = votesOf(b, false)!;
    // byRole {} everywhere: the round was closed as anonymous.
    expect(v.round).toMatchObject({ id: 'v1', source: 'board', anonymous: true });
    expect(v.items.map((i) => [i.text, i.total, i.bySide])).toEqual([['Demo every Friday', 4, null]]);
  });

  it('picks the newest closed round: one whose notes show another round is older, even on more notes', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    // Round A voted n1, n2, n3; round B, later, voted n2 only, so n2 now shows B's result.
    const n1 = b.note('start', 'one', { meta: closed('A', 1, { em: 1 }) });
    const n2 = b.note('start', 'two', { meta: closed('B', 3, { pm: 3 }) });
    const n3 = b.note('start', 'three', { meta: closed('A', 1, { em: 1 }) });
    b.ballot('A', 'em', 'p1', { [n1]: 1, [n2]: 1, [n3]: 1 }).ballot('B', 'pm', 'p2', { [n2]: 3 }).write();
    const v = votesOf(b, false)!;
    expect(v.round.id).toBe('B');
    expect(v.items.map((i) => [i.text, i.total])).toEqual([['two', 3]]);
  });

  it('with nothing to tell closed rounds apart, takes the one on most notes', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    b.note('start', 'one', { meta: closed('A', 1, { em: 1 }) });
    b.note('start', 'two', { meta: closed('B', 1, { em: 1 }) });
    b.note('start', 'three', { meta: closed('B', 2, { em: 2 }) });
    b.write();
    expect(votesOf(b, false)?.round.id).toBe('B');
  });

  it('uses the closed round on the notes when the session round has no dots', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    b.note('start', 'one', { meta: closed('A', 2, { em: 2 }) });
    b.voting({ id: 'B', open: false, revealed: true }).write();
    expect(votesOf(b)?.round).toMatchObject({ id: 'A', source: 'board' });
  });
});

describe('what counts', () => {
  it('leaves out ballots that break the round limits', () => {
    const { b, a, c } = board();
    b.ballot('v1', 'em', 'p1', { [a]: 2, [c]: 2, [b.frame('stop').id]: 1 }) // 5 dots where 4 are allowed
      .ballot('v1', 'pm', 'p2', { [c]: 3 }) // 3 on one note where 2 are allowed
      .ballot('v1', 'pm', 'p3', { [a]: 1 })
      .ballot('v1', 'em', 'p4', { [c]: 2, [a]: 2 })
      .voting({ id: 'v1', votesPerPerson: 4, perNoteLimit: 2 })
      .write();
    const v = votesOf(b)!;
    expect(v.round).toMatchObject({ voters: 2, ignoredBallots: 2 });
    expect(v.items.map((i) => [i.text, i.total])).toEqual([
      ['Pair on releases', 3],
      ['Demo every Friday', 2],
    ]);
  });

  it('counts only notes inside the round frame that are still on the board', () => {
    const { b, a, d } = board();
    b.ballot('v1', 'em', 'p1', { [a]: 1, [d]: 1, 'shape:deleted': 2 })
      .voting({ id: 'v1', frameId: b.frame('start').id })
      .write();
    expect(votesOf(b)!.items.map((i) => i.id)).toEqual([a]);
  });

  it('ignores malformed counts and keys', () => {
    const { b, a } = board();
    b.ballot('v1', 'em', 'p1', { [a]: 1.5 }).ballot('v1', 'pm', 'p2', { [a]: -4 }).voting({ id: 'v1' }).write();
    getVotesMap(b.content).set('no-colons', new Y.Map<number>());
    getVotesMap(b.content).set('v1:em:p9', 7 as never);
    expect(votesOf(b)).toBeNull();
  });
});
