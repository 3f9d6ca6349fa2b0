import type { FastifyError } from 'fastify';
import type { ApiErrorBody, ErrorCode } from '@accord/api';

/**
 * Every error the HTTP API and the websocket upgrade answer with, in one place. Bodies follow
 * Fastify's error shape (`ApiErrorBody` of @accord/api); `code` is stable for clients.
 */
export class AccordError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  constructor(code: ErrorCode, statusCode: number, message: string) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

function define(code: ErrorCode, statusCode: number, defaultMessage: string) {
  return (message: string = defaultMessage): AccordError => new AccordError(code, statusCode, message);
}

/** Error factories: `throw Errors.boardNotFound()`. */
export const Errors = {
  badRequest: define('ACCORD_BAD_REQUEST', 400, 'Malformed request'),
  badBoardId: define('ACCORD_BAD_BOARD_ID', 400, 'Board ids are 10-64 characters of A-Z a-z 0-9 _ -'),
  tokenMissing: define('ACCORD_TOKEN_MISSING', 401, 'A board token is required'),
  tokenInvalid: define('ACCORD_TOKEN_INVALID', 401, 'That is not a board token'),
  forbidden: define('ACCORD_FORBIDDEN', 403, 'Your role on this board does not allow this'),
  originForbidden: define('ACCORD_ORIGIN_FORBIDDEN', 403, 'Boards open only from pages of this server'),
  /** An unknown board and a token not valid for it answer alike, so a link never tells whether a board exists. */
  boardNotFound: define('ACCORD_BOARD_NOT_FOUND', 404, 'No board here for that link: the board may have been deleted, or the link reset or mistyped'),
  notFound: define('ACCORD_NOT_FOUND', 404, 'Not found'),
  /** A body past its route's limit (Fastify's own 413, given a stable code and a clear message). */
  tooLarge: define('ACCORD_TOO_LARGE', 413, 'The request body is too large'),
  jsonTooDeep: define('ACCORD_JSON_TOO_DEEP', 400, 'The JSON body is nested too deeply'),
  rateLimited: define('ACCORD_RATE_LIMITED', 429, 'Too many requests; try again later'),
  recordNotFound: define('ACCORD_RECORD_NOT_FOUND', 404, 'No decision record with that id on this board'),
  /** A record's stored snapshot no longer matches its hash or decodes (the store was altered; `verify` says where). */
  recordCorrupt: define('ACCORD_RECORD_CORRUPT', 500, 'The stored record is damaged'),
  /** A record to supersede that does not exist or that the token given cannot read: one answer for every such case. */
  supersedesUnreadable: define('ACCORD_SUPERSEDES_UNREADABLE', 422, 'The record to supersede does not exist, or the link given cannot read it'),
  versionNotFound: define('ACCORD_VERSION_NOT_FOUND', 404, 'No such version in the board’s history: it is older than what is kept, or never existed'),
  restoreRefused: define('ACCORD_RESTORE_REFUSED', 422, 'That version cannot be restored on this board'),
  importInvalid: define('ACCORD_IMPORT_INVALID', 400, 'That is not a tldraw file'),
  importUnsupported: define('ACCORD_IMPORT_UNSUPPORTED', 422, 'That tldraw file was written by a newer tldraw than this server knows'),
  unsupportedMediaType: define('ACCORD_UNSUPPORTED_MEDIA_TYPE', 415, 'That file type is not accepted'),
  /** A request that acts as a person (a vote) without saying who: no person key. */
  personRequired: define('ACCORD_PERSON_REQUIRED', 400, 'Voting needs to know who you are: send your person key in the x-accord-person header'),
  /** A dot the round's limits refuse; the message says which limit. */
  voteRefused: define('ACCORD_VOTE_REFUSED', 409, 'The vote does not allow that dot'),
  /** A vote action the round's state does not allow (none open, another round current, one already open). */
  voteState: define('ACCORD_VOTE_STATE', 409, 'The vote is not in a state that allows this'),
  /** A dot on something that is not a note on the board, or outside the round's frame; a round limited to a missing frame. */
  voteTarget: define('ACCORD_VOTE_TARGET', 422, 'Dots go on notes on the board'),
  /** The database cannot be reached right now (`isStorageUnavailable` of @accord/storage); retry shortly. */
  storageUnavailable: define('ACCORD_STORAGE_UNAVAILABLE', 503, 'The server cannot reach its storage right now; try again shortly'),
} as const;

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** A code fit for the wire: ours, or one Fastify answered with itself (`FST_ERR_…`). */
const isWireCode = (code: unknown): code is ApiErrorBody['code'] => typeof code === 'string' && /^(ACCORD|FST_ERR)_/.test(code);

/**
 * The status and body an error is answered with. A 5xx never shows its message (but our own 503,
 * whose message is fixed), and a code that is neither ours nor Fastify's (a driver's, say) never
 * reaches the client.
 */
export function errorBody(err: FastifyError | AccordError): ApiErrorBody {
  const statusCode = err.statusCode ?? 500;
  const code = isWireCode(err.code) ? err.code : statusCode === 400 ? 'ACCORD_BAD_REQUEST' : 'ACCORD_INTERNAL';
  const unavailable = code === 'ACCORD_STORAGE_UNAVAILABLE';
  const error = statusCode >= 500 && !unavailable ? 'Internal Server Error' : (STATUS_NAMES[statusCode] ?? 'Error');
  const message = statusCode >= 500 && !unavailable ? 'Internal server error' : err.message;
  return { statusCode, code, error, message };
}
