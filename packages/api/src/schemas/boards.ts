// Schemas of the board routes: health, time, config, create, read, rename, links, import, assets, sync.
import { templates } from '@accord/templates';
import { MAX_IMPORT_RECORDS, MAX_TOKEN_LENGTH } from '../limits.ts';
import { PERSON_KEY_PATTERN, PERSON_QUERY_PARAM } from '../person.ts';
import { partialRoleStringsSchema, roleSchema, roleStringsSchema, titleSchema } from './common.ts';

/** Response of `GET /healthz`. */
export const healthSchema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } as const;

const dependencyStateSchema = {
  type: 'object',
  properties: { state: { type: 'string', enum: ['ok', 'down', 'unused'] }, reason: { type: 'string' } },
  required: ['state'],
} as const;

/** Response of `GET /readyz` (200 and 503 alike). */
export const readinessSchema = {
  type: 'object',
  properties: { ready: { type: 'boolean' }, storage: dependencyStateSchema, pubsub: dependencyStateSchema },
  required: ['ready', 'storage', 'pubsub'],
} as const;

/** Response of `GET /api/time`. */
export const serverTimeSchema = { type: 'object', properties: { now: { type: 'number' } }, required: ['now'] } as const;

/** Response of `GET /api/config`. */
export const clientConfigSchema = {
  type: 'object',
  properties: { tldrawLicenseKey: { type: ['string', 'null'] } },
  required: ['tldrawLicenseKey'],
} as const;

/** Template ids a board may start from: the registry of `@accord/templates`. */
export const TEMPLATE_IDS: readonly string[] = templates.map((t) => t.id);

/** Body of `POST /api/boards`. */
export const createBoardBodySchema = {
  type: 'object',
  properties: { title: titleSchema, template: { type: 'string', enum: TEMPLATE_IDS } },
  required: ['title'],
  additionalProperties: false,
} as const;

/** Body of `PATCH /api/boards/:id`. */
export const renameBoardBodySchema = { type: 'object', properties: { title: titleSchema }, required: ['title'], additionalProperties: false } as const;

/** Response of `GET` and `PATCH /api/boards/:id`. */
export const boardInfoSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    template: { type: ['string', 'null'] },
    role: roleSchema,
    personId: { type: ['string', 'null'] },
  },
  required: ['id', 'title', 'createdAt', 'role', 'personId'],
} as const;

/** The 201 answer of every route that creates a board: `POST /api/boards`, import, restore. */
export const createdBoardSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string' },
    template: { type: ['string', 'null'] },
    tokens: roleStringsSchema,
    links: roleStringsSchema,
  },
  required: ['id', 'title', 'createdAt', 'tokens', 'links'],
} as const;

/** Body of `POST /api/boards/:id/links/reset`: the role whose link a facilitator resets. */
export const resetLinkBodySchema = { type: 'object', properties: { role: roleSchema }, required: ['role'], additionalProperties: false } as const;

/** Response of `GET /api/boards/:id/links` and `POST /api/boards/:id/links/reset`. */
export const boardLinksSchema = {
  type: 'object',
  properties: { tokens: partialRoleStringsSchema, links: partialRoleStringsSchema },
  required: ['tokens', 'links'],
} as const;

/** The outline of a `.tldr` file, as tldraw's own file validator checks it; `readTldrFile` (@accord/board) checks the rest. */
const tldrFileSchema = {
  type: 'object',
  properties: {
    tldrawFileFormatVersion: { type: 'integer', minimum: 1 },
    schema: { type: 'object', properties: { schemaVersion: { type: 'integer', minimum: 1 } }, required: ['schemaVersion'] },
    records: {
      type: 'array',
      maxItems: MAX_IMPORT_RECORDS,
      items: { type: 'object', properties: { id: { type: 'string', minLength: 1 }, typeName: { type: 'string', minLength: 1 } }, required: ['id', 'typeName'] },
    },
  },
  required: ['tldrawFileFormatVersion', 'schema', 'records'],
} as const;

/** Body of `POST /api/boards/import`. */
export const importBoardBodySchema = {
  type: 'object',
  properties: { title: titleSchema, file: tldrFileSchema },
  required: ['file'],
  additionalProperties: false,
} as const;

/** Response of `POST /api/boards/:id/assets` (201). */
export const uploadedAssetSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, contentType: { type: 'string' }, url: { type: 'string' } },
  required: ['id', 'contentType', 'url'],
} as const;

/** Querystring of `GET /sync/:id` and `/sync/:id/facilitation`; y-websocket may add parameters of its own. */
export const syncQuerySchema = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: MAX_TOKEN_LENGTH }, [PERSON_QUERY_PARAM]: { type: 'string', pattern: PERSON_KEY_PATTERN } },
  additionalProperties: true,
} as const;
