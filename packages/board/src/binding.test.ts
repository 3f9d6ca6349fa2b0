import { describe, expect, it } from 'vitest';
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
} from 'tldraw';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY } from './doc.ts';
import { createBindingRecord, createShapeRecord } from './fixtures.ts';
import { PAGE_ID, docRecords, documentRecords, emptyStore, newStore, note } from './test/helpers.ts';
import { bind, expectConverged, pair, shape } from './test/binding.ts';

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
