import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createShapeId, type TLRecord, type TLShape } from 'tldraw';
import { getRecordsKV } from './doc.ts';
import { Network, docRecords, newStore, note } from './test/helpers.ts';
import { bind, pair, shape } from './test/binding.ts';

describe('bindStoreToYDoc: coalescing', () => {
  it('turns 100 rapid updates of one shape in a flush window into ONE transaction holding only that record', async () => {
    const doc = new Y.Doc();
    const store = newStore();
    store.put([note('other', 500), note('dragged')]);
    bind({ store, doc, flushIntervalMs: 20 });
    const transactions: string[][] = [];
    getRecordsKV(doc).on('change', (changes: Map<string, unknown>) => transactions.push([...changes.keys()]));
    let updates = 0;
    doc.on('update', () => updates++);
    for (let i = 1; i <= 100; i++) store.update(createShapeId('dragged'), (r) => ({ ...r, x: i }));
    expect(transactions).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(transactions).toEqual([[createShapeId('dragged')]]);
    expect(updates).toBe(1);
    expect((getRecordsKV(doc).get(createShapeId('dragged')) as TLShape).x).toBe(100);
  });

  it('flushes a long drag at most once per interval', () => {
    vi.useFakeTimers();
    const doc = new Y.Doc();
    const store = newStore();
    store.put([note('dragged')]);
    bind({ store, doc, flushIntervalMs: 33 });
    let updates = 0;
    doc.on('update', () => updates++);
    // 2 s of pointer moves at 200 Hz.
    for (let i = 1; i <= 400; i++) {
      store.update(createShapeId('dragged'), (r) => ({ ...r, x: i }));
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(100);
    expect(updates).toBeGreaterThanOrEqual(2000 / 35 - 1);
    expect(updates).toBeLessThanOrEqual(2000 / 33 + 1);
    expect((getRecordsKV(doc).get(createShapeId('dragged')) as TLShape).x).toBe(400);
  });

  it('writes nothing for a change that is undone before the flush', () => {
    const doc = new Y.Doc();
    const store = newStore();
    store.put([note('n', 7)]);
    const binding = bind({ store, doc, flushIntervalMs: 10_000 });
    let updates = 0;
    doc.on('update', () => updates++);
    store.update(createShapeId('n'), (r) => ({ ...r, x: 8 }));
    store.update(createShapeId('n'), (r) => ({ ...r, x: 7 }));
    store.put([note('temp')]);
    store.remove([createShapeId('temp')]);
    binding.flush();
    expect(updates).toBe(0);
  });
});

describe('bindStoreToYDoc: read-only', () => {
  it('never writes for a viewer, yet shows what others write', () => {
    const net = new Network();
    const writerDoc = net.add(new Y.Doc());
    const writer = newStore();
    const w = bind({ store: writer, doc: writerDoc });
    const viewerDoc = net.add(new Y.Doc());
    const viewer = newStore(); // has its own document and page: still nothing may be written
    const before = Y.encodeStateVector(viewerDoc);
    const v = bind({ store: viewer, doc: viewerDoc, readOnly: true });
    expect(v.status).toEqual({ readOnly: true, reason: 'role', skipped: 0 });
    viewer.put([note('mine')]);
    v.flush();
    expect(Y.encodeStateVector(viewerDoc)).toEqual(before);
    writer.put([note('theirs')]);
    w.flush();
    net.deliverAll();
    expect(viewer.get(createShapeId('theirs'))).toBeDefined();
    expect(net.pending).toBe(0);
    expect(writer.get(createShapeId('mine'))).toBeUndefined();
  });
});

describe('bindStoreToYDoc: dispose', () => {
  it('flushes pending changes, then stops syncing both ways', () => {
    const { a, b, bindA, net } = pair();
    a.put([note('last')]);
    bindA.dispose();
    net.deliverAll();
    expect(b.get(createShapeId('last'))).toBeDefined();
    a.put([note('after')]);
    bindA.flush();
    net.deliverAll();
    expect(b.get(createShapeId('after'))).toBeUndefined();
  });
});

describe('bindStoreToYDoc: setReadOnly', () => {
  it('flushes, then stops writing while locked, and resumes when unlocked', () => {
    const doc = new Y.Doc();
    const store = newStore();
    const statuses: string[] = [];
    const binding = bind({ store, doc, flushIntervalMs: 10_000, onStatusChange: (s) => statuses.push(`${s.readOnly}:${s.reason}`) });
    store.put([note('before lock')]);
    binding.setReadOnly(true);
    expect(getRecordsKV(doc).has(createShapeId('before lock'))).toBe(true);
    const locked = Y.encodeStateVector(doc);
    store.put([note('during lock')]);
    binding.flush();
    expect(Y.encodeStateVector(doc)).toEqual(locked);
    binding.setReadOnly(false);
    store.put([note('after lock')]);
    binding.flush();
    expect(getRecordsKV(doc).has(createShapeId('after lock'))).toBe(true);
    expect(getRecordsKV(doc).has(createShapeId('during lock'))).toBe(false);
    expect(statuses).toEqual(['true:role', 'false:null']);
  });
});

describe('local-only records (private writing)', () => {
  const isLocalOnly = (r: TLRecord) => r.typeName === 'shape' && !!(r as TLShape).meta.private;

  it('never writes a flagged record to Yjs, edits included, while shared ones go through', () => {
    const { a, b, docA, settle } = pair({ isLocalOnly });
    a.put([note('secret', 0, { meta: { private: true } }), note('public', 200)]);
    settle();
    a.update(createShapeId('secret'), (s) => ({ ...s, x: 50 }));
    settle();
    expect(docRecords(docA).map((r) => r.id)).not.toContain(createShapeId('secret'));
    expect(shape(b, 'secret')).toBeUndefined();
    expect(shape(b, 'public')).toBeDefined();
    expect(shape(a, 'secret')?.x).toBe(50);
  });

  it('publishes a record once its flag is removed, with its latest state', () => {
    const { a, b, settle } = pair({ isLocalOnly });
    a.put([note('secret', 0, { meta: { private: true } })]);
    settle();
    a.update(createShapeId('secret'), (s) => ({ ...s, x: 70, meta: {} }));
    settle();
    expect(shape(b, 'secret')?.x).toBe(70);
    expect(shape(b, 'secret')?.meta).toEqual({});
  });

  it('deleting an unpublished record sends nothing; remote changes leave local-only records alone', () => {
    const { a, b, docA, settle } = pair({ isLocalOnly });
    a.put([note('secret', 0, { meta: { private: true } })]);
    b.put([note('theirs', 300)]);
    settle();
    expect(shape(a, 'theirs')).toBeDefined();
    expect(shape(a, 'secret')).toBeDefined();
    const before = Y.encodeStateVector(docA);
    a.remove([createShapeId('secret')]);
    settle();
    expect(Y.encodeStateVector(docA)).toEqual(before);
  });

  it('keeps local-only records in the store when binding to a doc that has records', () => {
    const net = new Network();
    const docA = net.add(new Y.Doc());
    const a = newStore();
    bind({ store: a, doc: docA, flushIntervalMs: 10_000 }).flush();
    const store = newStore();
    store.put([note('secret', 0, { meta: { private: true } })]);
    const docB = net.add(new Y.Doc());
    bind({ store, doc: docB, flushIntervalMs: 10_000, isLocalOnly });
    expect(shape(store, 'secret')).toBeDefined();
    expect(docRecords(docB).map((r) => r.id)).not.toContain(createShapeId('secret'));
  });
});
