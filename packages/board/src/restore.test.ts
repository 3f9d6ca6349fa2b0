import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TLDOCUMENT_ID, type TLDocument, type TLRecord } from 'tldraw';
import { getRecordsKV, getSchemaMap, readRecords, SCHEMA_KEY, writeBoardRecords } from './doc.ts';
import { boardSchema, initialBoardRecords, renameDocument } from './document.ts';
import { TEMPLATE_APPLIED_META } from './meta.ts';
import { getPeopleMap } from './people.ts';
import { BoardRestoreError, observeRecordChanges, restoreBoardVersion } from './restore.ts';
import { note } from './test/helpers.ts';

const schema = boardSchema();
const byId = (records: TLRecord[]) => Object.fromEntries(records.map((r) => [r.id, r]));
const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};

/** A board with its document and page and three notes, then what happened after: the live board. */
function boardWithHistory() {
  const live = new Y.Doc();
  writeBoardRecords(live, [...initialBoardRecords('Retro'), note('a', 0), note('b', 100), note('c', 200)], schema);
  const version = copy(live);
  const kv = getRecordsKV(live);
  live.transact(() => {
    kv.delete(note('a').id);
    kv.delete(note('b').id);
    kv.set(note('c').id, { ...note('c', 200), x: 999 });
    kv.set(note('d').id, note('d', 300));
  });
  return { live, version };
}

describe('restoreBoardVersion', () => {
  it('brings the live records back to the version: deleted ones set again, changed ones reverted, new ones deleted', () => {
    const { live, version } = boardWithHistory();
    const outcome = restoreBoardVersion(live, version, schema);
    expect(outcome).toEqual({ set: 3, deleted: 1, skipped: 0 });
    expect(byId(readRecords(live))).toEqual(byId(readRecords(version)));
    // Once there, a second restore changes nothing.
    expect(restoreBoardVersion(live, version, schema)).toEqual({ set: 0, deleted: 0, skipped: 0 });
  });

  it('reaches every replica as one update that makes it the version', () => {
    const { live, version } = boardWithHistory();
    const client = copy(live);
    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));
    restoreBoardVersion(live, version, schema);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(client, updates[0]!);
    expect(byId(readRecords(client))).toEqual(byId(readRecords(version)));
    // The history is kept: the restore is more history on top, not a rewrite.
    expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(live));
  });

  it("keeps the live board's title, template flag and people registry", () => {
    const { live, version } = boardWithHistory();
    renameDocument(live, 'Renamed since');
    const kv = getRecordsKV(live);
    const document = kv.get(TLDOCUMENT_ID) as TLDocument;
    kv.set(TLDOCUMENT_ID, { ...document, meta: { [TEMPLATE_APPLIED_META]: 'needs-vs-positions' } });
    getPeopleMap(live).set('p1', { name: 'Pat' });
    restoreBoardVersion(live, version, schema);
    const restored = getRecordsKV(live).get(TLDOCUMENT_ID) as TLDocument;
    expect(restored.name).toBe('Renamed since');
    expect(restored.meta[TEMPLATE_APPLIED_META]).toBe('needs-vs-positions');
    expect(getPeopleMap(live).get('p1')).toEqual({ name: 'Pat' });
  });

  it("leaves tldraw's user records alone: who opened the board is not its content", () => {
    const { live, version } = boardWithHistory();
    const user = (id: string, name: string) => ({ id: `user:${id}`, typeName: 'user', name, color: '#e03131', imageUrl: '', meta: {} }) as unknown as TLRecord;
    getRecordsKV(version).set('user:old', user('old', 'Before'));
    getRecordsKV(live).set('user:new', user('new', 'Joined since'));
    restoreBoardVersion(live, version, schema);
    expect(getRecordsKV(live).get('user:new')).toMatchObject({ name: 'Joined since' });
    expect(getRecordsKV(live).has('user:old')).toBe(false);
  });

  it('never deletes the document record, even to reach a version without one', () => {
    const { live } = boardWithHistory();
    const empty = new Y.Doc();
    writeBoardRecords(empty, [note('z')], schema);
    expect(restoreBoardVersion(live, empty, schema)).toMatchObject({ set: 1 });
    expect(readRecords(live).map((r) => r.id).sort()).toEqual([TLDOCUMENT_ID, note('z').id]);
  });

  it('moves a board without a stored schema to ours with its records', () => {
    const { live, version } = boardWithHistory();
    getSchemaMap(live).delete(SCHEMA_KEY);
    restoreBoardVersion(live, version, schema);
    expect(getSchemaMap(live).get(SCHEMA_KEY)).toEqual(schema.serialize());
  });

  it('refuses a board last written by a newer schema than ours', () => {
    const { live, version } = boardWithHistory();
    const newer = schema.serialize();
    getSchemaMap(live).set(SCHEMA_KEY, { ...newer, sequences: { ...newer.sequences, 'com.tldraw.shape.note': 999 } });
    const before = Y.encodeStateVector(live);
    expect(() => restoreBoardVersion(live, version, schema)).toThrow(BoardRestoreError);
    expect(Y.encodeStateVector(live)).toEqual(before);
  });
});

describe('observeRecordChanges', () => {
  it('reports the keys of the entries each transaction added and removed: a record set again is in both', () => {
    const writer = new Y.Doc();
    const replay = new Y.Doc();
    const seen: Array<{ added: string[]; removed: string[] }> = [];
    const stop = observeRecordChanges(replay, ({ added, removed }) => seen.push({ added: [...added].sort(), removed: [...removed].sort() }));
    writer.on('update', (u: Uint8Array) => Y.applyUpdate(replay, u));
    const kv = getRecordsKV(writer);
    writer.transact(() => {
      for (const [i, id] of ['a', 'b', 'c'].entries()) kv.set(note(id).id, note(id, i));
    });
    kv.set(note('b').id, note('b', 50));
    writer.transact(() => {
      kv.delete(note('a').id);
      kv.delete(note('c').id);
    });
    getPeopleMap(writer).set('p1', { name: 'Pat' });
    kv.set('user:pat', { id: 'user:pat', typeName: 'user', name: 'Pat', color: '#e03131', imageUrl: '', meta: {} } as unknown as TLRecord);
    expect(seen).toEqual([
      { added: [note('a').id, note('b').id, note('c').id], removed: [] },
      { added: [note('b').id], removed: [note('b').id] },
      { added: [], removed: [note('a').id, note('c').id] },
    ]);
    stop();
    kv.set(note('d').id, note('d'));
    expect(seen).toHaveLength(3);
  });

  it('counts neither side of an entry added and removed in one transaction, and one entry of several pushed together', () => {
    const doc = new Y.Doc();
    const seen: Array<{ added: string[]; removed: string[] }> = [];
    observeRecordChanges(doc, ({ added, removed }) => seen.push({ added: [...added].sort(), removed: [...removed].sort() }));
    const records = doc.getArray<{ key: string; val: unknown }>('records');
    records.push(['x', 'y', 'z'].map((key) => ({ key, val: key })));
    doc.transact(() => {
      records.push([{ key: 'gone', val: 1 }]);
      records.delete(3, 1);
    });
    records.delete(1, 1);
    expect(seen).toEqual([
      { added: ['x', 'y', 'z'], removed: [] },
      { added: [], removed: ['y'] },
    ]);
  });
});
