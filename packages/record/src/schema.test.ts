import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { templates } from '@accord/templates';
import { buildDecisionRecord } from './build.ts';
import { validateJsonSchema } from './jsonSchema.ts';
import { decisionRecordErrors, decisionRecordJsonSchema, validateDecisionRecord } from './schema.ts';
import { LABELS, TestBoard } from './test/boards.ts';
import { EXAMPLES, needsVsPositionsExample } from './test/examples.ts';
import { DECISION_RECORD_VERSION, MAX_NOTE_LENGTH, type DecisionRecord } from './types.ts';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const ajvValidate = ajv.compile(decisionRecordJsonSchema);

/** A record from a template with a note in every area, some voted on. */
function filled(id: string): DecisionRecord {
  const b = new TestBoard(id);
  b.template(id as never, { parties: LABELS, includeBusiness: true, stages: 4 });
  const notes = b.allFrames().map((f) => b.note(f.id, `${f.meta.accord.area} @owner 2025-05-01`));
  b.counted({ id: 'v1', open: false, revealed: true }, [
    ['em', 'p1', { [notes[0]!]: 1 }],
    ['business', 'p2', { [notes.at(-1)!]: 2 }],
  ]);
  b.person('p1', 'Priya', 'facilitator', 'em').write();
  return buildDecisionRecord({ boardId: 'board-0001', boardTitle: id, recordedAt: 0, input: { title: 'T', statement: 'S', owner: 'O', reviewDate: '2025-01-31' }, content: b.content, facilitation: b.facilitation });
}

const RECORDS: [string, DecisionRecord][] = [...Object.entries(EXAMPLES).map(([name, make]) => [`example ${name}`, make()] as [string, DecisionRecord]), ...templates.map((t) => [`template ${t.id}`, filled(t.id)] as [string, DecisionRecord])];

describe('every built record validates', () => {
  it.each(RECORDS)('%s', (_, record) => {
    expect(decisionRecordErrors(record)).toEqual([]);
    expect(validateDecisionRecord(record)).toBe(true);
    expect(ajvValidate(record), JSON.stringify(ajvValidate.errors)).toBe(true);
    // As stored: JSON text, parsed back.
    const stored: unknown = JSON.parse(JSON.stringify(record));
    expect(stored).toEqual(record);
    expect(validateDecisionRecord(stored)).toBe(true);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object in a JSON value, with its path. */
function objects(value: Json, path = ''): [string, { [key: string]: Json }][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objects(v, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return [[path, value], ...Object.entries(value).flatMap(([k, v]) => objects(v, `${path}/${k}`))];
}

/** Top-level properties added to version 1 after it shipped. */
const ADDED_LATER = ['supersedes', 'informed'];

describe('a broken record does not validate', () => {
  const base = needsVsPositionsExample();
  const copy = () => structuredClone(base) as unknown as { [key: string]: Json };

  it.each([
    ['another version', (r: Record<string, unknown>) => (r.version = DECISION_RECORD_VERSION + 1)],
    ['a time that is not ISO', (r: Record<string, unknown>) => (r.recordedAt = '4 March 2025')],
    ['a review date that is not a date', (r: Record<string, unknown>) => (r.reviewDate = '2025-6-2')],
    ['an owner left undefined', (r: Record<string, unknown>) => (r.owner = undefined)],
    ['a side nobody knows', (r: DecisionRecord) => ((r.parties[0] as { party: string }).party = 'ceo')],
    ['a vote column for an unknown side', (r: DecisionRecord) => (r.votes!.items[0]!.bySide = { cfo: 1 } as never)],
    ['a voted note without dots', (r: DecisionRecord) => (r.votes!.items[0]!.total = 0)],
    ['a fractional vote', (r: DecisionRecord) => (r.votes!.items[0]!.total = 1.5)],
    ['a note longer than the limit', (r: DecisionRecord) => (r.options[0]!.text = 'x'.repeat(MAX_NOTE_LENGTH + 1))],
    ['a stage numbered 0', (r: DecisionRecord) => (r.stages = { sharedOutcome: [], steps: [{ stage: 0, items: [] }], actions: [] })],
    ['a list that is null', (r: DecisionRecord) => (r.openQuestions = null as never)],
  ] as [string, (r: never) => void][])('%s', (_, breakIt) => {
    const r = copy();
    breakIt(r as never);
    expect(validateDecisionRecord(r)).toBe(false);
    expect(ajvValidate(r)).toBe(false);
  });

  it('rejects non-objects', () => {
    for (const v of [null, undefined, 1, 'record', [], [base]]) {
      expect(validateDecisionRecord(v)).toBe(false);
      expect(ajvValidate(v)).toBe(false);
    }
  });

  it('accepts a record made before supersedes and informed were added, and checks them when present', () => {
    const old = copy();
    for (const key of ADDED_LATER) delete old[key];
    expect(validateDecisionRecord(old)).toBe(true);
    expect(ajvValidate(old)).toBe(true);
    const ref = { boardId: 'k3v9x2QpL7', recordId: 'r1r1r1r1r1r1', seq: 2, title: 'Earlier' };
    for (const [ok, supersedes] of [[true, ref], [true, null], [false, { ...ref, seq: 0 }], [false, { ...ref, title: undefined }], [false, { ...ref, token: 'x' }]] as const) {
      const r = { ...copy(), supersedes } as unknown as { [key: string]: Json };
      expect(validateDecisionRecord(r), JSON.stringify(supersedes)).toBe(ok);
      expect(ajvValidate(r), JSON.stringify(supersedes)).toBe(ok);
    }
    expect(validateDecisionRecord({ ...copy(), informed: [''] })).toBe(false);
  });

  it('requires every property of every object, allows no other, and agrees with Ajv on each', () => {
    const paths = objects(copy()).flatMap(([path, obj]) => Object.keys(obj).map((key) => [path, key] as const));
    expect(paths.length).toBeGreaterThan(100);
    for (const [path, key] of paths) {
      const at = (r: { [key: string]: Json }) => objects(r).find(([p]) => p === path)![1];
      const missing = copy();
      delete at(missing)[key];
      const extra = copy();
      at(extra)[`${key}X`] = 1;
      const wrong = copy();
      at(wrong)[key] = { wrong: true };
      for (const [what, r] of [['missing', missing], ['extra', extra], ['wrong type', wrong]] as const) {
        const where = `${path}/${key} ${what}`;
        // bySide is a map: a missing side is fine there, and its keys are sides, not properties.
        const isMap = /\/bySide$/.test(path);
        if (isMap && what === 'missing') continue;
        // Added to version 1 later: records made before them lack them (tested below).
        if (path === '' && ADDED_LATER.includes(key) && what === 'missing') continue;
        expect(validateDecisionRecord(r), where).toBe(false);
        expect(ajvValidate(r), where).toBe(false);
      }
    }
  });
});

describe('the schema', () => {
  it('is versioned and closed at the top', () => {
    expect(decisionRecordJsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:accord:decision-record:1',
      properties: { version: { const: 1 } },
      additionalProperties: false,
    });
  });

  it('is only checked with keywords the validator implements', () => {
    expect(() => validateJsonSchema({ type: 'string', format: 'email' }, 'a')).toThrow(/format/);
    expect(() => validateJsonSchema({ $ref: '#/$defs/nowhere' }, 'a')).toThrow(/nowhere/);
  });

  it('reports where a record is wrong', () => {
    const r = structuredClone(needsVsPositionsExample()) as unknown as Record<string, unknown>;
    (r.parties as { label: unknown }[])[1]!.label = 7;
    delete r.agenda;
    expect(decisionRecordErrors(r)).toEqual(['/: missing property agenda', '/parties/1/label: must be string']);
  });
});
