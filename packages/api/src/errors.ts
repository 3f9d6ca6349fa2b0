/**
 * Every `code` the server answers an error with (ARCHITECTURE.md, "HTTP API"): stable, so clients
 * branch on it rather than on messages.
 */
export type ErrorCode =
  /** 400: input the route's schema or handler refuses. */
  | 'ACCORD_BAD_REQUEST'
  /** 400: a board id that is not 10–64 characters of `[A-Za-z0-9_-]`. */
  | 'ACCORD_BAD_BOARD_ID'
  /** 401: no token sent. */
  | 'ACCORD_TOKEN_MISSING'
  /** 401: a token not shaped like one (`TOKEN_PATTERN`); decided without looking up any board. */
  | 'ACCORD_TOKEN_INVALID'
  /** 403: a genuine token of the board, of a role below what the route needs. */
  | 'ACCORD_FORBIDDEN'
  /** 403: a websocket upgrade from a page of another origin. */
  | 'ACCORD_ORIGIN_FORBIDDEN'
  /**
   * 404: no board with that id, OR a token that is not valid for it (forged, reset, of another
   * board, of a deleted board) — one answer, so a link never tells whether a board exists.
   */
  | 'ACCORD_BOARD_NOT_FOUND'
  /** 404: no such route or asset. */
  | 'ACCORD_NOT_FOUND'
  /** 404: no decision record with that id on this board. */
  | 'ACCORD_RECORD_NOT_FOUND'
  /** 413: a request body past its route's limit. */
  | 'ACCORD_TOO_LARGE'
  /** 400: a JSON body nested deeper than `MAX_JSON_DEPTH`, refused before it is parsed. */
  | 'ACCORD_JSON_TOO_DEEP'
  /** 429: too many requests of this kind from this address (or imports at once); `Retry-After` says when to try again. */
  | 'ACCORD_RATE_LIMITED'
  /** 415: an upload that is not a PNG, JPEG, GIF or WebP image. */
  | 'ACCORD_UNSUPPORTED_MEDIA_TYPE'
  /** 400: an import that is not a readable `.tldr` file. */
  | 'ACCORD_IMPORT_INVALID'
  /** 422: a `.tldr` file from a newer tldraw (or tldraw 1). */
  | 'ACCORD_IMPORT_UNSUPPORTED'
  /** 400: a request that must say who is asking (a vote) came without the `x-accord-person` header. */
  | 'ACCORD_PERSON_REQUIRED'
  /** 409: a dot the round's limits refuse (no dots left, the note's limit reached, no dot of yours there). */
  | 'ACCORD_VOTE_REFUSED'
  /** 409: the vote is not in a state that allows this (no round open, another round current, one already open). */
  | 'ACCORD_VOTE_STATE'
  /** 422: a dot on something that is not a note on the board or is outside the round's frame; a round limited to a frame that is not there. */
  | 'ACCORD_VOTE_TARGET'
  /** 422: a record to supersede that does not exist, or that the token given cannot read (one answer for both). */
  | 'ACCORD_SUPERSEDES_UNREADABLE'
  /** 404: no version with that seq kept in the board's history (pruned by retention, or never one). */
  | 'ACCORD_VERSION_NOT_FOUND'
  /** 422: a version that cannot be restored in place (the board was last written by a newer Accord, or its rules refuse the change). */
  | 'ACCORD_RESTORE_REFUSED'
  /** 500: a stored record whose snapshot no longer matches its hash. */
  | 'ACCORD_RECORD_CORRUPT'
  /** 503: the server cannot reach its database right now (a restart, a failover); retry shortly. */
  | 'ACCORD_STORAGE_UNAVAILABLE'
  /** 500: anything else that went wrong on the server. */
  | 'ACCORD_INTERNAL';

/** Codes of the failures Fastify answers itself, e.g. `FST_ERR_VALIDATION` for a schema's 400. */
type FastifyErrorCode = `FST_ERR_${string}`;

/** The body of every error answer, HTTP and refused websocket upgrade alike: Fastify's error shape. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode | FastifyErrorCode;
  /** The status's name, e.g. `Not Found`. */
  error: string;
  /** A sentence for people; never parse it. */
  message: string;
}
