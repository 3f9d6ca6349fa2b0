import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { MAX_JSON_DEPTH } from '@accord/api';
import { Errors } from './errors.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Follows the nesting of JSON text chunk by chunk, without building anything: one pass over the
 * bytes, constant memory. Structural characters are ASCII and never occur inside a UTF-8
 * multi-byte sequence, so bytes can be scanned as they arrive, split anywhere.
 */
export class JsonDepthScanner {
  /** Deepest nesting seen so far. */
  deepest = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Scans `chunk`; returns false as soon as the nesting passes `maxDepth`. */
  scan(chunk: Uint8Array, maxDepth: number): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        if (++this.depth > maxDepth) return false;
        if (this.depth > this.deepest) this.deepest = this.depth;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        this.depth--;
      }
    }
    return true;
  }
}

/** A body past the route's limit, as Fastify's own parser reports it (the error handler words it). */
function bodyTooLarge(): Error {
  return Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
}

/**
 * Replaces Fastify's JSON body parser with one that bounds the work hostile input can cause
 * before any of it is done: the body is read chunk by chunk, refused with 413 as soon as it passes
 * the route's `bodyLimit` and with 400 `ACCORD_JSON_TOO_DEEP` as soon as its nesting passes
 * `MAX_JSON_DEPTH` — before the rest is even received, let alone parsed, validated or migrated.
 * Only a body that passed both is given to `JSON.parse`. Register on the root instance, before
 * the routes.
 */
export function boundedJsonBodies(app: FastifyInstance, maxDepth = MAX_JSON_DEPTH): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: unknown) => void) => {
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? Infinity;
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return done(bodyTooLarge());
    const scanner = new JsonDepthScanner();
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (err: Error | null, body?: unknown) => {
      if (finished) return;
      finished = true;
      chunks.length = 0;
      done(err, body);
    };
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (finished) {
        // Refused already: the rest (up to the limit) is read and dropped, so the client gets to
        // read the answer instead of a connection closed under its upload.
        if (received > limit) (payload as NodeJS.ReadableStream & { destroy(): void }).destroy();
        return;
      }
      if (received > limit) return finish(bodyTooLarge());
      if (!scanner.scan(chunk, maxDepth)) return finish(Errors.jsonTooDeep(`The JSON body is nested deeper than ${maxDepth} levels`));
      chunks.push(chunk);
    });
    payload.on('error', (err: Error) => finish(err));
    payload.on('end', () => {
      if (finished) return;
      const text = Buffer.concat(chunks, received).toString('utf8');
      if (text.trim() === '') return finish(Object.assign(new Error('Body cannot be empty when content-type is set to application/json'), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' }));
      try {
        // As Fastify's own parser: `__proto__` and `constructor.prototype` keys are refused.
        finish(null, secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }));
      } catch (err) {
        finish(Errors.badRequest(`The body is not valid JSON: ${(err as Error).message}`));
      }
    });
  });
}
