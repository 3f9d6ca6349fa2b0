import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateSession } from '@accord/board';
import { toRichText } from '@accord/templates';
import type { TLRecord } from 'tldraw';
import { buildDecisionRecord } from './build.ts';
import { validateDecisionRecord } from './schema.ts';
import { TestBoard } from './test/boards.ts';
import { notePaths } from './test/paths.ts';
import { AT, INPUT, build, filledBoard } from './test/build.ts';

describe('areas', () => {
  it('orders notes by position: top to bottom, then left to right, then id', () => {
    const b = new TestBoard();
    b.template('start-stop-continue');
    const frame = b.frame('start').id;
    b.add(noteAt(frame, 'shape:c', 'third', 300, 300));
    b.add(noteAt(frame, 'shape:b', 'second (right)', 300, 100));
    b.add(noteAt(frame, 'shape:a', 'first (left)', 20, 100));
    b.add(noteAt(frame, 'shape:d', 'fourth (same place as c, larger id)', 300, 300));
    b.write();
    expect(build(b).retro[0]!.notes.map((n) => n.text)).toEqual(['first (left)', 'second (right)', 'third', 'fourth (same place as c, larger id)']);
  });

  it('files a note by its nearest template frame, through frames and groups people add', () => {
    const b = new TestBoard();
    b.template('needs-vs-positions');
    const need = b.frame('em-need').id;
    b.add(shape('shape:sub', 'frame', need, { w: 200, h: 200, name: 'Sub-frame' }));
    b.add(shape('shape:group', 'group', 'shape:sub'));
    b.add(noteAt('shape:group', 'shape:deep', 'Engineers stay for the hard problems', 0, 0));
    b.write();
    expect(notePaths(build(b)).get('shape:deep')).toEqual(['parties.em.needs']);
  });

  it('puts notes of a workshop section itself, of frames people drew, and of the page under other notes', () => {
    const b = new TestBoard();
    b.template('partnership-workshop');
    b.note({ area: 'step-4' }, 'Parking lot: ask finance');
    const mine = b.plainFrame('Parking lot', { x: 0, y: -2000 });
    b.note(mine, 'Hire a contractor?');
    b.looseNote('Lunch at noon', { x: -5000, y: 0 });
    b.write();
    const other = build(b).otherNotes;
    expect(other.map((a) => [a.label, a.kind, a.notes.map((n) => n.text)])).toEqual([
      ['Parking lot', null, ['Hire a contractor?']],
      ['Step 4 · Needs vs positions', 'section', ['Parking lot: ask finance']],
      [null, null, ['Lunch at noon']],
    ]);
  });

  it('reads frames named like options as candidate solutions', () => {
    const b = new TestBoard();
    const frame = b.plainFrame('Options we considered', { x: 0, y: 0 });
    b.note(frame, 'Buy an SSO vendor');
    b.note(frame, 'Build on the existing auth');
    b.plainFrame('Optional reading', { x: 600, y: 0 });
    b.write();
    expect(build(b).options).toEqual([
      { id: 'shape:note-2', text: 'Buy an SSO vendor', author: null, area: 'Options we considered', party: null },
      { id: 'shape:note-3', text: 'Build on the existing auth', author: null, area: 'Options we considered', party: null },
    ]);
  });

  it('reads text and geo shapes with text, and skips empty ones, prompts, private notes and arrows', () => {
    const b = new TestBoard();
    b.template('no-villains');
    b.note('story', 'They always say yes to sales', { type: 'text' });
    b.note('story', 'Boxed claim', { type: 'geo' });
    b.note('story', '   \n  ');
    b.note('story', 'Still private', { meta: { accordPrivate: { round: 'r1', by: 'p1' } } });
    b.note('story', 'Signed', { meta: { accordAuthor: { id: 'p1', name: 'Priya' } } });
    b.write();
    const r = build(b);
    expect(r.diagnosis?.perspectives.flatMap((a) => a.notes.map((n) => [n.text, n.author]))).toEqual([
      ['They always say yes to sales', null],
      ['Boxed claim', null],
      ['Signed', 'Priya'],
    ]);
    // The template's prompts and title are on the board, but not in the record.
    expect(JSON.stringify(r)).not.toContain('Get it out of your head');
  });

  it('reads owners and dates from stage notes', () => {
    const b = new TestBoard();
    b.template('staged-compromise', { stages: 2 });
    b.note('stage-1-em', 'Stub the SSO screens @priya by 2025-04-01');
    b.note('stage-2-pm', 'Pilot with Acme\nowner: Marco Rossi, due 2025-06-30');
    b.note('stage-2-em', 'Scale the token service');
    b.write();
    const steps = build(b).stages!.steps;
    expect(steps.map((s) => [s.stage, s.items.map((i) => [i.text.split('\n')[0], i.owner, i.due, i.party])])).toEqual([
      [1, [['Stub the SSO screens @priya by 2025-04-01', 'priya', '2025-04-01', 'em']]],
      [
        2,
        [
          // The EM lane is drawn above the PM lane.
          ['Scale the token service', null, null, 'em'],
          ['Pilot with Acme', 'Marco Rossi', '2025-06-30', 'pm'],
        ],
      ],
    ]);
  });
});

describe('the rest of the record', () => {
  it('takes the decision from the input, and the time from the caller', () => {
    const b = new TestBoard().write();
    const r = build(b, { title: '  Ship\nSSO  ', statement: '\n\nWe ship.\n\nThen we scale.\n', owner: '  ', reviewDate: '2025-06-01' });
    expect(r).toMatchObject({ version: 1, boardId: 'board-0001', recordedAt: '2025-03-04T15:30:00.000Z', title: 'Ship SSO', statement: 'We ship.\n\nThen we scale.', owner: null, reviewDate: '2025-06-01' });
    expect(build(b, { ...INPUT, owner: 'Priya' }).owner).toBe('Priya');
  });

  it('keeps the record it supersedes and who is informed, cleaned; none by default', () => {
    const b = new TestBoard().write();
    expect(build(b)).toMatchObject({ supersedes: null, informed: [] });
    const supersedes = { boardId: 'board-0002', recordId: 'rec-000001', seq: 3, title: ' Old\nplan\u202e ' };
    const r = build(b, { ...INPUT, supersedes, informed: ['Dana', ' Dana ', '', 'Eng\nleads', '\u0007'] });
    expect(r.supersedes).toEqual({ boardId: 'board-0002', recordId: 'rec-000001', seq: 3, title: 'Old plan' });
    expect(r.informed).toEqual(['Dana', 'Eng leads']);
    expect(build(b, { ...INPUT, informed: Array.from({ length: 80 }, (_, i) => `P${i}`) }).informed).toHaveLength(50);
    expect(() => build(b, { ...INPUT, supersedes: { ...supersedes, seq: 0 } })).toThrow(RangeError);
  });

  it('refuses a review date that is not a day, and a time that is not a time', () => {
    const b = new TestBoard().write();
    expect(() => build(b, { ...INPUT, reviewDate: '2025-02-30' })).toThrow(RangeError);
    expect(() => build(b, { ...INPUT, reviewDate: 'next week' })).toThrow(RangeError);
    expect(() => buildDecisionRecord({ boardId: 'b', boardTitle: 't', recordedAt: Number.NaN, input: INPUT, content: b.content, facilitation: null })).toThrow(RangeError);
  });

  it('lists participants by name with their side', () => {
    const b = new TestBoard().person('p3', 'Élodie', 'participant').person('p1', 'Priya', 'facilitator', 'em').person('p2', 'Dana', 'participant', 'business').write();
    expect(build(b).participants).toEqual([
      { id: 'p2', name: 'Dana', role: 'participant', party: 'business', partyLabel: 'Business lead' },
      { id: 'p1', name: 'Priya', role: 'facilitator', party: 'em', partyLabel: 'EM' },
      { id: 'p3', name: 'Élodie', role: 'participant', party: null, partyLabel: null },
    ]);
  });

  it('lists the agenda with the step being run', () => {
    const b = new TestBoard();
    b.template('diagnose');
    b.template('needs-vs-positions', {}, { x: 0, y: 5000 });
    b.write();
    updateSession(b.facilitation, { agendaStep: '1:needs-questions' });
    const agenda = build(b).agenda!;
    expect(agenda.steps.map((s) => s.key)).toEqual(['0:diagnose-incentives', '0:diagnose-understanding', '0:diagnose-verdict', '1:needs-positions', '1:needs-questions', '1:needs-underneath']);
    expect(agenda.current).toBe('1:needs-questions');
    expect(build(b, INPUT, null).agenda?.current).toBeNull();
  });

  it('gives an empty board empty sections', () => {
    const r = build(new TestBoard().write(), INPUT, null);
    expect(r).toMatchObject({ templates: [], participants: [], diagnosis: null, parties: [], trifecta: null, scorecard: [], interestingWork: null, retro: [], options: [], stages: null, votes: null, openQuestions: [], otherNotes: [], agenda: null });
    expect(validateDecisionRecord(r)).toBe(true);
  });

  it('gives the same record for the same board, however its records were written', () => {
    const { board, record } = filledBoard('partnership-workshop');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.content));
    // Same records, written in the opposite order.
    const reversed = new Y.Doc();
    const entries = board.content.getArray<{ key: string; val: unknown }>('records').toArray();
    reversed.getArray('records').push(entries.reverse());
    const again = buildDecisionRecord({ boardId: 'board-0001', boardTitle: board.name, recordedAt: AT, input: INPUT, content: reversed, facilitation: board.facilitation });
    expect(build(board)).toEqual(record);
    expect(buildDecisionRecord({ boardId: 'board-0001', boardTitle: board.name, recordedAt: AT, input: INPUT, content: copy, facilitation: board.facilitation })).toEqual(record);
    expect(again).toEqual(record);
  });

  it('survives a corrupt board: parent cycles, missing props, meta that lies', () => {
    const b = new TestBoard();
    b.add(shape('shape:x', 'frame', 'shape:y', { name: 'X' }));
    b.add(shape('shape:y', 'frame', 'shape:x', { name: 'Y' }));
    b.add(noteAt('shape:x', 'shape:n', 'In a loop', 0, 0));
    b.add({ ...shape('shape:liar', 'frame', 'page:page', { name: 'Liar' }), meta: { accord: { template: 'needs-vs-positions', kind: 'position', area: 'em-position', party: 42 } } } as TLRecord);
    b.add(noteAt('shape:liar', 'shape:m', 'Under a frame with bad meta', 0, 0));
    b.write();
    const r = build(b);
    expect(notePaths(r).get('shape:n')).toEqual(['otherNotes']);
    expect(r.otherNotes.find((a) => a.id === 'shape:liar')).toMatchObject({ label: 'Liar', kind: null, notes: [{ text: 'Under a frame with bad meta' }] });
    expect(validateDecisionRecord(r)).toBe(true);
  });
});

/** A raw shape record, as any client could write it (no defaults filled, nothing validated). */
function shape(id: string, type: string, parentId: string, props: Record<string, unknown> = {}, at = { x: 0, y: 0 }): TLRecord {
  return { id, typeName: 'shape', type, parentId, x: at.x, y: at.y, rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, props } as unknown as TLRecord;
}

function noteAt(parentId: string, id: string, text: string, x: number, y: number): TLRecord {
  return shape(id, 'note', parentId, { richText: toRichText(text) }, { x, y });
}
