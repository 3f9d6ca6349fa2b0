import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, toRichText, PageRecordType, DocumentRecordType, TLDOCUMENT_ID, type TLRecord, type TLStore } from 'tldraw';
import { bindStoreToYDoc, type StoreBinding } from './binding.ts';
import { bindPresence } from './presence.ts';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY } from './doc.ts';
import { createBindingRecord, createShapeRecord } from './records.ts';

const disposers: Array<() => void> = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

function newStore(): TLStore {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Page 1', index: 'a1' as never })]);
  return store;
}

/** Two stores, each bound to its own doc; the docs exchange updates directly, like two clients through a relay. */
function pair() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(docB, u, 'net'));
  docB.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(docA, u, 'net'));
  const a = newStore();
  const bindA = bindStoreToYDoc({ store: a, doc: docA, flushIntervalMs: 5 });
  const b = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  const bindB = bindStoreToYDoc({ store: b, doc: docB, flushIntervalMs: 5 });
  disposers.push(() => bindA.dispose(), () => bindB.dispose());
  return { a, b, docA, docB, bindA, bindB };
}

const pageId = PageRecordType.createId('page');
const note = (id: string, x = 0) => createShapeRecord({ id: createShapeId(id), type: 'note', x, parentId: pageId, props: { richText: toRichText(id) } });

/** A change made as a user would (store.put outside mergeRemoteChanges has source 'user'). */
function userPut(store: TLStore, record: TLRecord) {
  store.put([record]);
}

function docRecords(store: TLStore) {
  return store
    .allRecords()
    .filter((r) => store.schema.types[r.typeName]?.scope === 'document')
    .sort((x, y) => x.id.localeCompare(y.id));
}

describe('tldraw store <-> Yjs binding', () => {
  it('converges for create, update and delete', () => {
    const { a, b, bindA } = pair();
    userPut(a, note('n1', 10));
    bindA.flush();
    expect(b.get(createShapeId('n1'))).toMatchObject({ x: 10, type: 'note' });
    a.update(createShapeId('n1'), (r) => ({ ...r, x: 99 }) as typeof r);
    bindA.flush();
    expect((b.get(createShapeId('n1')) as { x: number }).x).toBe(99);
    a.remove([createShapeId('n1')]);
    bindA.flush();
    expect(b.get(createShapeId('n1'))).toBeUndefined();
    expect(docRecords(b)).toEqual(docRecords(a));
  });

  it('converges when a shape is reparented into a frame, for arrows with bindings and for new pages', () => {
    const { a, b, bindA, bindB } = pair();
    const frameId = createShapeId('frame');
    userPut(a, createShapeRecord({ id: frameId, type: 'frame', parentId: pageId, props: { w: 800, h: 600, name: 'Needs' } }));
    userPut(a, note('inside', 1000));
    bindA.flush();
    b.update(createShapeId('inside'), (r) => ({ ...r, parentId: frameId, x: 20, y: 20 }) as typeof r);
    bindB.flush();
    expect((a.get(createShapeId('inside')) as { parentId: string }).parentId).toBe(frameId);

    const arrowId = createShapeId('arrow');
    userPut(a, note('target', 400));
    userPut(a, createShapeRecord({ id: arrowId, type: 'arrow', parentId: pageId, index: 'a5' as never }));
    for (const [terminal, to] of [['start', 'inside'], ['end', 'target']] as const) {
      userPut(a, createBindingRecord({ id: `binding:${terminal}` as never, type: 'arrow', fromId: arrowId, toId: createShapeId(to), props: { terminal } }));
    }
    const page2 = PageRecordType.create({ id: PageRecordType.createId('two'), name: 'Page 2', index: 'a2' as never });
    a.put([page2]);
    bindA.flush();
    expect(b.get('binding:start' as never)).toMatchObject({ fromId: arrowId, toId: createShapeId('inside') });
    expect(b.get(page2.id)).toMatchObject({ name: 'Page 2' });
    expect(docRecords(b)).toEqual(docRecords(a));
  });

  it('keeps session and presence records out of Yjs', () => {
    const { a, docA, bindA } = pair();
    userPut(a, note('n'));
    a.put([{ ...(a.schema.types.camera as unknown as { create(p: object): TLRecord }).create({ id: 'camera:page:page', x: 5, y: 5, z: 1 }) }]);
    bindA.flush();
    const types = [...getRecordsKV(docA).map.values()].map((e) => e.val.typeName);
    expect(types).toContain('shape');
    expect(types.filter((t) => ['camera', 'instance', 'instance_page_state', 'pointer', 'instance_presence'].includes(t))).toEqual([]);
  });

  it('skips and reports an invalid remote record while the valid one in the same transaction arrives', () => {
    const doc = new Y.Doc();
    const store = newStore();
    const bad: unknown[] = [];
    const binding = bindStoreToYDoc({ store, doc, onInvalidRecord: (r) => bad.push(r) });
    disposers.push(() => binding.dispose());
    const kv = getRecordsKV(doc);
    doc.transact(() => {
      kv.set('shape:garbage', { ...note('garbage'), props: { richText: 42, color: 'ultraviolet' } } as unknown as TLRecord);
      kv.set('alien:1', { id: 'alien:1', typeName: 'alien' } as unknown as TLRecord);
      kv.set(createShapeId('good'), note('good'));
    }, 'remote');
    expect(store.get(createShapeId('good'))).toBeDefined();
    expect(store.get('shape:garbage' as never)).toBeUndefined();
    expect(bad).toHaveLength(2);
    expect(binding.status.skipped).toBe(2);
  });

  it('coalesces a drag: 100 updates in one flush window become one Yjs transaction with only that record', () => {
    const doc = new Y.Doc();
    const store = newStore();
    const binding = bindStoreToYDoc({ store, doc, flushIntervalMs: 10_000 });
    disposers.push(() => binding.dispose());
    userPut(store, note('other', 500));
    userPut(store, note('dragged'));
    binding.flush();
    let transactions = 0;
    const changedKeys = new Set<string>();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions++;
    });
    getRecordsKV(doc).on('change', (changes: Map<string, unknown>) => changes.forEach((_, k) => changedKeys.add(k)));
    for (let i = 1; i <= 100; i++) store.update(createShapeId('dragged'), (r) => ({ ...r, x: i }) as typeof r);
    expect(transactions).toBe(0);
    binding.flush();
    expect(transactions).toBe(1);
    expect([...changedKeys]).toEqual([createShapeId('dragged')]);
    expect((getRecordsKV(doc).get(createShapeId('dragged')) as { x: number }).x).toBe(100);
  });

  it('migrates a board written by an older schema on load and rewrites it in ours', () => {
    const source = newStore();
    userPut(source, note('old'));
    const doc = new Y.Doc();
    const seed = bindStoreToYDoc({ store: source, doc });
    seed.dispose();
    // Pretend the writer ran an older tldraw: one step back in the note shape's migration sequence.
    const ours = source.schema.serialize();
    const older = JSON.parse(JSON.stringify(ours));
    const key = Object.keys(older.sequences).find((k) => k === 'com.tldraw.shape.note')!;
    older.sequences[key] = Math.max(0, older.sequences[key] - 1);
    getSchemaMap(doc).set(SCHEMA_KEY, older);
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    const binding = bindStoreToYDoc({ store, doc });
    disposers.push(() => binding.dispose());
    expect(binding.status.readOnly).toBe(false);
    expect(store.get(createShapeId('old'))).toBeDefined();
    expect(getSchemaMap(doc).get(SCHEMA_KEY)).toEqual(ours);
  });

  it('opens a board written by a newer schema read-only, and a read-only binding never writes', () => {
    const source = newStore();
    userPut(source, note('new'));
    const doc = new Y.Doc();
    bindStoreToYDoc({ store: source, doc }).dispose();
    const newer = JSON.parse(JSON.stringify(source.schema.serialize()));
    newer.sequences['com.tldraw.shape.note'] += 5;
    getSchemaMap(doc).set(SCHEMA_KEY, newer);
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    const binding = bindStoreToYDoc({ store, doc });
    disposers.push(() => binding.dispose());
    expect(binding.status).toMatchObject({ readOnly: true, reason: 'newer-schema' });
    const before = Y.encodeStateVector(doc);
    userPut(store, note('local only'));
    binding.flush();
    expect(Y.encodeStateVector(doc)).toEqual(before);

    const viewerDoc = new Y.Doc();
    const viewer = bindStoreToYDoc({ store: newStore(), doc: viewerDoc, readOnly: true });
    disposers.push(() => viewer.dispose());
    expect(viewerDoc.share.size === 0 || getRecordsKV(viewerDoc).map.size === 0).toBe(true);
  });
});

describe('presence through awareness', () => {
  it('mirrors remote presence as instance_presence records that appear and disappear', async () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const awA = new Awareness(docA);
    const awB = new Awareness(docB);
    // Wire the awarenesses together the way the relay does.
    const { encodeAwarenessUpdate, applyAwarenessUpdate, removeAwarenessStates } = await import('y-protocols/awareness');
    awA.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) =>
      applyAwarenessUpdate(awB, encodeAwarenessUpdate(awA, [...added, ...updated, ...removed]), 'net'),
    );
    const a = newStore();
    const b = newStore();
    const pa = bindPresence({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: '#e03131' }, throttleMs: 0 });
    const pb = bindPresence({ store: b, awareness: awB, user: { id: 'bo', name: 'Bo', color: '#1971c2' }, throttleMs: 0 });
    disposers.push(() => pa.dispose(), () => pb.dispose());
    // tldraw's presence derivation needs an instance record and a camera/page state to report from.
    const instanceType = a.schema.types.instance as unknown as { create(p: object): TLRecord };
    a.put([instanceType.create({ id: 'instance:instance', currentPageId: pageId })]);
    await new Promise((r) => setTimeout(r, 30));
    const presences = () => b.allRecords().filter((r) => r.typeName === 'instance_presence');
    expect(presences().length).toBe(1);
    expect(presences()[0]).toMatchObject({ userName: 'Ana', color: '#e03131' });
    removeAwarenessStates(awB, [awA.clientID], 'net');
    expect(presences().length).toBe(0);
    awA.destroy();
    awB.destroy();
  });
});
