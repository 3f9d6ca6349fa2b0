import { describe, expect, it } from 'vitest';
import type { FastifyError } from 'fastify';
import { Errors, errorBody } from './errors.ts';

const fastifyError = (statusCode: number | undefined, code: string, message = 'boom') => Object.assign(new Error(message), { statusCode, code }) as FastifyError;

describe('error bodies', () => {
  it('answer our errors in Fastify\'s shape with their stable code', () => {
    expect(errorBody(Errors.forbidden())).toEqual({ statusCode: 403, code: 'ACCORD_FORBIDDEN', error: 'Forbidden', message: 'Your role on this board does not allow this' });
    expect(errorBody(Errors.rateLimited('slow down'))).toEqual({ statusCode: 429, code: 'ACCORD_RATE_LIMITED', error: 'Too Many Requests', message: 'slow down' });
    expect(errorBody(Errors.importUnsupported('newer'))).toEqual({ statusCode: 422, code: 'ACCORD_IMPORT_UNSUPPORTED', error: 'Unprocessable Entity', message: 'newer' });
  });

  it('keep the codes Fastify answers with itself', () => {
    expect(errorBody(fastifyError(400, 'FST_ERR_VALIDATION', 'params/id must match pattern'))).toEqual({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'params/id must match pattern' });
  });

  it('never show a server failure\'s message or a driver\'s code', () => {
    expect(errorBody(fastifyError(undefined, 'SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: records.board_id'))).toEqual({ statusCode: 500, code: 'ACCORD_INTERNAL', error: 'Internal Server Error', message: 'Internal server error' });
    expect(errorBody(Errors.recordCorrupt())).toEqual({ statusCode: 500, code: 'ACCORD_RECORD_CORRUPT', error: 'Internal Server Error', message: 'Internal server error' });
  });

  it('call a 400 without a code a bad request', () => {
    expect(errorBody(Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 }) as unknown as FastifyError)).toMatchObject({ statusCode: 400, code: 'ACCORD_BAD_REQUEST', error: 'Bad Request' });
  });
});
