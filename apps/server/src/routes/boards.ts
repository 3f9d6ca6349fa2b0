import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, contentRoom, type Role } from '@accord/board';
import type { BoardRow } from '@accord/storage';
import type { AppContext } from '../context.ts';
import { authorize, bearerToken } from '../access.ts';
import { BOARD_ID_PATTERN, newBoardId } from '../ids.ts';
import { newTokenSalt, signToken } from '../tokens.ts';
import { templates } from '@accord/templates';

export const boardIdParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN } },
  required: ['id'],
  additionalProperties: false,
} as const;

const title = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
/** A board title: 1–200 characters, not all blank. */
export const titleSchema = title;
/** Templates a board may start from (ids from @accord/templates). */
const TEMPLATE_IDS = templates.map((t) => t.id);

const roleMap = (value: object) => ({
  type: 'object',
  properties: { facilitator: value, participant: value, viewer: value },
  required: ['facilitator', 'participant', 'viewer'],
});

const boardView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    template: { type: ['string', 'null'] },
    role: { type: 'string', enum: ROLES },
  },
  required: ['id', 'title', 'createdAt', 'role'],
} as const;

/** The 201 answer of `POST /api/boards`, shared by every route that creates a board (restore, import). */
export const createdBoardSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string' },
    template: { type: ['string', 'null'] },
    tokens: roleMap({ type: 'string' }),
    links: roleMap({ type: 'string' }),
  },
  required: ['id', 'title', 'createdAt', 'tokens', 'links'],
} as const;

/** What `POST /api/boards` answers. */
export interface CreatedBoard {
  id: string;
  title: string;
  createdAt: string;
  template: string | null;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** A board to create; `contentUpdates` seed its content room (a restored record, an imported file). */
export interface NewBoard {
  title: string;
  template: string | null;
  contentUpdates?: readonly Uint8Array[];
}

/**
 * Creates a board and answers as `POST /api/boards` does. The content room's updates are stored
 * before the board row, so a failure part-way leaves no half-made board anyone can open, at worst
 * an update log under an id nobody was given.
 */
export async function createBoard(ctx: AppContext, req: FastifyRequest, init: NewBoard): Promise<CreatedBoard> {
  const now = Date.now();
  const board: BoardRow = {
    id: newBoardId(),
    title: init.title,
    createdAt: now,
    updatedAt: now,
    tokenSalt: newTokenSalt(),
    template: init.template,
  };
  const updates = (init.contentUpdates ?? []).filter((u) => u.length > 0);
  if (updates.length) await ctx.storage.appendUpdates(updates.map((update) => ({ room: contentRoom(board.id), update })));
  await ctx.storage.createBoard(board);
  const base = origin(ctx, req);
  const tokens = Object.fromEntries(ROLES.map((r) => [r, signToken(ctx.config.secret, board.id, r, board.tokenSalt)])) as Record<Role, string>;
  const links = Object.fromEntries(ROLES.map((r) => [r, `${base}/b/${board.id}#t=${tokens[r]}`])) as Record<Role, string>;
  req.log.info({ boardId: board.id }, 'board created');
  return { id: board.id, title: board.title, createdAt: new Date(board.createdAt).toISOString(), template: board.template, tokens, links };
}

interface CreateBody {
  title: string;
  template?: string;
}

/** The origin share links are built on: `ACCORD_PUBLIC_URL`, else the request's own. */
function origin(ctx: AppContext, req: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

function view(board: BoardRow, role: Role) {
  return {
    id: board.id,
    title: board.title,
    createdAt: new Date(board.createdAt).toISOString(),
    updatedAt: new Date(board.updatedAt).toISOString(),
    template: board.template,
    role,
  };
}

/** `POST /api/boards`, `GET /api/boards/:id`, `PATCH /api/boards/:id` (rename, facilitator). */
export function boardRoutes(ctx: AppContext) {
  return async function (app: FastifyInstance): Promise<void> {
    app.post<{ Body: CreateBody }>(
      '/api/boards',
      {
        schema: {
          body: {
            type: 'object',
            properties: { title, template: { type: 'string', enum: TEMPLATE_IDS } },
            required: ['title'],
            additionalProperties: false,
          },
          response: { 201: createdBoardSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await createBoard(ctx, req, { title: req.body.title.trim(), template: req.body.template ?? null })),
    );

    app.get<{ Params: { id: string } }>(
      '/api/boards/:id',
      { schema: { params: boardIdParams, response: { 200: boardView } } },
      async (req) => {
        const { board, role } = await authorize(ctx.storage, ctx.config.secret, req.params.id, bearerToken(req.headers.authorization));
        return view(board, role);
      },
    );

    // Share links for the caller's own role and every weaker one: a facilitator gets all three, a
    // participant the participant and viewer links, a viewer only the viewer link.
    app.get<{ Params: { id: string } }>(
      '/api/boards/:id/links',
      { schema: { params: boardIdParams } },
      async (req) => {
        const { board, role } = await authorize(ctx.storage, ctx.config.secret, req.params.id, bearerToken(req.headers.authorization));
        const base = origin(ctx, req);
        const roles = ROLES.slice(ROLES.indexOf(role));
        const tokens = Object.fromEntries(roles.map((r) => [r, signToken(ctx.config.secret, board.id, r, board.tokenSalt)]));
        const links = Object.fromEntries(roles.map((r) => [r, `${base}/b/${board.id}#t=${tokens[r]}`]));
        return { tokens, links };
      },
    );

    app.patch<{ Params: { id: string }; Body: { title: string } }>(
      '/api/boards/:id',
      {
        schema: {
          params: boardIdParams,
          body: { type: 'object', properties: { title }, required: ['title'], additionalProperties: false },
          response: { 200: boardView },
        },
      },
      async (req) => {
        const { role } = await authorize(ctx.storage, ctx.config.secret, req.params.id, bearerToken(req.headers.authorization), 'facilitator');
        const updated = await ctx.storage.updateBoardTitle(req.params.id, req.body.title.trim(), Date.now());
        if (!updated) throw new Error('board vanished during rename');
        return view(updated, role);
      },
    );
  };
}
