import { randomBytes } from 'node:crypto';

/** Board ids: URL-safe, 10-64 characters (ARCHITECTURE.md, "Board documents"). */
export const BOARD_ID_PATTERN = '^[A-Za-z0-9_-]{10,64}$';
const boardIdRe = new RegExp(BOARD_ID_PATTERN);

/** True when `id` is a well-formed board id. */
export function isBoardId(id: string): boolean {
  return boardIdRe.test(id);
}

/** A new random board id: 16 bytes of randomness, base64url (22 characters). */
export function newBoardId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new random id for records and assets. */
export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
