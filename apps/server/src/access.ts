import type { Storage, BoardRow } from '@accord/storage';
import { roleAtLeast, type Role } from '@accord/board';
import { Errors } from './errors.ts';
import { isBoardId } from './ids.ts';
import { parseToken, verifyToken } from './tokens.ts';

/** Who is asking, once their token checked out. */
export interface Access {
  readonly board: BoardRow;
  readonly role: Role;
}

/**
 * Decides a request on a board, in the contract's order: 400 malformed id, 401 missing or
 * malformed token, 404 unknown board, 401 forged token, 403 a genuine token of another board
 * or a role below `needed`. Shared by HTTP routes and the websocket upgrade.
 */
export async function authorize(
  storage: Storage,
  secret: Buffer,
  boardId: string,
  token: string | undefined,
  needed: Role = 'viewer',
): Promise<Access> {
  if (!isBoardId(boardId)) throw Errors.badBoardId();
  if (token === undefined || token === '') throw Errors.tokenMissing();
  const parsed = parseToken(token);
  if (!parsed) throw Errors.tokenInvalid();
  const board = await storage.getBoard(boardId);
  if (!board) throw Errors.boardNotFound();
  if (parsed.boardId !== boardId) {
    const own = await storage.getBoard(parsed.boardId);
    if (own && verifyToken(secret, parsed, own.tokenSalt)) throw Errors.tokenForeign();
    throw Errors.tokenInvalid();
  }
  if (!verifyToken(secret, parsed, board.tokenSalt)) throw Errors.tokenInvalid();
  if (!roleAtLeast(parsed.role, needed)) throw Errors.forbidden();
  return { board, role: parsed.role };
}

/** The token from `Authorization: Bearer …`, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : undefined;
}
