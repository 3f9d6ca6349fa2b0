import { ROLES, type Role } from '@accord/board';
import { BOARD_ID_PATTERN } from './ids.ts';

/** The version tag every capability token starts with. */
const TOKEN_VERSION = 'v1';

/** A token's MAC: HMAC-SHA256, 32 bytes as unpadded base64url, so always 43 characters. */
export const TOKEN_MAC_PATTERN = '^[A-Za-z0-9_-]{43}$';

const strip = (pattern: string): string => pattern.slice(1, -1);

/**
 * A capability token, `v1.<boardId>.<role>.<mac>` (ARCHITECTURE.md, "Access"), as a JSON Schema
 * pattern. The board id inside lets the server check a token against the board it names only;
 * whatever is wrong with a well-shaped token, the answer is the same 404 as for an unknown board.
 */
export const TOKEN_PATTERN = `^${TOKEN_VERSION}\\.(${strip(BOARD_ID_PATTERN)})\\.(${ROLES.join('|')})\\.(${strip(TOKEN_MAC_PATTERN)})$`;

const tokenRe = new RegExp(TOKEN_PATTERN);

/** The parts of a token, read without checking its MAC (only the server, holding the secret, can). */
export interface TokenParts {
  readonly boardId: string;
  readonly role: Role;
  /** The MAC as sent: 43 base64url characters. */
  readonly mac: string;
}

/** Splits a token into its parts, or returns null when it is not shaped like one. */
export function parseToken(token: string): TokenParts | null {
  const m = tokenRe.exec(token);
  if (!m) return null;
  return { boardId: m[1]!, role: m[2] as Role, mac: m[3]! };
}

/** Writes a token from its parts; `mac` is the base64url MAC the server computed. */
export function formatToken(boardId: string, role: Role, mac: string): string {
  return `${TOKEN_VERSION}.${boardId}.${role}.${mac}`;
}

/** The role a token claims, or null when it is not shaped like a token. Not verified: the server does that. */
export function tokenRole(token: string): Role | null {
  return parseToken(token)?.role ?? null;
}
