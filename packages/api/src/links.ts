import { RECORD_ID_PATTERN, isBoardId } from './ids.ts';
import { parseToken } from './tokens.ts';

/** The fragment parameter a share link carries its token in. */
const LINK_TOKEN_PARAM = 't';

/** The app's path of a board: `/b/<boardId>`. */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`;
}

/**
 * A share link: `<origin>/b/<boardId>#t=<token>`. The token rides in the fragment, so it never
 * reaches server logs or a Referer header (ARCHITECTURE.md, "Access"). `origin` has no trailing slash.
 */
export function shareLink(origin: string, boardId: string, token: string): string {
  return `${origin}${boardPath(boardId)}#${LINK_TOKEN_PARAM}=${token}`;
}

/** The token in a share link's fragment (`#t=…`, with or without the `#`), or null when it has none. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(LINK_TOKEN_PARAM);
}

/** What a share link names. */
export interface ShareLinkParts {
  readonly origin: string;
  readonly boardId: string;
  readonly token: string;
}

/**
 * Reads a share link made by {@link shareLink}, or returns null when `link` is not one: not a URL,
 * not `/b/<boardId>`, no `#t=`, or a token not shaped like one for that board.
 */
export function parseShareLink(link: string): ShareLinkParts | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const m = /^\/b\/([^/]+)$/.exec(url.pathname);
  const token = tokenFromHash(url.hash);
  if (!m || !isBoardId(m[1]!) || !token || parseToken(token)?.boardId !== m[1]) return null;
  return { origin: url.origin, boardId: m[1]!, token };
}

/** The app's path of a decision record: `/b/<boardId>/records/<recordId>`. */
export function recordPath(boardId: string, recordId: string): string {
  return `${boardPath(boardId)}/records/${recordId}`;
}

/** A decision record's link: `<origin>/b/<boardId>/records/<recordId>#t=<token>`, the token in the fragment as in {@link shareLink}. */
export function recordLink(origin: string, boardId: string, recordId: string, token: string): string {
  return `${origin}${recordPath(boardId, recordId)}#${LINK_TOKEN_PARAM}=${token}`;
}

/** What a record link names. */
export interface RecordLinkParts extends ShareLinkParts {
  readonly recordId: string;
}

const recordIdRe = new RegExp(RECORD_ID_PATTERN);

/**
 * Reads a record link made by {@link recordLink} (as the record page's address bar shows it), or
 * returns null when `link` is not one: not a URL, not `/b/<boardId>/records/<recordId>`, no `#t=`,
 * or a token not shaped like one for that board.
 */
export function parseRecordLink(link: string): RecordLinkParts | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  const m = /^\/b\/([^/]+)\/records\/([^/]+)\/?$/.exec(url.pathname);
  const token = tokenFromHash(url.hash);
  if (!m || !isBoardId(m[1]!) || !recordIdRe.test(m[2]!) || !token || parseToken(token)?.boardId !== m[1]) return null;
  return { origin: url.origin, boardId: m[1]!, recordId: m[2]!, token };
}
