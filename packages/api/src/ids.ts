// Identifier patterns of the wire contract. Each is a JSON Schema `pattern` (a string), so route
// schemas and code test the very same text.

/** Board ids: URL-safe, 10–64 characters of `[A-Za-z0-9_-]` (ARCHITECTURE.md, "Board documents"). */
export const BOARD_ID_PATTERN = '^[A-Za-z0-9_-]{10,64}$';

/** Decision record ids (the server makes 16 base64url characters; 8–64 of the alphabet are accepted). */
export const RECORD_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** Asset ids (the server makes 22 base64url characters; 8–64 of the alphabet are accepted). */
export const ASSET_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** Dot-vote round ids (the server makes 16 base64url characters; rounds from before were shorter). */
export const VOTE_ROUND_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** A tldraw shape id, as dots and vote frames name notes: `shape:` and up to 200 more characters. */
export const SHAPE_ID_PATTERN = '^shape:[^\\s]{1,200}$';

/** A hex SHA-256 or HMAC-SHA256: record hashes and chain head signatures. */
export const HASH_PATTERN = '^[0-9a-f]{64}$';

const boardIdRe = new RegExp(BOARD_ID_PATTERN);

/** True when `id` is a well-formed board id. */
export function isBoardId(id: string): boolean {
  return boardIdRe.test(id);
}
