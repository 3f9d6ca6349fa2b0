import { validateJsonSchema, type JsonSchema } from './jsonSchema.ts';
import { DECISION_RECORD_VERSION, MAX_NOTE_LENGTH, type DecisionRecord } from './types.ts';

// JSON Schema (draft 2020-12) of DecisionRecord. Kept by hand next to types.ts; the tests check
// that every record built from every template validates, with this package's validator and Ajv.

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const ref = (name: string) => ({ $ref: `#/$defs/${name}` }) as const;
const list = (items: JsonSchema) => ({ type: 'array', items }) as const;
const nullable = (name: string) => ({ anyOf: [ref(name), { type: 'null' }] }) as const;
const party = { enum: ['em', 'pm', 'business'] } as const;
const partyRef = { enum: ['em', 'pm', 'business', 'em+pm', 'em+business', 'pm+business', null] } as const;
const voteSide = { enum: ['em', 'pm', 'business', 'facilitator', 'participant', 'other'] } as const;

/**
 * An object schema with every property required and nothing else allowed; `optional` properties
 * (added to version 1 later, so records made before them still validate) may be absent.
 */
function object(properties: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', properties: { ...properties, ...optional }, required: Object.keys(properties), additionalProperties: false };
}

const noteProps = { id: str, text: { type: 'string', maxLength: MAX_NOTE_LENGTH }, author: nullableStr };
const placedProps = { ...noteProps, area: nullableStr, party: partyRef };

/**
 * JSON Schema (draft 2020-12) of a {@link DecisionRecord}, version 1. Every object is closed
 * (`additionalProperties: false`) and every property required: absent values are `null` or `[]`;
 * except `supersedes` and `informed`, added later, which records made before them lack.
 */
export const decisionRecordJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:accord:decision-record:1',
  title: 'Accord decision record, version 1',
  ...object({
    version: { const: DECISION_RECORD_VERSION },
    boardId: { type: 'string', minLength: 1 },
    boardTitle: str,
    recordedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' },
    title: str,
    statement: str,
    owner: nullableStr,
    reviewDate: { anyOf: [date, { type: 'null' }] },
    templates: list(str),
    participants: list(ref('participant')),
    diagnosis: nullable('diagnosis'),
    parties: list(ref('partyView')),
    trifecta: nullable('trifecta'),
    scorecard: list(ref('scorecardRow')),
    interestingWork: nullable('interestingWork'),
    retro: list(ref('area')),
    options: list(ref('placedNote')),
    stages: nullable('stages'),
    votes: nullable('votes'),
    openQuestions: list(ref('placedNote')),
    otherNotes: list(ref('area')),
    agenda: nullable('agenda'),
  }, {
    supersedes: nullable('recordRef'),
    informed: list({ type: 'string', minLength: 1 }),
  }),
  $defs: {
    recordRef: object({ boardId: { type: 'string', minLength: 1 }, recordId: { type: 'string', minLength: 1 }, seq: { type: 'integer', minimum: 1 }, title: str }),
    note: object(noteProps),
    placedNote: object(placedProps),
    planItem: object({ ...placedProps, owner: nullableStr, due: { anyOf: [date, { type: 'null' }] } }),
    area: object({ id: nullableStr, label: nullableStr, kind: nullableStr, template: nullableStr, party: partyRef, notes: list(ref('note')) }),
    participant: object({ id: str, name: str, role: str, party: { enum: ['em', 'pm', 'business', null] }, partyLabel: nullableStr }),
    diagnosis: object({ incentives: list(ref('area')), perspectives: list(ref('area')), verdict: list(ref('note')) }),
    partyView: object({ party, label: str, positions: list(ref('placedNote')), needs: list(ref('placedNote')), constraints: list(ref('placedNote')) }),
    trifecta: object({
      corners: list(object({ party, label: str, judgedOn: list(ref('note')), success: list(ref('note')) })),
      tensions: list(ref('area')),
      sharedOutcomes: list(ref('note')),
    }),
    scorecardRow: object({ topic: str, label: str, goodLooksLike: list(ref('note')), evidence: list(ref('note')), gaps: list(ref('note')) }),
    interestingWork: object({ facets: list(ref('area')), priorities: list(ref('note')) }),
    stages: object({
      sharedOutcome: list(ref('note')),
      steps: list(object({ stage: { type: 'integer', minimum: 1 }, items: list(ref('planItem')) })),
      actions: list(ref('planItem')),
    }),
    votes: object({
      round: object({ id: str, source: { enum: ['session', 'board'] }, anonymous: { type: 'boolean' }, open: { type: 'boolean' }, voters: { anyOf: [count, { type: 'null' }] }, ignoredBallots: count }),
      sides: list(voteSide),
      items: list(
        object({
          id: str,
          text: str,
          area: nullableStr,
          total: { type: 'integer', minimum: 1 },
          bySide: { anyOf: [{ type: 'object', propertyNames: voteSide, additionalProperties: count }, { type: 'null' }] },
        }),
      ),
    }),
    agenda: object({
      steps: list(object({ key: str, agenda: str, title: str, minutes: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }] } })),
      current: nullableStr,
    }),
  },
} as const satisfies JsonSchema;

/**
 * True when `value` is a {@link DecisionRecord} of this version: it matches
 * {@link decisionRecordJsonSchema} (checked by this package's own small validator, no code generation).
 */
export function validateDecisionRecord(value: unknown): value is DecisionRecord {
  return validateJsonSchema(decisionRecordJsonSchema, value).length === 0;
}

/** What is wrong with `value` as a {@link DecisionRecord}: one `path: message` per problem (empty when valid). */
export function decisionRecordErrors(value: unknown): string[] {
  return validateJsonSchema(decisionRecordJsonSchema, value);
}
