import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createShapeId, toRichText, type TLRecord } from 'tldraw';
import { getRecordsKV, readRecords } from './doc.ts';
import { createShapeRecord } from './fixtures.ts';
import { readVoteResult } from './meta.ts';
import { getSessionMap, readSession, updateSession, type FacilitationVoting } from './session.ts';
import { PAGE_ID } from './test/helpers.ts';
import { votingResults, withVoteResult, writeVoteResults } from './voteResults.ts';
import { isInsideFrame, recordLookup, voteFrameRefusal, voteTargetRefusal } from './voteTargets.ts';
import { tallyRound } from './votes.ts';

const shape = (id: string, type: 'note' | 'frame' | 'geo', parentId: string, meta: Record<string, unknown> = {}): TLRecord =>
  createShapeRecord({
    id: createShapeId(id),
    type,
    parentId: parentId as never,
    meta: meta as never,
    props: type === 'note' ? { richText: toRichText(id) } : type === 'frame' ? { w: 400, h: 300, name: id } : { w: 10, h: 10 },
  });

/** A page with frame `outer` holding frame `inner` holding note `deep`; note `top` in `outer`; note `loose` on the page; a box. */
function board(): Y.Doc {
  const doc = new Y.Doc();
  const kv = getRecordsKV(doc);
  doc.transact(() => {
    for (const r of [
      shape('outer', 'frame', PAGE_ID),
      shape('inner', 'frame', 'shape:outer'),
      shape('deep', 'note', 'shape:inner'),
      shape('top', 'note', 'shape:outer', { keep: 'me' }),
      shape('loose', 'note', PAGE_ID),
      shape('box', 'geo', PAGE_ID),
    ])
      kv.set(r.id, r);
  });
  return doc;
}

const round: FacilitationVoting = { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null, voted: [], voterCount: 0, results: null };

describe('vote targets', () => {
  it('takes notes on the board, anywhere inside the round’s frame', () => {
    const records = recordLookup(board());
    expect(voteTargetRefusal(records, 'shape:deep', null)).toBeNull();
    expect(voteTargetRefusal(records, 'shape:deep', 'shape:outer')).toBeNull();
    expect(voteTargetRefusal(records, 'shape:top', 'shape:outer')).toBeNull();
    expect(isInsideFrame(records, 'shape:deep', 'shape:outer')).toBe(true);
    expect(isInsideFrame(records, 'shape:top', 'shape:inner')).toBe(false);
  });

  it('refuses what is not a note on the board, or a note outside the frame', () => {
    const records = recordLookup(board());
    expect(voteTargetRefusal(records, 'shape:gone', null)).toMatch(/no note/);
    expect(voteTargetRefusal(records, 'shape:box', null)).toMatch(/no note/);
    expect(voteTargetRefusal(records, 'shape:outer', null)).toMatch(/no note/);
    expect(voteTargetRefusal(records, PAGE_ID, null)).toMatch(/no note/);
    expect(voteTargetRefusal(records, 'shape:loose', 'shape:outer')).toMatch(/outside the frame/);
    expect(voteTargetRefusal(records, 'shape:top', 'shape:inner')).toMatch(/outside the frame/);
  });

  it('limits a round only to a frame on the board', () => {
    const records = recordLookup(board());
    expect(voteFrameRefusal(records, 'shape:inner')).toBeNull();
    expect(voteFrameRefusal(records, 'shape:top')).toMatch(/no frame/);
    expect(voteFrameRefusal(records, 'shape:nowhere')).toMatch(/no frame/);
  });

  it('survives a cycle of parents', () => {
    const records = (id: string) => ({ 'shape:a': { typeName: 'shape', type: 'note', parentId: 'shape:b' }, 'shape:b': { typeName: 'shape', type: 'frame', parentId: 'shape:a' } })[id];
    expect(isInsideFrame(records, 'shape:a', 'shape:c')).toBe(false);
  });

  it('reads a live doc without writing to it', () => {
    const doc = board();
    const before = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    recordLookup(doc);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(updates).toBe(0);
  });
});

describe('vote results', () => {
  const tally = tallyRound(
    [
      { voteId: 'v1', side: 'em', personId: 'ana', dots: new Map([['shape:top', 2]]) },
      { voteId: 'v1', side: 'pm', personId: 'bo', dots: new Map([['shape:top', 1], ['shape:deep', 1]]) },
    ],
    round,
  );

  it('publishes totals split by side, or totals only for an anonymous round', () => {
    expect(votingResults(tally, false)).toEqual({
      rows: [
        { shapeId: 'shape:top', total: 3, bySide: { em: 2, pm: 1 } },
        { shapeId: 'shape:deep', total: 1, bySide: { pm: 1 } },
      ],
      voters: 2,
    });
    expect(votingResults(tally, true).rows.map((r) => r.bySide)).toEqual([{}, {}]);
  });

  it('writes each voted note’s result into its meta, keeping the rest, skipping notes that are gone', () => {
    const doc = board();
    const rows = [...votingResults(tally, false).rows, { shapeId: 'shape:gone', total: 1, bySide: {} }];
    expect(writeVoteResults(doc, round, rows)).toBe(2);
    const top = readRecords(doc).find((r) => r.id === 'shape:top')!;
    expect(top.meta).toMatchObject({ keep: 'me' });
    expect(readVoteResult(top.meta)).toEqual({ vote: 'v1', total: 3, byRole: { em: 2, pm: 1 } });
    expect(readRecords(doc).some((r) => r.id === 'shape:gone')).toBe(false);
    expect(readVoteResult(withVoteResult({}, { id: 'v1', anonymous: true }, rows[0]!))).toEqual({ vote: 'v1', total: 3, byRole: {} });
  });
});

describe('the session’s voting field', () => {
  it('round-trips what the server publishes', () => {
    const doc = new Y.Doc();
    const voting = { ...round, revealed: true, voted: ['ana', 'bo'], voterCount: 2, results: votingResults(tallyRound([], round), false) };
    updateSession(doc, { voting });
    expect(readSession(doc).voting).toEqual(voting);
  });

  it('never reads voter names or a split out of an anonymous round', () => {
    const doc = new Y.Doc();
    getSessionMap(doc).set('voting', { ...round, anonymous: true, voted: ['ana'], voterCount: 1, results: { rows: [{ shapeId: 'shape:a', total: 1, bySide: { em: 1 } }], voters: 1 } });
    expect(readSession(doc).voting).toMatchObject({ voted: [], voterCount: 1, results: { rows: [{ shapeId: 'shape:a', total: 1, bySide: {} }], voters: 1 } });
  });

  it('reads a round written before the server held ballots, and drops malformed parts', () => {
    const doc = new Y.Doc();
    getSessionMap(doc).set('voting', { id: 'v0', open: false, votesPerPerson: 5, perNoteLimit: null, anonymous: false, revealed: true, frameId: null });
    expect(readSession(doc).voting).toMatchObject({ id: 'v0', voted: [], voterCount: 0, results: null });
    getSessionMap(doc).set('voting', { ...round, voted: ['b', 7, '', 'a', 'b'], voterCount: -3, results: { rows: [{ shapeId: 'shape:a', total: 0 }, 'x', { shapeId: 'shape:b', total: 2, bySide: { em: 1.5 } }], voters: 'many' } });
    expect(readSession(doc).voting).toMatchObject({ voted: ['a', 'b'], voterCount: 2, results: { rows: [{ shapeId: 'shape:b', total: 2, bySide: {} }], voters: 0 } });
  });
});
