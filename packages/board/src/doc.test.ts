import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TLRecord } from 'tldraw';
import { getRecordsKV, readRecords, RECORDS, writeEntries } from './doc.ts';
import { RecordsKV } from './kv.ts';
import { getPeopleMap, readPeople, upsertPerson } from './people.ts';
import { getSessionMap, readSession, updateSession } from './session.ts';
import { applyDot, dotsUsed, getVotesMap, parseVoterKey, readBallots, tallyRound, voterKey, voterSide, type Ballot } from './votes.ts';
import { note } from './test/helpers.ts';

describe('board doc layout', () => {
  it('keeps one records view per doc', () => {
    const doc = new Y.Doc();
    expect(getRecordsKV(doc)).toBe(getRecordsKV(doc));
    expect(getRecordsKV(doc)).not.toBe(getRecordsKV(new Y.Doc()));
  });

  it('writes many records in one sweep with the same result as one by one, seen the same by a peer', () => {
    const doc = new Y.Doc();
    const peer = new Y.Doc();
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
    const kv = getRecordsKV(doc);
    const peerKV = getRecordsKV(peer);
    const changed = new Set<string>();
    peerKV.on('change', (changes: Map<string, unknown>) => {
      for (const k of changes.keys()) changed.add(k);
    });
    const notes = Array.from({ length: 40 }, (_, i) => note(`n${i}`, i));
    doc.transact(() => writeEntries(kv, notes, []));
    // Rewrite every other note, delete a run of five, add three: more than the one-by-one threshold.
    const rewritten = notes.filter((_, i) => i % 2 === 0 && (i < 10 || i >= 20)).map((n) => ({ ...n, y: 1 }));
    const deleted = notes.slice(11, 16).map((n) => n.id);
    const added = [note('x1'), note('x2'), note('x3')];
    changed.clear();
    doc.transact(() => writeEntries(kv, [...rewritten, ...added], [...deleted, 'shape:never-existed']));
    const expected = new Map<string, TLRecord>(notes.map((n) => [n.id, n]));
    for (const r of [...rewritten, ...added]) expected.set(r.id, r);
    for (const id of deleted) expected.delete(id);
    const sorted = (rs: Iterable<TLRecord>) => [...rs].sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(readRecords(doc))).toEqual(sorted(expected.values()));
    expect(sorted([...kv.map.values()].map((e) => e.val))).toEqual(sorted(expected.values()));
    expect(sorted([...peerKV.map.values()].map((e) => e.val))).toEqual(sorted(expected.values()));
    expect(doc.getArray(RECORDS).length).toBe(expected.size);
    expect(changed.size).toBe(rewritten.length + added.length + deleted.length);
  });

  it('reads records as the records view does (rightmost entry wins) without attaching one', () => {
    const doc = new Y.Doc();
    doc.getArray(RECORDS).push([{ key: 'shape:a', val: note('a', 1) }, { key: 'shape:a', val: note('a', 2) }, 'junk']);
    expect(readRecords(doc).map((r) => (r as { x: number }).x)).toEqual([2]);
    expect(new RecordsKV<TLRecord>(doc.getArray(RECORDS)).get('shape:a')).toMatchObject({ x: 2 });
  });
});

describe('a board poisoned before writes were judged', () => {
  it('reads around entries that are not { key, val }, counting them, and keeps syncing', () => {
    const doc = new Y.Doc();
    doc.getArray(RECORDS).push([null, 42, { key: 'shape:lonely' }, { key: note('ok').id, val: note('ok') }, 'text']);
    const kv = getRecordsKV(doc);
    expect(kv.malformed).toBe(4);
    expect([...kv.map.keys()]).toEqual([note('ok').id]);
    const seen: string[] = [];
    kv.on('change', (changes) => seen.push(...changes.keys()));
    doc.getArray(RECORDS).push([null, { key: note('b').id, val: note('b') }]);
    expect(seen).toEqual([note('b').id]);
    expect(kv.malformed).toBe(5);
    expect(readRecords(doc).map((r) => r.id)).toEqual([note('b').id, note('ok').id]);
    kv.set(note('ok').id, { ...note('ok'), x: 5 });
    expect((kv.get(note('ok').id) as { x: number }).x).toBe(5);
  });
});

describe('facilitation session', () => {
  it('reads defaults from an empty or malformed session', () => {
    const doc = new Y.Doc();
    const empty = { locked: false, agendaStep: null, timer: null, voting: null, privateWriting: null, focus: null, followMe: null };
    expect(readSession(doc)).toEqual(empty);
    doc.transact(() => {
      const m = doc.getMap('session');
      m.set('locked', 'yes');
      m.set('agendaStep', 3);
      m.set('timer', { durationMs: 'long' });
      m.set('focus', { x: 1 });
    });
    expect(readSession(doc)).toEqual(empty);
  });

  it('round-trips every field through updateSession', () => {
    const doc = new Y.Doc();
    const session = {
      locked: true,
      agendaStep: 'needs-ask',
      timer: { durationMs: 300_000, endsAt: 1_700_000_300_000, remainingMs: 300_000, running: true },
      voting: { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: true, revealed: false, frameId: null, voted: [], voterCount: 2, results: null },
      privateWriting: { id: 'pw1', active: true, revealed: false, anonymous: true },
      followMe: { by: 'ana', at: 1_700_000_000_500 },
      focus: { x: 0, y: 0, w: 1200, h: 800, at: 1_700_000_000_000, by: 'ana', pageId: 'page:page' },
    };
    updateSession(doc, session);
    expect(readSession(doc)).toEqual(session);
    updateSession(doc, { locked: false });
    expect(readSession(doc)).toEqual({ ...session, locked: false });
    // A focus written by an older client (no page) reads back with a null page.
    getSessionMap(doc).set('focus', { x: 1, y: 2, w: 3, h: 4, at: 5, by: 'bo' });
    expect(readSession(doc).focus).toEqual({ x: 1, y: 2, w: 3, h: 4, at: 5, by: 'bo', pageId: null });
  });

  it('stores only what its reader accepts: null clears a field, malformed values are not written', () => {
    const doc = new Y.Doc();
    updateSession(doc, { timer: { durationMs: 60_000, endsAt: null, remainingMs: 60_000, running: false }, locked: true });
    updateSession(doc, { timer: null, locked: false, voting: { id: 'v', open: true, votesPerPerson: 99 } as never });
    expect([...getSessionMap(doc).keys()]).toEqual([]);
    expect(readSession(doc)).toMatchObject({ timer: null, locked: false, voting: null });
  });
});

describe('votes', () => {
  const round = { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: 2 };
  const ballot = (personId: string, side: string, dots: Record<string, number>, voteId = 'v1'): Ballot => ({ voteId, side, personId, dots: new Map(Object.entries(dots)) });

  it('adds and removes dots within the round’s limits, saying why it refuses', () => {
    let dots = {};
    for (const shapeId of ['shape:a', 'shape:a']) {
      const next = applyDot(round, dots, shapeId, 1);
      if (!('dots' in next)) throw new Error(next.refusal);
      dots = next.dots;
    }
    // Two dots on one note is the round's limit; three in all is the person's.
    expect(applyDot(round, dots, 'shape:a', 1)).toEqual({ refusal: 'that note has as many of your dots as one note may' });
    const three = applyDot(round, dots, 'shape:b', 1);
    expect(three).toEqual({ dots: { 'shape:a': 2, 'shape:b': 1 } });
    expect(applyDot(round, (three as { dots: Record<string, number> }).dots, 'shape:c', 1)).toEqual({ refusal: 'you have used all your dots' });
    expect(applyDot(round, dots, 'shape:c', -1)).toEqual({ refusal: 'no dot of yours is on that note' });
    expect(applyDot(round, { 'shape:a': 1 }, 'shape:a', -1)).toEqual({ dots: {} });
    expect(applyDot({ ...round, open: false }, {}, 'shape:a', 1)).toEqual({ refusal: 'the vote is closed' });
    // The input is left as it was.
    expect(dots).toEqual({ 'shape:a': 2 });
    expect(dotsUsed({ 'shape:a': 2, 'shape:b': 1 })).toBe(3);
  });

  it('tallies one round by side, within its limits, highest first', () => {
    const ballots = [
      ballot('ana', 'em', { 'shape:a': 2, 'shape:b': 1 }),
      ballot('bo', 'pm', { 'shape:b': 1 }),
      // Another round's ballot and one past the limits are not counted.
      ballot('ana', 'em', { 'shape:c': 1 }, 'v0'),
      ballot('cy', 'pm', { 'shape:c': 9 }),
    ];
    const tally = tallyRound(ballots, round);
    expect(tally.rows).toEqual([
      { shapeId: 'shape:a', total: 2, bySide: { em: 2 } },
      { shapeId: 'shape:b', total: 2, bySide: { em: 1, pm: 1 } },
    ]);
    expect(tally.voters).toBe(2);
    expect(tally.ignored).toBe(1);
    expect(tallyRound(ballots, round, (id) => id !== 'shape:a').rows.map((r) => r.shapeId)).toEqual(['shape:b']);
  });

  it('reads legacy ballots from the votes map, skipping malformed ones', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const b = new Y.Map<number>();
      getVotesMap(doc).set(voterKey('v1', 'em', 'ana'), b);
      b.set('shape:a', 2);
      b.set('shape:x', 1.5);
      getVotesMap(doc).set('nonsense', new Y.Map<number>());
    });
    expect(readBallots(doc)).toEqual([{ voteId: 'v1', side: 'em', personId: 'ana', dots: new Map([['shape:a', 2]]) }]);
  });

  it('puts a voter on their trifecta side, or else their role', () => {
    expect(voterSide('em', 'participant')).toBe('em');
    expect(voterSide(null, 'facilitator')).toBe('facilitator');
  });
});

describe('people', () => {
  it('reads valid entries sorted by name, skipping malformed ones', () => {
    const doc = new Y.Doc();
    upsertPerson(doc, { id: 'p2', name: 'Bo', color: '#2f9e44', role: 'participant', party: 'pm', lastSeen: 10 });
    upsertPerson(doc, { id: 'p1', name: 'Ana', color: '#e03131', role: 'facilitator', party: null, lastSeen: 20 });
    getPeopleMap(doc).set('p3', { name: 42 });
    getPeopleMap(doc).set('p4', { name: 'Cy', party: 'ceo', color: 7 });
    expect(readPeople(doc)).toEqual([
      { id: 'p1', name: 'Ana', color: '#e03131', role: 'facilitator', party: null, lastSeen: 20 },
      { id: 'p2', name: 'Bo', color: '#2f9e44', role: 'participant', party: 'pm', lastSeen: 10 },
      { id: 'p4', name: 'Cy', color: '#888888', role: 'participant', party: null, lastSeen: 0 },
    ]);
  });

  it('skips a write when only lastSeen moved by under a minute, writes a change at once', () => {
    const doc = new Y.Doc();
    const ana = { id: 'p1', name: 'Ana', color: '#e03131', role: 'participant', party: null, lastSeen: 1_000 } as const;
    upsertPerson(doc, ana);
    const sv = Y.encodeStateVector(doc);
    upsertPerson(doc, { ...ana, lastSeen: 30_000 });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    upsertPerson(doc, { ...ana, lastSeen: 30_000, party: 'em' });
    expect(readPeople(doc)[0]?.party).toBe('em');
    upsertPerson(doc, { ...ana, party: 'em', lastSeen: 200_000 });
    expect(readPeople(doc)[0]?.lastSeen).toBe(200_000);
  });

  it('voter keys round-trip, person ids may contain colons', () => {
    expect(parseVoterKey(voterKey('v1', 'em', 'a:b'))).toEqual({ voteId: 'v1', side: 'em', personId: 'a:b' });
    expect(parseVoterKey('nonsense')).toBeNull();
  });
});
