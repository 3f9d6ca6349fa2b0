// Schemas of the decision record routes.
import { BOARD_ID_PATTERN, HASH_PATTERN, RECORD_ID_PATTERN } from '../ids.ts';
import { MAX_DECISION_LENGTH, MAX_INFORMED, MAX_OWNER_LENGTH, MAX_PERSON_NAME_LENGTH, MAX_TOKEN_LENGTH } from '../limits.ts';
import { nonBlankString, titleSchema } from './common.ts';

const hash = { type: 'string', pattern: HASH_PATTERN } as const;

/** A record named by its board, id, chain position and title (a `RecordRef`, a `FollowUpOf`), or null. */
export const recordRefSchema = {
  type: ['object', 'null'],
  properties: { boardId: { type: 'string' }, recordId: { type: 'string' }, seq: { type: 'integer' }, title: { type: 'string' } },
  required: ['boardId', 'recordId', 'seq', 'title'],
} as const;

/** A later record superseding one: of another board, only its ids and date (`seq` and `title` null). */
export const supersedingRecordSchema = {
  type: 'object',
  properties: { boardId: { type: 'string' }, recordId: { type: 'string' }, seq: { type: ['integer', 'null'] }, title: { type: ['string', 'null'] }, recordedAt: { type: 'string' } },
  required: ['boardId', 'recordId', 'seq', 'title', 'recordedAt'],
} as const;

/** Body of `POST /api/boards/:id/records`. That a `reviewDate` names a day that exists is checked by the handler. */
export const newRecordBodySchema = {
  type: 'object',
  properties: {
    title: titleSchema,
    decision: nonBlankString(MAX_DECISION_LENGTH),
    owner: { type: ['string', 'null'], maxLength: MAX_OWNER_LENGTH },
    reviewDate: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    // An earlier record of this board by id; another board's with its board id and a token of it.
    supersedes: {
      type: ['object', 'null'],
      properties: {
        recordId: { type: 'string', pattern: RECORD_ID_PATTERN },
        boardId: { type: 'string', pattern: BOARD_ID_PATTERN },
        token: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_LENGTH },
      },
      required: ['recordId'],
      additionalProperties: false,
    },
    informed: { type: ['array', 'null'], maxItems: MAX_INFORMED, items: nonBlankString(MAX_PERSON_NAME_LENGTH) },
  },
  required: ['title', 'decision'],
  additionalProperties: false,
} as const;

const summaryProperties = {
  id: { type: 'string' },
  boardId: { type: 'string' },
  seq: { type: 'integer' },
  title: { type: 'string' },
  createdAt: { type: 'string' },
  hash: { type: 'string' },
  prevHash: { type: ['string', 'null'] },
  bodyHash: { type: 'string' },
  snapshotHash: { type: 'string' },
  supersedes: recordRefSchema,
  supersededBy: { type: 'array', items: supersedingRecordSchema },
} as const;
const summaryRequired = Object.keys(summaryProperties) as Array<keyof typeof summaryProperties>;

/** A record in a list. */
const recordSummarySchema = { type: 'object', properties: summaryProperties, required: summaryRequired } as const;

/** A whole record: `POST …/records` (201) and `GET …/records/:rid`. */
export const recordViewSchema = {
  type: 'object',
  properties: { ...summaryProperties, decision: { type: ['object', 'null'], additionalProperties: true }, markdown: { type: 'string' } },
  required: [...summaryRequired, 'decision', 'markdown'],
} as const;

/** A signed chain head, or null for a board without records. */
const chainHeadSchema = {
  type: ['object', 'null'],
  properties: { seq: { type: 'integer' }, hash: { type: 'string' }, signature: { type: 'string' } },
  required: ['seq', 'hash', 'signature'],
} as const;

/** Response of `GET /api/boards/:id/records`. */
export const recordListSchema = {
  type: 'object',
  properties: { records: { type: 'array', items: recordSummarySchema }, head: chainHeadSchema },
  required: ['records', 'head'],
} as const;

/** Querystring of `GET …/records/verify`: a head kept from an earlier answer (all three or none), to catch truncation. */
export const keptHeadQuerySchema = {
  type: 'object',
  properties: { seq: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, hash, signature: hash },
  dependencies: { seq: ['hash', 'signature'], hash: ['seq', 'signature'], signature: ['seq', 'hash'] },
  additionalProperties: false,
} as const;

/** Response of `GET …/records/verify`: `head` when the chain holds, `brokenAt` when it does not. */
export const chainCheckSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    count: { type: 'integer' },
    head: chainHeadSchema,
    brokenAt: {
      type: 'object',
      properties: { seq: { type: 'integer' }, id: { type: ['string', 'null'] }, reason: { type: 'string' } },
      required: ['seq', 'id', 'reason'],
    },
  },
  required: ['ok', 'count'],
} as const;

/** Querystring of `GET …/records/:rid/snapshot`. */
export const snapshotQuerySchema = {
  type: 'object',
  properties: { doc: { type: 'string', enum: ['content', 'facilitation'] } },
  additionalProperties: false,
} as const;
