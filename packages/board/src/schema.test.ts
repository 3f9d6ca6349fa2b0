import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createShapeId, toRichText, type SerializedSchemaV2, type TLRecord, type TLShape } from 'tldraw';
import { bindStoreToYDoc, type BindOptions, type BindingStatus, type StoreBinding } from './binding.ts';
import { getRecordsKV, getSchemaMap, readRecords, SCHEMA_KEY, writeBoardRecords } from './doc.ts';
import { compareSchemas, migrateBoard } from './schema.ts';
import { Network, emptyStore, newStore, note } from './test/helpers.ts';

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
});
function bind(opts: BindOptions): StoreBinding {
  const binding = bindStoreToYDoc(opts);
  disposers.push(() => binding.dispose());
  return binding;
}

const schema = emptyStore().schema;
const ours = (): SerializedSchemaV2 => structuredClone(schema.serialize());
const NOTE = 'com.tldraw.shape.note';

/** Our schema with the note shape at `version` (8 = before notes had rich text). */
function withNoteAt(version: number): SerializedSchemaV2 {
  const s = ours();
  s.sequences[NOTE] = version;
  return s;
}

/**
 * A note as tldraw wrote it at note version 8: plain `text`, no `richText`, no text-editor
 * attribution, and the old absolute `fontSizeAdjustment` (0 = none).
 */
function v8Note(id: string, text: string): TLRecord {
  const current = note(id) as TLShape & { props: Record<string, unknown> };
  const { richText: _r, textLastEditedBy: _t, ...props } = current.props;
  return { ...current, props: { ...props, text, fontSizeAdjustment: 0 } } as unknown as TLRecord;
}

/** A doc holding the given records, written by `stored`. */
function boardDoc(records: TLRecord[], stored: unknown): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const r of records) getRecordsKV(doc).set(r.id, r);
    if (stored !== undefined) getSchemaMap(doc).set(SCHEMA_KEY, stored);
  });
  return doc;
}

describe('compareSchemas', () => {
  it('tells same, older, newer and none apart, sequence by sequence', () => {
    expect(compareSchemas(schema, ours())).toBe('same');
    // Key order does not matter.
    const reordered = { schemaVersion: 2, sequences: Object.fromEntries(Object.entries(ours().sequences).reverse()) };
    expect(compareSchemas(schema, reordered)).toBe('same');
    expect(compareSchemas(schema, withNoteAt(8))).toBe('older');
    const missing = ours();
    delete missing.sequences[NOTE];
    expect(compareSchemas(schema, missing)).toBe('older');
    expect(compareSchemas(schema, withNoteAt(ours().sequences[NOTE]! + 1))).toBe('newer');
    expect(compareSchemas(schema, { schemaVersion: 2, sequences: { ...ours().sequences, 'com.example.shape.sparkle': 1 } })).toBe('newer');
    expect(compareSchemas(schema, { schemaVersion: 3, anything: true })).toBe('newer');
    expect(compareSchemas(schema, undefined)).toBe('none');
    expect(compareSchemas(schema, 'garbage')).toBe('none');
  });
});

describe('migrateBoard', () => {
  it('migrates an older board and reports what it cannot read', () => {
    const result = migrateBoard(schema, [v8Note('old', 'hello'), { id: 'alien:1', typeName: 'alien' } as unknown as TLRecord], withNoteAt(8));
    expect(result.relation).toBe('older');
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ props: { richText: toRichText('hello'), fontSizeAdjustment: 1, textLastEditedBy: null } });
    expect(result.invalid).toHaveLength(1);
  });

  it('falls back to record-by-record migration when one record breaks the snapshot migration', () => {
    const broken = { ...v8Note('broken', 'x'), props: null } as unknown as TLRecord;
    const result = migrateBoard(schema, [v8Note('a', 'one'), broken, v8Note('b', 'two')], withNoteAt(8));
    expect(result.records.map((r) => r.id).sort()).toEqual([createShapeId('a'), createShapeId('b')]);
    expect(result.invalid.map((i) => (i.record as TLRecord).id)).toEqual([createShapeId('broken')]);
  });
});

describe('bindStoreToYDoc: schemas', () => {
  it('migrates a board written by an older schema on load and rewrites it in ours', () => {
    const doc = boardDoc([v8Note('old', 'hello from v8')], withNoteAt(8));
    const store = emptyStore();
    const invalid: unknown[] = [];
    const binding = bind({ store, doc, onInvalidRecord: (r) => invalid.push(r) });
    expect(binding.status).toEqual({ readOnly: false, reason: null, skipped: 0 });
    expect(invalid).toEqual([]);
    const migrated = store.get(createShapeId('old')) as TLShape & { props: Record<string, unknown> };
    expect(migrated.props.richText).toEqual(toRichText('hello from v8'));
    expect(migrated.props).not.toHaveProperty('text');
    // Yjs now holds the board in our schema, and says so.
    expect(getRecordsKV(doc).get(createShapeId('old'))).toEqual(migrated);
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(schema.serialize());
  });

  it('a viewer migrates an older board for display without rewriting it', () => {
    const doc = boardDoc([v8Note('old', 'hi')], withNoteAt(8));
    const before = Y.encodeStateVector(doc);
    const store = emptyStore();
    bind({ store, doc, readOnly: true });
    expect((store.get(createShapeId('old')) as TLShape & { props: { richText: unknown } }).props.richText).toEqual(toRichText('hi'));
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('migrates a record that an older client writes after we loaded', () => {
    const doc = new Y.Doc();
    const store = newStore();
    const binding = bind({ store, doc, flushIntervalMs: 10_000 });
    // An older client writes its schema and a note in its format in one transaction.
    doc.transact(() => {
      getSchemaMap(doc).set(SCHEMA_KEY, withNoteAt(8));
      getRecordsKV(doc).set(createShapeId('late'), v8Note('late', 'from an old tab'));
    }, 'remote');
    expect((store.get(createShapeId('late')) as TLShape & { props: { richText: unknown } }).props.richText).toEqual(toRichText('from an old tab'));
    expect(binding.status.readOnly).toBe(false);
    // Our next write puts our (newer) schema back.
    store.put([note('mine')]);
    binding.flush();
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(schema.serialize());
    // ...and rewrites the old client's note in our format, so no one later reads it as ours unmigrated.
    expect(getRecordsKV(doc).get(createShapeId('late'))).toEqual(store.get(createShapeId('late')));
  });

  it('a viewer that becomes writable on an older board rewrites it in our schema on its first write', () => {
    const doc = boardDoc([v8Note('a', 'one'), v8Note('b', 'two')], withNoteAt(8));
    const store = emptyStore();
    const changes: BindingStatus[] = [];
    const binding = bind({ store, doc, readOnly: true, onStatusChange: (s) => changes.push({ ...s }) });
    expect((getRecordsKV(doc).get(createShapeId('a')) as TLShape & { props: object }).props).toHaveProperty('text');
    binding.setReadOnly(false);
    expect(changes).toEqual([{ readOnly: false, reason: null, skipped: 0 }]);
    store.update(createShapeId('a'), (r) => ({ ...r, x: 42 }));
    binding.flush();
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(schema.serialize());
    expect(getRecordsKV(doc).get(createShapeId('b'))).toEqual(store.get(createShapeId('b')));
    expect(getRecordsKV(doc).get(createShapeId('a'))).toMatchObject({ x: 42, props: { richText: toRichText('one') } });
  });

  it('opens a board written by a newer schema read-only, showing what it can, never writing', () => {
    const newer = withNoteAt(ours().sequences[NOTE]! + 1);
    const doc = boardDoc([note('readable'), { ...note('future'), props: { futureProp: true } } as unknown as TLRecord], newer);
    const before = Y.encodeStateVector(doc);
    const store = emptyStore();
    const invalid: unknown[] = [];
    const binding = bind({ store, doc, onInvalidRecord: (r) => invalid.push(r) });
    expect(binding.status).toMatchObject({ readOnly: true, reason: 'newer-schema' });
    expect(store.get(createShapeId('readable'))).toBeDefined();
    expect(invalid).toHaveLength(1);
    store.put([note('local only')]);
    store.update(createShapeId('readable'), (r) => ({ ...r, x: 300 }));
    binding.flush();
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(newer);
  });

  it('turns read-only when a newer client writes to a board we have open, and says so', () => {
    const net = new Network();
    const doc = net.add(new Y.Doc());
    const store = newStore();
    const changes: BindingStatus[] = [];
    const binding = bind({ store, doc, flushIntervalMs: 10_000, onStatusChange: (s) => changes.push({ ...s }) });
    store.put([note('pending')]); // not flushed yet when the newer client shows up
    const newerDoc = net.add(new Y.Doc());
    newerDoc.transact(() => getSchemaMap(newerDoc).set(SCHEMA_KEY, withNoteAt(ours().sequences[NOTE]! + 1)));
    net.deliverAll();
    expect(changes).toEqual([{ readOnly: true, reason: 'newer-schema', skipped: 0 }]);
    binding.flush();
    net.deliverAll();
    expect(readRecords(newerDoc).some((r) => r.id === createShapeId('pending'))).toBe(false);
  });

  it('reads a board seeded outside an editor with writeBoardRecords', () => {
    const doc = new Y.Doc();
    const source = newStore();
    source.put([note('seeded')]);
    writeBoardRecords(doc, source.allRecords().filter((r) => r.typeName !== 'instance'), schema);
    const store = emptyStore();
    const binding = bind({ store, doc });
    expect(binding.status.skipped).toBe(0);
    expect(store.get(createShapeId('seeded'))).toBeDefined();
  });
});
