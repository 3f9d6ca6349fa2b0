/** Socket errors that mean the database could not be reached or went away mid-call. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Postgres SQLSTATEs of the same: class 08 (connection exception), the server shutting down or starting. */
const POSTGRES_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
/** What node-postgres says when the server closed the connection or none could be had in time. */
const POSTGRES_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
/** SQLite: the file is locked past the busy timeout, unreadable or the disk is full. */
const SQLITE_CODES = /^SQLITE_(BUSY|IOERR|FULL|CANTOPEN)/;

/**
 * True when `err`, thrown by a store, means the database cannot be used right now (unreachable,
 * restarting, out of connections, locked) rather than that the request or the data is wrong: the
 * same call may succeed shortly. The server answers these with 503 and close code 4503.
 */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATES.test(code) || SQLITE_CODES.test(code))) return true;
  if (POSTGRES_MESSAGES.test(err.message)) return true;
  // AggregateError (several addresses tried) and wrapped causes.
  const inner = (err as { errors?: unknown[] }).errors ?? [];
  return inner.some(isStorageUnavailable) || ((err as { cause?: unknown }).cause !== undefined && isStorageUnavailable((err as { cause?: unknown }).cause));
}
