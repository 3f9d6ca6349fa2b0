/**
 * Every error the HTTP API and the websocket upgrade answer with, in one place. Bodies follow
 * Fastify's error shape `{ statusCode, code, error, message }`; `code` is stable for clients.
 */
export class AccordError extends Error {
  readonly statusCode: number;
  readonly code: string;
  constructor(code: string, statusCode: number, message: string) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

function define(code: string, statusCode: number, defaultMessage: string) {
  return (message: string = defaultMessage): AccordError => new AccordError(code, statusCode, message);
}

/** Error factories: `throw Errors.boardNotFound()`. */
export const Errors = {
  badRequest: define('ACCORD_BAD_REQUEST', 400, 'Malformed request'),
  badBoardId: define('ACCORD_BAD_BOARD_ID', 400, 'Board ids are 10-64 characters of A-Z a-z 0-9 _ -'),
  tokenMissing: define('ACCORD_TOKEN_MISSING', 401, 'A board token is required'),
  tokenInvalid: define('ACCORD_TOKEN_INVALID', 401, 'The board token is not valid'),
  tokenForeign: define('ACCORD_TOKEN_FOREIGN', 403, 'The token belongs to another board'),
  forbidden: define('ACCORD_FORBIDDEN', 403, 'Your role on this board does not allow this'),
  boardNotFound: define('ACCORD_BOARD_NOT_FOUND', 404, 'No board with that id'),
  notFound: define('ACCORD_NOT_FOUND', 404, 'Not found'),
  payloadTooLarge: define('ACCORD_PAYLOAD_TOO_LARGE', 413, 'The upload is too large'),
  /** A JSON body past its route's limit (Fastify's own 413, given a stable code and a clear message). */
  tooLarge: define('ACCORD_TOO_LARGE', 413, 'The request body is too large'),
  recordNotFound: define('ACCORD_RECORD_NOT_FOUND', 404, 'No decision record with that id on this board'),
  /** A record's stored snapshot no longer matches its hash or decodes (the store was altered; `verify` says where). */
  recordCorrupt: define('ACCORD_RECORD_CORRUPT', 500, 'The stored record is damaged'),
  importInvalid: define('ACCORD_IMPORT_INVALID', 400, 'That is not a tldraw file'),
  importUnsupported: define('ACCORD_IMPORT_UNSUPPORTED', 422, 'That tldraw file was written by a newer tldraw than this server knows'),
  unsupportedMediaType: define('ACCORD_UNSUPPORTED_MEDIA_TYPE', 415, 'That file type is not accepted'),
  shuttingDown: define('ACCORD_SHUTTING_DOWN', 503, 'The server is restarting'),
} as const;
