import type { FastifyRequest } from 'fastify';
import { MAX_TITLE_LENGTH, shareLink, type CreatedBoard, type RoleStrings } from '@accord/api';
import * as Y from 'yjs';
import { ROLES, boardSchema, contentRoom, initialBoardRecords, writeBoardRecords, type Role } from '@accord/board';
import { SERVER_AUTHOR } from '@accord/relay';
import type { BoardRow, BoardStore, NewBoardRow, RoomStore } from '@accord/storage';
import type { Config } from './config.ts';
import { newBoardId } from './ids.ts';
import { newTokenSalt, signToken } from './tokens.ts';

/** What making boards and their links needs: the stores it writes and the secret and origin of links. */
export interface BoardIssuing {
  readonly boards: BoardStore;
  /** Where a new board's content is seeded. */
  readonly rooms: RoomStore;
  readonly config: Pick<Config, 'secret' | 'publicUrl'>;
}

/** A board to create; `contentUpdates` seed its content room (a restored record, an imported file), else it starts with a named document record and one page. */
export interface NewBoard {
  title: string;
  template: string | null;
  contentUpdates?: readonly Uint8Array[];
}

/**
 * The origin share links (and every other address the server writes) are built on:
 * `ACCORD_PUBLIC_URL`, else the request's own — its Host header, and `X-Forwarded-Host` / `-Proto`
 * only from proxies `ACCORD_TRUST_PROXY` trusts.
 */
export function publicOrigin(config: BoardIssuing['config'], req: FastifyRequest): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** The tokens and share links of `roles` on `board`. */
export function issueLinks(config: BoardIssuing['config'], req: FastifyRequest, board: BoardRow, roles: readonly Role[]): { tokens: Partial<RoleStrings>; links: Partial<RoleStrings> } {
  const base = publicOrigin(config, req);
  const tokens: Partial<RoleStrings> = {};
  const links: Partial<RoleStrings> = {};
  for (const role of roles) {
    const token = signToken(config.secret, board.id, role, board.tokenSalt, board.linkGenerations[role]);
    tokens[role] = token;
    links[role] = shareLink(base, board.id, token);
  }
  return { tokens, links };
}

/** The title of a board restored from `from` (a decision record's title, a board's): `<from> (restored)`, within the title limit; `fallback` when `from` is blank. */
export function restoredTitle(from: string, fallback = 'Restored board'): string {
  const suffix = ' (restored)';
  const base = from.trim() || fallback;
  return base.length + suffix.length <= MAX_TITLE_LENGTH ? base + suffix : `${base.slice(0, MAX_TITLE_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

/** A new board's content: its document record, named after it, and a page (see `initialBoardRecords`). */
function initialContent(title: string): Uint8Array {
  const doc = new Y.Doc();
  writeBoardRecords(doc, initialBoardRecords(title), boardSchema());
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Creates a board and answers as `POST /api/boards` does. The content room's updates are stored
 * before the board row, so a failure part-way leaves no half-made board anyone can open, at worst
 * an update log under an id nobody was given.
 */
export async function createBoard(deps: BoardIssuing, req: FastifyRequest, init: NewBoard): Promise<CreatedBoard> {
  const now = Date.now();
  const row: NewBoardRow = { id: newBoardId(), title: init.title, createdAt: now, updatedAt: now, tokenSalt: newTokenSalt(), template: init.template };
  const board: BoardRow = { ...row, linkGenerations: { facilitator: 0, participant: 0, viewer: 0 }, openedAt: now };
  const updates = (init.contentUpdates ?? [initialContent(init.title)]).filter((u) => u.length > 0);
  if (updates.length) await deps.rooms.appendUpdates(updates.map((update) => ({ room: contentRoom(board.id), update, author: SERVER_AUTHOR })));
  await deps.boards.createBoard(row);
  const { tokens, links } = issueLinks(deps.config, req, board, ROLES);
  req.log.info({ boardId: board.id }, 'board created');
  return { id: board.id, title: board.title, createdAt: new Date(board.createdAt).toISOString(), template: board.template, tokens: tokens as RoleStrings, links: links as RoleStrings };
}
