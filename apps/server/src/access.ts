import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { PERSON_HEADER, isBoardId, isPersonKey } from '@accord/api';
import { roleAtLeast, type Role } from '@accord/board';
import type { BoardRow, BoardStore } from '@accord/storage';
import { Errors } from './errors.ts';
import { parseToken, personIdFor, verifyToken } from './tokens.ts';

/** Who is asking, once their token checked out. */
export interface Access {
  readonly board: BoardRow;
  readonly role: Role;
  /** The generation of the role's link the token was signed at (the current one): a reset closes sockets of older ones. */
  readonly linkGeneration: number;
}

/** How stale a board's last-opened time may get before a request writes it again: retention counts days, so one write an hour is plenty. */
const OPENED_RESOLUTION_MS = 60 * 60 * 1000;

/** A MAC nobody holds, checked when there is no board, so a missing board costs what a forged token does. */
const NO_SALT = 'no-board';

/** Who is asking and who they are: the access their token grants and the person their key names. */
export interface Grant extends Access {
  /** Derived from the person key the request carried (`personIdFor`); null when it carried none. */
  readonly personId: string | null;
}

/**
 * Decides a request on a board, in the contract's order: 400 malformed id, 401 missing token or
 * one not shaped like a token (both decided without looking at any board), 404 for everything
 * else that does not open this board — no such board, a forged or reset token, a token of another
 * board, a deleted board: one answer, so a link never tells whether a board exists — and 403 for
 * a genuine token whose role is below `needed`. Shared by HTTP routes and the websocket upgrade.
 */
async function authorize(boards: BoardStore, secret: Buffer, boardId: string, token: string | undefined, needed: Role = 'viewer'): Promise<Access> {
  if (!isBoardId(boardId)) throw Errors.badBoardId();
  if (token === undefined || token === '') throw Errors.tokenMissing();
  const parsed = parseToken(token);
  if (!parsed) throw Errors.tokenInvalid();
  const board = parsed.boardId === boardId ? await boards.getBoard(boardId) : null;
  const linkGeneration = board?.linkGenerations[parsed.role] ?? 0;
  const genuine = verifyToken(secret, parsed, board?.tokenSalt ?? NO_SALT, linkGeneration);
  if (!board || !genuine) throw Errors.boardNotFound();
  if (!roleAtLeast(parsed.role, needed)) throw Errors.forbidden();
  return { board, role: parsed.role, linkGeneration };
}

/** The token from `Authorization: Bearer …`, if any. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : undefined;
}

/** Where a request carries its token: HTTP sends `Authorization: Bearer`, the websocket `?token=` (ARCHITECTURE.md, "Access"). */
export type TokenSource = 'header' | 'query';

/** What {@link boardAccess} is registered with. */
export interface BoardAccessOptions {
  boards: BoardStore;
  /** The HMAC key of capability tokens. */
  secret: Buffer;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Decides a request on board `boardId` (see `authorize`); set by the `boardAccess` plugin. */
    authorizeBoard(boardId: string, token: string | undefined, needed: Role): Promise<Access>;
    /** The person id of a person key (see `personIdFor`); set by the `boardAccess` plugin. */
    personIdFor(key: string): string;
    /** Records that `board` was opened, for retention (at most once an hour per board); set by the `boardAccess` plugin. */
    noteBoardOpened(board: BoardRow, log: FastifyBaseLogger): Promise<void>;
  }
  interface FastifyRequest {
    /** The board of `:id`; only on routes whose preHandler is `requireRole(…)`. */
    readonly board: BoardRow;
    /** The role of the request's token; only on routes whose preHandler is `requireRole(…)`. */
    readonly role: Role;
    /** The person the request's key names, or null; only on routes whose preHandler is `requireRole(…)`. */
    readonly personId: string | null;
    /** The link generation of the request's token; only on routes whose preHandler is `requireRole(…)`. */
    readonly linkGeneration: number;
  }
}

/** What `requireRole` granted each request it let through. */
const granted = new WeakMap<FastifyRequest, Grant>();

function grantOf(req: FastifyRequest): Grant {
  const access = granted.get(req);
  if (!access) throw new Error(`${req.routeOptions.url ?? req.url} reads the board or role without requireRole() as its preHandler`);
  return access;
}

/**
 * Board access for every route: decorates the instance with `authorizeBoard` and each request with
 * `board` and `role`, which {@link requireRole} fills in. Not encapsulated, so routes registered
 * anywhere after it see the decorations.
 */
export const boardAccess = fp<BoardAccessOptions>(
  async (app: FastifyInstance, opts: BoardAccessOptions) => {
    app.decorate('authorizeBoard', (boardId: string, token: string | undefined, needed: Role) => authorize(opts.boards, opts.secret, boardId, token, needed));
    app.decorateRequest('board', {
      getter(this: FastifyRequest) {
        return grantOf(this).board;
      },
    });
    app.decorateRequest('role', {
      getter(this: FastifyRequest) {
        return grantOf(this).role;
      },
    });
    app.decorateRequest('personId', {
      getter(this: FastifyRequest) {
        return grantOf(this).personId;
      },
    });
    app.decorateRequest('linkGeneration', {
      getter(this: FastifyRequest) {
        return grantOf(this).linkGeneration;
      },
    });
    app.decorate('personIdFor', (key: string) => personIdFor(opts.secret, key));
    app.decorate('noteBoardOpened', async (board: BoardRow, log: FastifyBaseLogger) => {
      const now = Date.now();
      if (now - board.openedAt < OPENED_RESOLUTION_MS) return;
      // Retention only: a failure here must not fail the request.
      await opts.boards.markBoardOpened(board.id, now).catch((err: unknown) => log.warn({ err, boardId: board.id }, 'could not record that the board was opened'));
    });
  },
  { name: 'accord-board-access', fastify: '5.x' },
);

/**
 * The preHandler that authorizes a board route: the token (from `source`) must be a genuine token
 * of board `:id` with `needed` or a stronger role. Fastify runs it after schema validation, so a
 * malformed id is already a 400; on a websocket route it runs before the upgrade, so every refusal
 * is a plain HTTP answer. The handler then reads `req.board` and `req.role`.
 */
export function requireRole(needed: Role, source: TokenSource = 'header'): preHandlerAsyncHookHandler {
  return async (req) => {
    const boardId = (req.params as { id?: string }).id ?? '';
    const token = source === 'header' ? bearerToken(req.headers.authorization) : (req.query as { token?: string }).token;
    const key = source === 'header' ? req.headers[PERSON_HEADER] : (req.query as { person?: string }).person;
    if (key !== undefined && !isPersonKey(key)) throw Errors.badRequest(`The ${source === 'header' ? `${PERSON_HEADER} header` : 'person parameter'} must be 22-86 characters of A-Z a-z 0-9 _ -`);
    const access = await req.server.authorizeBoard(boardId, token, needed);
    granted.set(req, { ...access, personId: key === undefined ? null : req.server.personIdFor(key) });
    await req.server.noteBoardOpened(access.board, req.log);
  };
}
