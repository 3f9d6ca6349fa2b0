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
  /** 401: a token malformed, forged, or signed for another role. */
  | 'ACCORD_TOKEN_INVALID'
  /** 403: a genuine token of another board. */
  | 'ACCORD_TOKEN_FOREIGN'
  /** 403: a role below what the route needs. */
  | 'ACCORD_FORBIDDEN'
  /** 404: no board with that id. */
  | 'ACCORD_BOARD_NOT_FOUND'
  /** 404: no such route or asset. */
  | 'ACCORD_NOT_FOUND'
  /** 404: no decision record with that id on this board. */
  | 'ACCORD_RECORD_NOT_FOUND'
  /** 413: a request body past its route's limit. */
  | 'ACCORD_TOO_LARGE'
  /** 415: an upload that is not a PNG, JPEG, GIF or WebP image. */
  | 'ACCORD_UNSUPPORTED_MEDIA_TYPE'
  /** 400: an import that is not a readable `.tldr` file. */
  | 'ACCORD_IMPORT_INVALID'
  /** 422: a `.tldr` file from a newer tldraw (or tldraw 1). */
  | 'ACCORD_IMPORT_UNSUPPORTED'
  /** 500: a stored record whose snapshot no longer matches its hash. */
  | 'ACCORD_RECORD_CORRUPT'
  /** 503: the server cannot reach its database right now (a restart, a failover); retry shortly. */
  | 'ACCORD_STORAGE_UNAVAILABLE'
  /** 500: anything else that went wrong on the server. */
  | 'ACCORD_INTERNAL';

/** Codes of the failures Fastify answers itself, e.g. `FST_ERR_VALIDATION` for a schema's 400. */
export type FastifyErrorCode = `FST_ERR_${string}`;

/** The body of every error answer, HTTP and refused websocket upgrade alike: Fastify's error shape. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode | FastifyErrorCode;
  /** The status's name, e.g. `Not Found`. */
  error: string;
  /** A sentence for people; never parse it. */
  message: string;
}
