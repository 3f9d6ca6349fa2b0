import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { formatToken, parseToken as parseTokenParts } from '@accord/api';
import type { Role } from '@accord/board';

// A capability token is `v1.<boardId>.<role>.<mac>` (its shape is @accord/api's TOKEN_PATTERN);
// the MAC, an HMAC-SHA256 under the server secret of the board id, the role, the board's own salt
// and the role's link generation, is the server's alone. Resetting a role's link moves its
// generation on, so the old token stops verifying while the other roles' links and every other
// board are untouched. Generation 0 signs what tokens signed before resets existed, so links
// handed out earlier keep working.

/** A token split into its parts, its MAC as bytes. */
export interface ParsedToken {
  readonly boardId: string;
  readonly role: Role;
  readonly mac: Buffer;
}

/** Splits a token into its parts, or returns null when it isn't shaped like one. */
export function parseToken(token: string): ParsedToken | null {
  const parts = parseTokenParts(token);
  return parts ? { boardId: parts.boardId, role: parts.role, mac: Buffer.from(parts.mac, 'base64url') } : null;
}

function mac(secret: Buffer, boardId: string, role: Role, salt: string, generation: number): Buffer {
  const suffix = generation === 0 ? '' : `:${generation}`;
  return createHmac('sha256', secret).update(`accord-token:v1:${boardId}:${role}:${salt}${suffix}`).digest();
}

/** Signs the token for `role` on a board, at that role's link generation (0 until its link is reset). */
export function signToken(secret: Buffer, boardId: string, role: Role, salt: string, generation = 0): string {
  return formatToken(boardId, role, mac(secret, boardId, role, salt, generation).toString('base64url'));
}

/** True when the token's MAC is right for its board, role, the board's salt and the role's current generation; constant time. */
export function verifyToken(secret: Buffer, token: ParsedToken, salt: string, generation = 0): boolean {
  const expected = mac(secret, token.boardId, token.role, salt, generation);
  return token.mac.length === expected.length && timingSafeEqual(token.mac, expected);
}

/** A fresh per-board salt. */
export function newTokenSalt(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The person id the server recognises for a person key (ARCHITECTURE.md, "Access"): `p` and 21
 * base64url characters of an HMAC under the server secret, so an id is stable for its key and
 * cannot be claimed without it.
 */
export function personIdFor(secret: Buffer, key: string): string {
  return `p${createHmac('sha256', secret).update(`accord-person:v1:${key}`).digest('base64url').slice(0, 21)}`;
}
