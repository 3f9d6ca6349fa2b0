// Building blocks of the route schemas. Ajv runs without coercion and without removing additional
// properties, so what a schema does not allow is a 400.
import { ROLES } from '@accord/board';
import { ASSET_ID_PATTERN, BOARD_ID_PATTERN, RECORD_ID_PATTERN } from '../ids.ts';
import { MAX_TITLE_LENGTH } from '../limits.ts';

/** A string of 1–`maxLength` characters with at least one that is not blank. */
export const nonBlankString = <N extends number>(maxLength: N) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;

/** A board or record title: 1–200 characters, not all blank. */
export const titleSchema = nonBlankString(MAX_TITLE_LENGTH);

/** A role name. */
export const roleSchema = { type: 'string', enum: ROLES } as const;

/** An object with one `value` per role; `required` lists the roles that must be there. */
const roleMap = <V extends object, R extends readonly string[]>(value: V, required: R) =>
  ({ type: 'object', properties: { facilitator: value, participant: value, viewer: value }, required }) as const;

/** Tokens or links of all three roles. */
export const roleStringsSchema = roleMap({ type: 'string' } as const, ['facilitator', 'participant', 'viewer'] as const);

/** Tokens or links of some roles. */
export const partialRoleStringsSchema = roleMap({ type: 'string' } as const, [] as const);

/** Params of every `/api/boards/:id…` and `/sync/:id…` route. */
export const boardParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN } },
  required: ['id'],
  additionalProperties: false,
} as const;

/** Params of `/api/boards/:id/records/:rid…`. */
export const recordParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN }, rid: { type: 'string', pattern: RECORD_ID_PATTERN } },
  required: ['id', 'rid'],
  additionalProperties: false,
} as const;

/** Params of `GET /api/boards/:id/assets/:asset`. */
export const assetParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN }, asset: { type: 'string', pattern: ASSET_ID_PATTERN } },
  required: ['id', 'asset'],
  additionalProperties: false,
} as const;
