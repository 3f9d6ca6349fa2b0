import { randomBytes } from 'node:crypto';

// Ids the server makes. Their patterns (what a request may carry) are the wire contract's:
// BOARD_ID_PATTERN, RECORD_ID_PATTERN and ASSET_ID_PATTERN of @accord/api.

/** A new random board id: 16 bytes of randomness, base64url (22 characters). */
export function newBoardId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new random id for records (12 bytes, 16 characters) and assets (16 bytes, 22 characters). */
export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
