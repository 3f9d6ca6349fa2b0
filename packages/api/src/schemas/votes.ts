// Schemas of the dot-vote routes: open, reveal, close and clear a round (facilitator); read and
// change one's own ballot (participant and up). Response schemas list every field: Fastify's
// serializer drops what a schema does not name.
import { BOARD_ID_PATTERN, SHAPE_ID_PATTERN, VOTE_ROUND_ID_PATTERN } from '../ids.ts';
import { MAX_VOTES_PER_PERSON } from '../limits.ts';

const dotCount = { type: 'integer', minimum: 1, maximum: MAX_VOTES_PER_PERSON } as const;
const shapeId = { type: 'string', pattern: SHAPE_ID_PATTERN } as const;
const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** Params of `/api/boards/:id/votes/:round…`. */
export const voteRoundParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN }, round: { type: 'string', pattern: VOTE_ROUND_ID_PATTERN } },
  required: ['id', 'round'],
  additionalProperties: false,
} as const;

/** Body of `POST /api/boards/:id/votes`. */
export const openVoteBodySchema = {
  type: 'object',
  properties: {
    votesPerPerson: dotCount,
    perNoteLimit: { anyOf: [dotCount, { type: 'null' }] },
    anonymous: { type: 'boolean' },
    frameId: { anyOf: [shapeId, { type: 'null' }] },
  },
  required: ['votesPerPerson'],
  additionalProperties: false,
} as const;

/** A round as the session shows it: the answer of open (201), reveal and close. */
export const voteRoundSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    open: { type: 'boolean' },
    votesPerPerson: { type: 'integer' },
    perNoteLimit: { type: ['integer', 'null'] },
    anonymous: { type: 'boolean' },
    revealed: { type: 'boolean' },
    frameId: { type: ['string', 'null'] },
    voted: { type: 'array', items: { type: 'string' } },
    voterCount: { type: 'integer' },
    results: {
      type: ['object', 'null'],
      properties: {
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: { shapeId: { type: 'string' }, total: { type: 'integer' }, bySide: counts },
            required: ['shapeId', 'total', 'bySide'],
          },
        },
        voters: { type: 'integer' },
      },
      required: ['rows', 'voters'],
    },
  },
  required: ['id', 'open', 'votesPerPerson', 'perNoteLimit', 'anonymous', 'revealed', 'frameId', 'voted', 'voterCount', 'results'],
} as const;

/** Body of `POST /api/boards/:id/votes/:round/ballot`. */
export const dotBodySchema = {
  type: 'object',
  properties: { shapeId, delta: { type: 'integer', enum: [1, -1] } },
  required: ['shapeId', 'delta'],
  additionalProperties: false,
} as const;

/** The asking person's ballot: `GET` and `POST …/votes/:round/ballot`. */
export const myBallotSchema = {
  type: 'object',
  properties: { round: { type: 'string' }, dots: counts, used: { type: 'integer' }, left: { type: 'integer' } },
  required: ['round', 'dots', 'used', 'left'],
} as const;
