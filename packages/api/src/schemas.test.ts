import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { boardParams, recordParams } from './schemas/common.ts';
import { createBoardBodySchema, createdBoardSchema, importBoardBodySchema, resetLinkBodySchema, syncQuerySchema } from './schemas/boards.ts';
import { MAX_IMPORT_RECORDS } from './limits.ts';
import { keptHeadQuerySchema, newRecordBodySchema } from './schemas/records.ts';
import { dotBodySchema, myBallotSchema, openVoteBodySchema, voteRoundParams, voteRoundSchema } from './schemas/votes.ts';
import { decisionLogQuerySchema, followUpSessionBodySchema } from './schemas/decisions.ts';
import { historyQuerySchema, versionParams } from './schemas/history.ts';
import { formatToken } from './tokens.ts';
import { readSessionValue } from '@accord/board';

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

  it('a link reset names one role, nothing else', () => {
    expect(valid(resetLinkBodySchema, { role: 'participant' })).toBe(true);
    expect(valid(resetLinkBodySchema, { role: 'owner' })).toBe(false);
    expect(valid(resetLinkBodySchema, {})).toBe(false);
    expect(valid(resetLinkBodySchema, { role: 'viewer', also: 'facilitator' })).toBe(false);
  });

  it('an import holds at most MAX_IMPORT_RECORDS records', () => {
    const file = (n: number) => ({ file: { tldrawFileFormatVersion: 1, schema: { schemaVersion: 2 }, records: Array.from({ length: n }, (_, i) => ({ id: `shape:${i}`, typeName: 'shape' })) } });
    expect(valid(importBoardBodySchema, file(MAX_IMPORT_RECORDS))).toBe(true);
    expect(valid(importBoardBodySchema, file(MAX_IMPORT_RECORDS + 1))).toBe(false);
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

  it('a new record may supersede a record by id (and board id and token for another board) and name who to inform', () => {
    const base = { title: 'T', decision: 'D' };
    const token = formatToken('b'.repeat(10), 'viewer', hex);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: 'r'.repeat(12) } })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: 'r'.repeat(12), boardId: 'b'.repeat(10), token } })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, supersedes: null, informed: null })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { boardId: 'b'.repeat(10) } })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: '../etc/passwd' } })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: 'r'.repeat(12), boardId: 'bad id!' } })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: 'r'.repeat(12), token: 'x'.repeat(201) } })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, supersedes: { recordId: 'r'.repeat(12), title: 'forged' } })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, informed: ['Dana', 'Eng leads'] })).toBe(true);
    expect(valid(newRecordBodySchema, { ...base, informed: [' '] })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, informed: ['x'.repeat(81)] })).toBe(false);
    expect(valid(newRecordBodySchema, { ...base, informed: Array.from({ length: 51 }, () => 'x') })).toBe(false);
  });

  it('the decision log: a layout of madr or adr-tools; a follow-up session: a registry template or none', () => {
    expect(valid(decisionLogQuerySchema, {})).toBe(true);
    expect(valid(decisionLogQuerySchema, { layout: 'adr-tools' })).toBe(true);
    expect(valid(decisionLogQuerySchema, { layout: 'nygard' })).toBe(false);
    expect(valid(followUpSessionBodySchema, { template: 'partnership-health' })).toBe(true);
    expect(valid(followUpSessionBodySchema, { template: null, title: 'Follow-up' })).toBe(true);
    expect(valid(followUpSessionBodySchema, { template: 'no-such-template' })).toBe(false);
    expect(valid(followUpSessionBodySchema, {})).toBe(false);
    expect(valid(followUpSessionBodySchema, { template: null, title: '' })).toBe(false);
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

  it('a new vote round: 1–20 dots each, an optional per-note limit of 1–20, anonymous or not, a frame by shape id', () => {
    expect(valid(openVoteBodySchema, { votesPerPerson: 3 })).toBe(true);
    expect(valid(openVoteBodySchema, { votesPerPerson: 20, perNoteLimit: 2, anonymous: true, frameId: 'shape:abc' })).toBe(true);
    expect(valid(openVoteBodySchema, { votesPerPerson: 3, perNoteLimit: null, frameId: null })).toBe(true);
    for (const bad of [{ votesPerPerson: 0 }, { votesPerPerson: 21 }, { votesPerPerson: 2.5 }, { votesPerPerson: '3' }, { votesPerPerson: 3, perNoteLimit: 0 }, { votesPerPerson: 3, frameId: 'page:x' }, { votesPerPerson: 3, frameId: 'shape:' }, { votesPerPerson: 3, voted: ['p'] }, {}]) {
      expect(valid(openVoteBodySchema, bad)).toBe(false);
    }
  });

  it('a dot: one note, plus or minus one, and no voter named', () => {
    expect(valid(dotBodySchema, { shapeId: 'shape:n1', delta: 1 })).toBe(true);
    expect(valid(dotBodySchema, { shapeId: 'shape:n1', delta: -1 })).toBe(true);
    expect(valid(dotBodySchema, { shapeId: 'shape:n1', delta: 2 })).toBe(false);
    expect(valid(dotBodySchema, { shapeId: 'shape:n1', delta: 0 })).toBe(false);
    expect(valid(dotBodySchema, { shapeId: 'shape:has space', delta: 1 })).toBe(false);
    expect(valid(dotBodySchema, { shapeId: 'shape:n1', delta: 1, personId: 'p'.repeat(22) })).toBe(false);
    expect(valid(voteRoundParams, { id: 'a'.repeat(10), round: 'Ab_-12' })).toBe(true);
    expect(valid(voteRoundParams, { id: 'a'.repeat(10), round: 'a/b' })).toBe(false);
    expect(valid(myBallotSchema, { round: 'r', dots: { 'shape:a': 2 }, used: 2, left: 1 })).toBe(true);
  });

  it('a vote round answer names every field of the session’s voting field (the serializer drops the rest)', () => {
    const voting = { id: 'r1', open: false, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: true, frameId: null, voted: ['p1'], voterCount: 1, results: { rows: [{ shapeId: 'shape:a', total: 2, bySide: { em: 2 } }], voters: 1 } };
    const read = readSessionValue('voting', voting)!;
    expect(valid(voteRoundSchema, read)).toBe(true);
    expect([...voteRoundSchema.required].sort()).toEqual(Object.keys(read).sort());
    expect([...voteRoundSchema.properties.results.required].sort()).toEqual(Object.keys(read.results!).sort());
  });
});
