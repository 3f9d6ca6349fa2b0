import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { boardParams, recordParams } from './schemas/common.ts';
import { createBoardBodySchema, createdBoardSchema, importBoardBodySchema, syncQuerySchema } from './schemas/boards.ts';
import { keptHeadQuerySchema, newRecordBodySchema } from './schemas/records.ts';
import { historyQuerySchema, versionParams } from './schemas/history.ts';
import { formatToken } from './tokens.ts';

// As the server configures Ajv: no coercion of types, no removal of unknown fields.
const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, allErrors: false });
const valid = (schema: object, value: unknown) => ajv.validate(schema, value);
const hex = 'ab'.repeat(32);

describe('route schemas', () => {
  it('board ids: 10–64 characters of A-Z a-z 0-9 _ -, nothing else in the params', () => {
    expect(valid(boardParams, { id: 'a'.repeat(10) })).toBe(true);
    expect(valid(boardParams, { id: 'A_-9'.repeat(16) })).toBe(true);
    expect(valid(boardParams, { id: 'a'.repeat(9) })).toBe(false);
    expect(valid(boardParams, { id: 'a'.repeat(65) })).toBe(false);
    expect(valid(boardParams, { id: 'has.dots.in.it' })).toBe(false);
    expect(valid(boardParams, { id: 'a'.repeat(10), extra: 'x' })).toBe(false);
    expect(valid(recordParams, { id: 'a'.repeat(10), rid: 'r'.repeat(8) })).toBe(true);
    expect(valid(recordParams, { id: 'a'.repeat(10), rid: 'r'.repeat(7) })).toBe(false);
  });

  it('titles: 1–200 characters, not all blank', () => {
    expect(valid(createBoardBodySchema, { title: 'Retro' })).toBe(true);
    expect(valid(createBoardBodySchema, { title: 'x'.repeat(200) })).toBe(true);
    expect(valid(createBoardBodySchema, { title: 'x'.repeat(201) })).toBe(false);
    expect(valid(createBoardBodySchema, { title: '' })).toBe(false);
    expect(valid(createBoardBodySchema, { title: ' \t ' })).toBe(false);
    expect(valid(createBoardBodySchema, { title: 42 })).toBe(false);
  });

  it('templates: only ids of the registry', () => {
    expect(valid(createBoardBodySchema, { title: 'W', template: 'needs-vs-positions' })).toBe(true);
    expect(valid(createBoardBodySchema, { title: 'W', template: 'no-such-template' })).toBe(false);
  });

  it('a new decision record: decision up to 5000, owner up to 200, review date shaped YYYY-MM-DD', () => {
    const base = { title: 'T', decision: 'D' };
    expect(valid(newRecordBodySchema, { ...base, owner: null, reviewDate: '2030-01-15' })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, decision: 'x'.repeat(5000) })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, decision: 'x'.repeat(5001) })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, owner: 'x'.repeat(201) })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, reviewDate: '2030-1-15' })).toBe(false);
    expect(valid(newRecordBodySchema, { title: 'T' })).toBe(false);
  });

  it('versions: a seq written as a whole number without leading zeros, in the path and as the page cursor', () => {
    const id = 'a'.repeat(10);
    expect(valid(versionParams, { id, seq: '0' })).toBe(true);
    expect(valid(versionParams, { id, seq: '123456789012345' })).toBe(true);
    expect(valid(versionParams, { id, seq: '1234567890123456' })).toBe(false);
    for (const seq of ['01', '-1', '1.5', '1e3', ' 1', '']) expect(valid(versionParams, { id, seq })).toBe(false);
    expect(valid(versionParams, { id: 'short', seq: '1' })).toBe(false);
    expect(valid(historyQuerySchema, {})).toBe(true);
    expect(valid(historyQuerySchema, { before: '42' })).toBe(true);
    expect(valid(historyQuerySchema, { before: '042' })).toBe(false);
    expect(valid(historyQuerySchema, { limit: '50' })).toBe(false);
  });

  it('a kept chain head: all three of seq, hash and signature, or none', () => {
    expect(valid(keptHeadQuerySchema, {})).toBe(true);
    expect(valid(keptHeadQuerySchema, { seq: '3', hash: hex, signature: hex })).toBe(true);
    expect(valid(keptHeadQuerySchema, { seq: '3', hash: hex })).toBe(false);
    expect(valid(keptHeadQuerySchema, { seq: '03', hash: hex, signature: hex })).toBe(false);
    expect(valid(keptHeadQuerySchema, { seq: '3', hash: hex.toUpperCase(), signature: hex })).toBe(false);
  });

  it('an import: a file with a format version, a schema and identified records', () => {
    const file = { tldrawFileFormatVersion: 1, schema: { schemaVersion: 2, sequences: {} }, records: [{ id: 'page:p', typeName: 'page' }] };
    expect(valid(importBoardBodySchema, { file })).toBe(true);
    expect(valid(importBoardBodySchema, { file, title: 'Offsite' })).toBe(true);
    expect(valid(importBoardBodySchema, { file: { ...file, tldrawFileFormatVersion: 0 } })).toBe(false);
    expect(valid(importBoardBodySchema, { file: { ...file, records: [{ typeName: 'page' }] } })).toBe(false);
    expect(valid(importBoardBodySchema, { file, extra: 1 })).toBe(false);
  });

  it('the websocket query: a token of bounded length, and whatever y-websocket adds', () => {
    const token = formatToken('b'.repeat(64), 'facilitator', 'm'.repeat(43));
    expect(valid(syncQuerySchema, { token, other: '1' })).toBe(true);
    expect(valid(syncQuerySchema, { token: 'x'.repeat(201) })).toBe(false);
  });

  it('a created board carries tokens and links of all three roles', () => {
    const roles = { facilitator: 'f', participant: 'p', viewer: 'v' };
    const created = { id: 'b'.repeat(10), title: 'T', createdAt: new Date(0).toISOString(), template: null, tokens: roles, links: roles };
    expect(valid(createdBoardSchema, created)).toBe(true);
    expect(valid(createdBoardSchema, { ...created, links: { facilitator: 'f', viewer: 'v' } })).toBe(false);
  });
});
