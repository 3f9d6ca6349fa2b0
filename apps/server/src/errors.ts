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
  unsupportedMediaType: define('ACCORD_UNSUPPORTED_MEDIA_TYPE', 415, 'That file type is not accepted'),
  shuttingDown: define('ACCORD_SHUTTING_DOWN', 503, 'The server is restarting'),
} as const;
