import type { FastifyPluginAsync } from 'fastify';
import {
  boardInfoSchema,
  boardLinksSchema,
  boardParams,
  createBoardBodySchema,
  createdBoardSchema,
  renameBoardBodySchema,
  type BoardInfo,
  type BoardLinks,
  type CreateBoardBody,
  type RenameBoardBody,
} from '@accord/api';
import { ROLES, contentRoom, renameDocument, type Role } from '@accord/board';
import type { BoardRow } from '@accord/storage';
import { requireRole } from '../access.ts';
import type { AppContext } from '../context.ts';
import { createBoard, issueLinks } from '../createBoard.ts';

/** What the board routes are registered with. */
export type BoardRoutesOptions = Pick<AppContext, 'config' | 'boards' | 'rooms' | 'relay'>;

function info(board: BoardRow, role: Role, personId: string | null): BoardInfo {
  return {
    personId,
    id: board.id,
    title: board.title,
    createdAt: new Date(board.createdAt).toISOString(),
    updatedAt: new Date(board.updatedAt).toISOString(),
    template: board.template,
    role,
  };
}

/** `POST /api/boards`, `GET /api/boards/:id`, `GET /api/boards/:id/links`, `PATCH /api/boards/:id` (rename, facilitator). */
export const boardRoutes: FastifyPluginAsync<BoardRoutesOptions> = async (app, opts) => {
  app.post<{ Body: CreateBoardBody }>(
    '/api/boards',
    { schema: { body: createBoardBodySchema, response: { 201: createdBoardSchema } }, onRequest: app.rateLimitFor('create') },
    async (req, reply) => reply.code(201).send(await createBoard(opts, req, { title: req.body.title.trim(), template: req.body.template ?? null })),
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id',
    { schema: { params: boardParams, response: { 200: boardInfoSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<BoardInfo> => info(req.board, req.role, req.personId),
  );

  // Share links for the caller's own role and every weaker one: a facilitator gets all three, a
  // participant the participant and viewer links, a viewer only the viewer link.
  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/links',
    { schema: { params: boardParams, response: { 200: boardLinksSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<BoardLinks> => issueLinks(opts.config, req, req.board, ROLES.slice(ROLES.indexOf(req.role))),
  );

  app.patch<{ Params: { id: string }; Body: RenameBoardBody }>(
    '/api/boards/:id',
    { schema: { params: boardParams, body: renameBoardBodySchema, response: { 200: boardInfoSchema } }, preHandler: requireRole('facilitator') },
    async (req): Promise<BoardInfo> => {
      const title = req.body.title.trim();
      const updated = await opts.boards.updateBoardTitle(req.board.id, title, Date.now());
      if (!updated) throw new Error('board vanished during rename');
      // The title every open board shows is the document record's name: the server writes it.
      await opts.relay.changeRoom(contentRoom(req.board.id), (doc) => void renameDocument(doc, title));
      return info(updated, req.role, req.personId);
    },
  );
};
