// Schemas of the history routes (facilitator): list a board's versions, read one, restore one in
// place or as a new board.
import { BOARD_ID_PATTERN } from '../ids.ts';

/** A version's seq in a path or query: a whole number written without leading zeros. */
const VERSION_SEQ_PATTERN = '^(0|[1-9][0-9]{0,14})$';

/** Params of `/api/boards/:id/history/:seq…`. */
export const versionParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN }, seq: { type: 'string', pattern: VERSION_SEQ_PATTERN } },
  required: ['id', 'seq'],
  additionalProperties: false,
} as const;

/** Querystring of `GET /api/boards/:id/history`: `before`, the `next` of the page before (text: query strings are not coerced). */
export const historyQuerySchema = {
  type: 'object',
  properties: { before: { type: 'string', pattern: VERSION_SEQ_PATTERN } },
  additionalProperties: false,
} as const;

const authorSchema = {
  type: 'object',
  properties: { kind: { type: 'string', enum: ['person', 'role', 'server', 'unknown'] }, id: { type: ['string', 'null'] }, name: { type: 'string' } },
  required: ['kind', 'id', 'name'],
} as const;

/** One step of the history. */
const boardVersionSchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    kind: { type: 'string', enum: ['edit', 'restore', 'start'] },
    startedAt: { type: 'string' },
    at: { type: 'string' },
    author: authorSchema,
    changes: { type: 'integer' },
    deleted: { type: 'integer' },
    updates: { type: 'integer' },
    restoredFrom: { type: ['integer', 'null'] },
  },
  required: ['seq', 'kind', 'startedAt', 'at', 'author', 'changes', 'deleted', 'updates', 'restoredFrom'],
} as const;

/** Response of `GET /api/boards/:id/history`. */
export const boardHistorySchema = {
  type: 'object',
  properties: { versions: { type: 'array', items: boardVersionSchema }, next: { type: ['integer', 'null'] }, retentionDays: { type: 'integer' } },
  required: ['versions', 'next', 'retentionDays'],
} as const;

/** Response of `POST /api/boards/:id/history/:seq/restore`. */
export const restoredVersionSchema = {
  type: 'object',
  properties: {
    restoredFrom: { type: 'integer' },
    seq: { type: ['integer', 'null'] },
    undoSeq: { type: ['integer', 'null'] },
    set: { type: 'integer' },
    deleted: { type: 'integer' },
  },
  required: ['restoredFrom', 'seq', 'undoSeq', 'set', 'deleted'],
} as const;
