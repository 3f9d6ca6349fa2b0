// Schemas of the decision log routes: the log as a zip, a record as MADR, follow-ups, follow-up sessions.
import { TEMPLATE_IDS } from './boards.ts';
import { titleSchema } from './common.ts';
import { recordRefSchema, supersedingRecordSchema } from './records.ts';

/** Querystring of `GET /api/boards/:id/decision-log.zip`: the layout, MADR unless said. */
export const decisionLogQuerySchema = {
  type: 'object',
  properties: { layout: { type: 'string', enum: ['madr', 'adr-tools'] } },
  additionalProperties: false,
} as const;

const trackedFollowUpSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['stage', 'action'] },
    stage: { type: ['integer', 'null'] },
    text: { type: 'string' },
    area: { type: ['string', 'null'] },
    owner: { type: ['string', 'null'] },
    due: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['overdue', 'due-today', 'upcoming', 'undated', 'closed'] },
  },
  required: ['id', 'kind', 'stage', 'text', 'area', 'owner', 'due', 'state'],
} as const;

const loggedDecisionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    seq: { type: 'integer' },
    title: { type: 'string' },
    recordedAt: { type: 'string' },
    status: { type: 'string' },
    supersededBy: { type: 'array', items: supersedingRecordSchema },
    reviewDate: { type: ['string', 'null'] },
    reviewDue: { type: 'boolean' },
    followUps: { type: 'array', items: trackedFollowUpSchema },
  },
  required: ['id', 'seq', 'title', 'recordedAt', 'status', 'supersededBy', 'reviewDate', 'reviewDue', 'followUps'],
} as const;

/** Response of `GET /api/boards/:id/follow-ups`. */
export const followUpsViewSchema = {
  type: 'object',
  properties: { today: { type: 'string' }, decisions: { type: 'array', items: loggedDecisionSchema }, followUpOf: recordRefSchema },
  required: ['today', 'decisions', 'followUpOf'],
} as const;

/** Body of `POST /api/boards/:id/records/:rid/follow-up`: the template of the new board (or none) and its title. */
export const followUpSessionBodySchema = {
  type: 'object',
  properties: { template: { anyOf: [{ type: 'string', enum: TEMPLATE_IDS }, { type: 'null' }] }, title: titleSchema },
  required: ['template'],
  additionalProperties: false,
} as const;
