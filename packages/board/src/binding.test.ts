import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  CameraRecordType,
  InstancePageStateRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  PointerRecordType,
  TLINSTANCE_ID,
  TLPOINTER_ID,
  createBindingId,
  createShapeId,
  createUserId,
  toRichText,
  type IndexKey,
  type TLRecord,
  type TLShape,
  type TLStore,
} from 'tldraw';
import { bindStoreToYDoc, type BindOptions, type StoreBinding } from './binding.ts';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY } from './doc.ts';
import { createBindingRecord, createShapeRecord } from './fixtures.ts';
import { Network, PAGE_ID, docRecords, documentRecords, emptyStore, newStore, note } from './test/helpers.ts';

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
  vi.useRealTimers();
});

function bind(opts: BindOptions): StoreBinding {
  const binding = bindStoreToYDoc(opts);
  disposers.push(() => binding.dispose());
  return binding;
}

/** Two clients: a store with a default page bound to its doc, a fresh store bound to another; docs linked. */
function pair() {
  const net = new Network();
  const docA = net.add(new Y.Doc());
  const a = newStore();
  const bindA = bind({ store: a, doc: docA, flushIntervalMs: 10_000 });
  const docB = net.add(new Y.Doc());
  const b = emptyStore();
  const bindB = bind({ store: b, doc: docB, flushIntervalMs: 10_000 });
  /** Flushes both clients and delivers everything. */
  const settle = () => {
    bindA.flush();
    bindB.flush();
    net.deliverAll();
  };
  return { net, a, b, docA, docB, bindA, bindB, settle };
}

const shape = (store: TLStore, id: string) => store.get(createShapeId(id)) as TLShape | undefined;

function expectConverged(...stores: TLStore[]) {
  const [first, ...rest] = stores.map(documentRecords);
  for (const other of rest) expect(other).toEqual(first);
}

describe('bindStoreToYDoc: convergence between two clients', () => {
  it('creates, updates and deletes notes and geo shapes', () => {
    const { a, b, docA, docB, settle } = pair();
    a.put([note('n1', 10), createShapeRecord({ id: createShapeId('g1'), type: 'geo', parentId: PAGE_ID, props: { geo: 'ellipse', w: 120, h: 80 } })]);
    settle();
    expect(shape(b, 'n1')).toMatchObject({ type: 'note', x: 10, props: { richText: toRichText('n1') } });
    expect(shape(b, 'g1')).toMatchObject({ type: 'geo', props: { geo: 'ellipse', w: 120 } });

    a.update(createShapeId('n1'), (r) => ({ ...r, x: 99 }));
    b.update(createShapeId('g1'), (r) => ({ ...r, props: { ...r.props, richText: toRichText('label') } }) as typeof r);
    settle();
    expect(shape(b, 'n1')?.x).toBe(99);
    expect((shape(a, 'g1')!.props as { richText: unknown }).richText).toEqual(toRichText('label'));

    b.remove([createShapeId('n1')]);
    settle();
    expect(shape(a, 'n1')).toBeUndefined();
    expectConverged(a, b);
    expect(docRecords(docA)).toEqual(documentRecords(a));
    expect(docRecords(docB)).toEqual(documentRecords(b));
  });

  it('reparents a shape into a frame', () => {
    const { a, b, settle } = pair();
    const frameId = createShapeId('frame');
    a.put([createShapeRecord({ id: frameId, type: 'frame', parentId: PAGE_ID, props: { w: 800, h: 600, name: 'Needs' } }), note('inside', 1000)]);
    settle();
    b.update(createShapeId('inside'), (r) => ({ ...r, parentId: frameId, x: 20, y: 20 }));
    settle();
    expect(shape(a, 'inside')).toMatchObject({ parentId: frameId, x: 20, y: 20 });
    expectConverged(a, b);
  });

  it('syncs an arrow bound to two shapes (its binding records) and a new page', () => {
    const { a, b, settle } = pair();
    const arrowId = createShapeId('arrow');
    a.put([note('from'), note('to', 400), createShapeRecord({ id: arrowId, type: 'arrow', parentId: PAGE_ID, index: 'a5' as IndexKey })]);
    a.put(
      (['start', 'end'] as const).map((terminal) =>
        createBindingRecord({ id: createBindingId(terminal), type: 'arrow', fromId: arrowId, toId: createShapeId(terminal === 'start' ? 'from' : 'to'), props: { terminal } }),
      ),
    );
    const page2 = PageRecordType.create({ id: PageRecordType.createId('two'), name: 'Page 2', index: 'a2' as IndexKey });
    a.put([page2]);
    settle();
    expect(b.get(createBindingId('start'))).toMatchObject({ typeName: 'binding', fromId: arrowId, toId: createShapeId('from'), props: { terminal: 'start' } });
    expect(b.get(createBindingId('end'))).toMatchObject({ toId: createShapeId('to'), props: { terminal: 'end' } });
    expect(b.get(page2.id)).toMatchObject({ name: 'Page 2' });
    // The binding is removed with its arrow on the other side too.
    a.remove([createBindingId('start'), createBindingId('end'), arrowId]);
    settle();
    expect(b.get(createBindingId('start'))).toBeUndefined();
    expectConverged(a, b);
  });

  it('keeps session and presence records out of Yjs', () => {
    const { a, docA, bindA } = pair();
    a.put([
      note('n'),
      a.schema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: PAGE_ID }),
      CameraRecordType.create({ id: CameraRecordType.createId(PAGE_ID), x: 5 }),
      InstancePageStateRecordType.create({ id: InstancePageStateRecordType.createId(PAGE_ID), pageId: PAGE_ID }),
      PointerRecordType.create({ id: TLPOINTER_ID, x: 3 }),
      InstancePresenceRecordType.create({ id: InstancePresenceRecordType.createId('x'), userId: createUserId('u'), userName: 'U', currentPageId: PAGE_ID }),
    ]);
    a.update(CameraRecordType.createId(PAGE_ID), (c) => ({ ...c, x: 50 }));
    bindA.flush();
    const types = new Set(docRecords(docA).map((r) => r.typeName));
    expect([...types].sort()).toEqual(['document', 'page', 'shape']);
  });

  it('lets a remote change win over a local change to the same record that was not flushed yet', () => {
    const { a, b, bindA, bindB, net } = pair();
    a.put([note('n', 0)]);
    bindA.flush();
    net.deliverAll();
    a.update(createShapeId('n'), (r) => ({ ...r, x: 1 })); // pending on A
    b.update(createShapeId('n'), (r) => ({ ...r, x: 2 }));
    bindB.flush();
    net.deliverAll(); // A now shows B's x = 2
    expect(shape(a, 'n')?.x).toBe(2);
    bindA.flush(); // must not send A's stale x = 1
    net.deliverAll();
    expect(shape(a, 'n')?.x).toBe(2);
    expect(shape(b, 'n')?.x).toBe(2);
    expectConverged(a, b);
  });

  it('converges when one client deletes a shape another is moving', () => {
    const { a, b, settle, bindA, bindB, net } = pair();
    a.put([note('n')]);
    settle();
    a.update(createShapeId('n'), (r) => ({ ...r, x: 5 }));
    b.remove([createShapeId('n')]);
    bindA.flush();
    bindB.flush();
    net.deliverAll();
    settle();
    expectConverged(a, b);
  });
});

describe('bindStoreToYDoc: loading', () => {
  it('loads a board into a fresh store, replacing the store’s own defaults, and seeds an empty doc', () => {
    const doc = new Y.Doc();
    const source = newStore();
    source.put([note('n'), PageRecordType.create({ id: PageRecordType.createId('other'), name: 'Other', index: 'a2' as IndexKey })]);
    bind({ store: source, doc }).dispose();
    expect(docRecords(doc)).toEqual(documentRecords(source));
    // A store that already has a page of its own that the board lacks: the board wins.
    const store = newStore();
    store.put([PageRecordType.create({ id: PageRecordType.createId('local'), name: 'Local', index: 'a0' as IndexKey })]);
    bind({ store, doc });
    expect(documentRecords(store)).toEqual(documentRecords(source));
  });

  it('adds what tldraw creates to make a store usable (document, page) when the board lacks it', () => {
    const doc = new Y.Doc();
    // A board seeded with only a shape, e.g. by a script.
    getRecordsKV(doc).set(createShapeId('lonely'), note('lonely'));
    const store = emptyStore();
    bind({ store, doc });
    expect(store.get(createShapeId('lonely'))).toBeDefined();
    const types = docRecords(doc).map((r) => r.typeName).sort();
    expect(types).toEqual(['document', 'page', 'shape']);
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(store.schema.serialize());
  });
});

describe('bindStoreToYDoc: invalid records', () => {
  it('skips and reports an invalid remote record while a valid one in the same transaction arrives', () => {
    const doc = new Y.Doc();
    const store = newStore();
    const bad: unknown[] = [];
    const binding = bind({ store, doc, onInvalidRecord: (r) => bad.push(r) });
    const kv = getRecordsKV(doc);
    doc.transact(() => {
      kv.set('shape:garbage', { ...note('garbage'), props: { richText: 42, color: 'ultraviolet' } } as unknown as TLRecord);
      kv.set('alien:1', { id: 'alien:1', typeName: 'alien' } as unknown as TLRecord);
      kv.set(TLINSTANCE_ID, store.schema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: PAGE_ID }));
      kv.set('nonsense', 17 as unknown as TLRecord);
      kv.set(createShapeId('good'), note('good'));
    }, 'remote');
    expect(store.get(createShapeId('good'))).toBeDefined();
    expect(store.get('shape:garbage' as TLRecord['id'])).toBeUndefined();
    expect(bad).toHaveLength(4);
    expect(bad).toContainEqual(expect.objectContaining({ typeName: 'instance' }));
    expect(binding.status.skipped).toBe(4);
    // A later valid version of the broken record is accepted.
    kv.set('shape:garbage', { ...note('garbage'), id: 'shape:garbage' } as TLRecord);
    expect(store.get('shape:garbage' as TLRecord['id'])).toBeDefined();
  });

  it('loads the valid part of a board that holds invalid records', () => {
    const doc = new Y.Doc();
    const kv = getRecordsKV(doc);
    kv.set(createShapeId('ok'), note('ok'));
    kv.set('shape:broken', { ...note('broken'), id: 'shape:broken', x: 'left' } as unknown as TLRecord);
    const bad: unknown[] = [];
    const store = emptyStore();
    const binding = bind({ store, doc, onInvalidRecord: (r) => bad.push(r) });
    expect(store.get(createShapeId('ok'))).toBeDefined();
    expect(bad).toEqual([expect.objectContaining({ id: 'shape:broken' })]);
    expect(binding.status).toMatchObject({ readOnly: false, skipped: 1 });
    // The broken record stays in Yjs for a client that can read it; we do not delete others' data.
    expect(kv.has('shape:broken')).toBe(true);
  });
});

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

  function privatePair() {
    const net = new Network();
    const docA = net.add(new Y.Doc());
    const a = newStore();
    const bindA = bind({ store: a, doc: docA, flushIntervalMs: 10_000, isLocalOnly });
    const docB = net.add(new Y.Doc());
    const b = emptyStore();
    const bindB = bind({ store: b, doc: docB, flushIntervalMs: 10_000, isLocalOnly });
    const settle = () => {
      bindA.flush();
      bindB.flush();
      net.deliverAll();
    };
    return { a, b, docA, docB, settle };
  }

  it('never writes a flagged record to Yjs, edits included, while shared ones go through', () => {
    const { a, b, docA, settle } = privatePair();
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
    const { a, b, settle } = privatePair();
    a.put([note('secret', 0, { meta: { private: true } })]);
    settle();
    a.update(createShapeId('secret'), (s) => ({ ...s, x: 70, meta: {} }));
    settle();
    expect(shape(b, 'secret')?.x).toBe(70);
    expect(shape(b, 'secret')?.meta).toEqual({});
  });

  it('deleting an unpublished record sends nothing; remote changes leave local-only records alone', () => {
    const { a, b, docA, settle } = privatePair();
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
