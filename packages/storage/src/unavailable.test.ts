import { describe, expect, it } from 'vitest';
import { isStorageUnavailable } from './unavailable.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isStorageUnavailable', () => {
  it('recognises an unreachable or restarting database', () => {
    expect(isStorageUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isStorageUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStorageUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isStorageUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isStorageUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isStorageUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isStorageUnavailable(withCode('database is locked', 'SQLITE_BUSY'))).toBe(true);
    expect(isStorageUnavailable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'all failed'))).toBe(true);
  });

  it('leaves other failures alone: bad data, constraint violations, bugs', () => {
    expect(isStorageUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isStorageUnavailable(withCode('UNIQUE constraint failed: records.board_id, records.seq', 'SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isStorageUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStorageUnavailable('ECONNREFUSED')).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
  });
});
