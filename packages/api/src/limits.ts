// Size limits of the wire contract, shared by the route schemas, the server and the web client.
// Limits the board or the record also enforce are theirs, re-exported here under the same names.

/** Longest board or decision record title, in characters (titles are 1–200, not all blank). */
export const MAX_TITLE_LENGTH = 200;

/** Longest decision statement of a record, in characters. */
export const MAX_DECISION_LENGTH = 5000;

/** Longest owner of a decision record, in characters. */
export const MAX_OWNER_LENGTH = 200;

/** Longest `?token=` the websocket upgrade accepts (a real token is at most 123 characters). */
export const MAX_TOKEN_LENGTH = 200;

/** Largest JSON request body, in bytes, for every route that does not set its own limit. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Largest image upload (`POST /api/boards/:id/assets`), in bytes. */
export const MAX_ASSET_BYTES = 10 * 1024 * 1024;

/** Largest `.tldr` import request (`POST /api/boards/import`), in bytes: files may inline images as data URLs. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Most dots one person may have in a dot-vote round (and most on one note); the board's session owns it. */
export { MAX_VOTES_PER_PERSON } from '@accord/board';

/** Most names a decision record keeps informed (`informed`), and the longest such name in characters; the record owns them. */
export { MAX_INFORMED, MAX_PERSON_NAME_LENGTH } from '@accord/record';

/**
 * Deepest nesting of arrays and objects a JSON body may have (a `.tldr` file's rich text nests a
 * few dozen levels at most). Checked while the body streams in, before it is parsed.
 */
export const MAX_JSON_DEPTH = 128;

/** Most records a `.tldr` import may hold (the app's page holds at most 20 000 shapes). */
export const MAX_IMPORT_RECORDS = 50_000;
