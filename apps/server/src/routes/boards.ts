import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@accord/relay';
import type { BoardRow } from '@accord/storage';
import type { AppContext } from '../context.ts';
import { authorize, bearerToken } from '../access.ts';
import { BOARD_ID_PATTERN, newBoardId } from '../ids.ts';
import { ROLES, newTokenSalt, signToken } from '../tokens.ts';
import { templates } from '@accord/templates';

const boardIdParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN } },
  required: ['id'],
  additionalProperties: false,
} as const;

const title = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
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
          response: {
            201: {
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
            },
          },
        },
      },
      async (req, reply) => {
        const now = Date.now();
        const board: BoardRow = {
          id: newBoardId(),
          title: req.body.title.trim(),
          createdAt: now,
          updatedAt: now,
          tokenSalt: newTokenSalt(),
          template: req.body.template ?? null,
        };
        await ctx.storage.createBoard(board);
        const base = origin(ctx, req);
        const tokens = Object.fromEntries(ROLES.map((r) => [r, signToken(ctx.config.secret, board.id, r, board.tokenSalt)])) as Record<Role, string>;
        const links = Object.fromEntries(ROLES.map((r) => [r, `${base}/b/${board.id}#t=${tokens[r]}`]));
        req.log.info({ boardId: board.id }, 'board created');
        return reply.code(201).send({
          id: board.id,
          title: board.title,
          createdAt: new Date(board.createdAt).toISOString(),
          template: board.template,
          tokens,
          links,
        });
      },
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
