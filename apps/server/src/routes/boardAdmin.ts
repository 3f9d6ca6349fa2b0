import type { FastifyPluginAsync } from 'fastify';
import { boardLinksSchema, boardParams, resetLinkBodySchema, type BoardLinks, type ResetLinkBody } from '@accord/api';
import { ROLES } from '@accord/board';
import { requireRole } from '../access.ts';
import type { BoardControl } from '../boardControl.ts';
import type { Config } from '../config.ts';
import { issueLinks } from '../createBoard.ts';
import { Errors } from '../errors.ts';

/** What the board administration routes are registered with. */
export interface BoardAdminRoutesOptions {
  config: Pick<Config, 'secret' | 'publicUrl'>;
  control: BoardControl;
}

/**
 * A facilitator's hold on the board as a whole: `POST /api/boards/:id/links/reset` (`{ role }` →
 * the board's links, the reset one new: the old one stops opening the board at once, and sockets
 * that joined with it are closed with 4401) and `DELETE /api/boards/:id` (204: everything of the
 * board is deleted, its sockets closed with 4410; afterwards its links answer 404 like any
 * unknown board).
 */
export const boardAdminRoutes: FastifyPluginAsync<BoardAdminRoutesOptions> = async (app, opts) => {
  app.post<{ Params: { id: string }; Body: ResetLinkBody }>(
    '/api/boards/:id/links/reset',
    { schema: { params: boardParams, body: resetLinkBodySchema, response: { 200: boardLinksSchema } }, preHandler: requireRole('facilitator') },
    async (req): Promise<BoardLinks> => {
      const board = await opts.control.resetLink(req.board.id, req.body.role);
      if (!board) throw Errors.boardNotFound();
      req.log.info({ boardId: board.id, role: req.body.role, generation: board.linkGenerations[req.body.role] }, 'link reset');
      return issueLinks(opts.config, req, board, ROLES);
    },
  );

  app.delete<{ Params: { id: string } }>('/api/boards/:id', { schema: { params: boardParams }, preHandler: requireRole('facilitator') }, async (req, reply) => {
    if (!(await opts.control.deleteBoard(req.board.id))) throw Errors.boardNotFound();
    req.log.info({ boardId: req.board.id }, 'board deleted');
    return reply.code(204).send();
  });
};
