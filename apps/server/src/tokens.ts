import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, isRole, type Role } from '@accord/board';

/**
 * A capability token: `v1.<boardId>.<role>.<mac>`, the MAC an HMAC-SHA256 under the server secret
 * of the board id, the role and the board's own salt. Carrying the board id lets the server tell a
 * forged token (401) from a genuine token of another board (403); the salt lets one board's links
 * be rotated without touching others.
 */
export interface ParsedToken {
  readonly boardId: string;
  readonly role: Role;
  readonly mac: Buffer;
}

const TOKEN_RE = new RegExp(`^v1\\.([A-Za-z0-9_-]{10,64})\\.(${ROLES.join('|')})\\.([A-Za-z0-9_-]{43})$`);

/** Splits a token into its parts, or returns null when it isn't shaped like one. */
export function parseToken(token: string): ParsedToken | null {
  const m = TOKEN_RE.exec(token);
  if (!m || !isRole(m[2])) return null;
  return { boardId: m[1]!, role: m[2], mac: Buffer.from(m[3]!, 'base64url') };
}

function mac(secret: Buffer, boardId: string, role: Role, salt: string): Buffer {
  return createHmac('sha256', secret).update(`accord-token:v1:${boardId}:${role}:${salt}`).digest();
}

/** Signs the token for `role` on a board. */
export function signToken(secret: Buffer, boardId: string, role: Role, salt: string): string {
  return `v1.${boardId}.${role}.${mac(secret, boardId, role, salt).toString('base64url')}`;
}

/** True when the token's MAC is right for its board, role and the board's salt; constant time. */
export function verifyToken(secret: Buffer, token: ParsedToken, salt: string): boolean {
  const expected = mac(secret, token.boardId, token.role, salt);
  return token.mac.length === expected.length && timingSafeEqual(token.mac, expected);
}

/** A fresh per-board salt. */
export function newTokenSalt(): string {
  return randomBytes(16).toString('base64url');
}
