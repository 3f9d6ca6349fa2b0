import * as Y from 'yjs';
import {
  CameraRecordType,
  DocumentRecordType,
  InstancePageStateRecordType,
  PageRecordType,
  PointerRecordType,
  TLDOCUMENT_ID,
  TLINSTANCE_ID,
  TLPOINTER_ID,
  createShapeId,
  toRichText,
  type IndexKey,
  type TLPageId,
  type TLRecord,
  type TLShape,
  type TLStore,
} from 'tldraw';
import { readRecords } from '../doc.ts';
import { PAGE_ID, createShapeRecord, emptyStore } from '../fixtures.ts';

export { PAGE_ID, emptyStore };

/** A store holding the document record and one page, as an editor leaves a fresh store. */
export function newStore(): TLStore {
  const store = emptyStore();
  store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as IndexKey })]);
  return store;
}

/** The session records an Editor keeps (instance, pointer, page state, camera), which presence reads. */
export function addSessionRecords(store: TLStore, pageId: TLPageId = PAGE_ID): void {
  store.put([
    store.schema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: pageId }),
    PointerRecordType.create({ id: TLPOINTER_ID }),
    InstancePageStateRecordType.create({ id: InstancePageStateRecordType.createId(pageId), pageId }),
    CameraRecordType.create({ id: CameraRecordType.createId(pageId) }),
  ]);
}

/** A note with its id as text, on the default page. */
export function note(id: string, x = 0, extra: Partial<TLShape> = {}): TLShape {
  return createShapeRecord({ id: createShapeId(id), type: 'note', x, parentId: PAGE_ID, ...extra, props: { richText: toRichText(id) } });
}

/** Document-scope records of a store, sorted by id, for comparing stores. */
export function documentRecords(store: TLStore): TLRecord[] {
  return store
    .allRecords()
    .filter((r) => store.schema.types[r.typeName]?.scope === 'document')
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Records stored in a doc, sorted by id. */
export function docRecords(doc: Y.Doc): TLRecord[] {
  return readRecords(doc).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * A network between docs: each doc's own updates are queued for every other doc and delivered
 * when asked (all, or one at a time in any order), like clients behind a relay.
 */
export class Network {
  readonly docs: Y.Doc[] = [];
  private readonly queues = new Map<Y.Doc, Uint8Array[]>();

  add(doc: Y.Doc): Y.Doc {
    for (const other of this.docs) {
      // A newcomer starts from everyone's state, as after sync step 2.
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), this);
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), this);
    }
    this.docs.push(doc);
    this.queues.set(doc, []);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      for (const other of this.docs) if (other !== doc) this.queues.get(other)!.push(update);
    });
    return doc;
  }

  /** Number of updates waiting for delivery. */
  get pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** Delivers the oldest waiting update to `doc`; false if none waits. */
  deliverOne(doc: Y.Doc): boolean {
    const update = this.queues.get(doc)!.shift();
    if (!update) return false;
    Y.applyUpdate(doc, update, this);
    return true;
  }

  /** Delivers everything until no update waits. */
  deliverAll(): void {
    while (this.pending > 0) for (const doc of this.docs) while (this.deliverOne(doc));
  }
}

/** A small seeded PRNG (mulberry32), so a failing fuzz run can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Makes tldraw hand store changes to listeners on "animation frames" we run by hand, as in a
 * browser, instead of synchronously as it does under NODE_ENV=test. Returns a function running
 * the queued frames, and a restore function. `advanceClock` moves the (fake) clock forward.
 */
export function manualFrames(advanceClock: (ms: number) => void): { frame: () => void; restore: () => void } {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { force: g.__FORCE_RAF_IN_TESTS__, raf: g.requestAnimationFrame, caf: g.cancelAnimationFrame };
  let queue = new Map<number, (t: number) => void>();
  let next = 1;
  g.__FORCE_RAF_IN_TESTS__ = true;
  g.requestAnimationFrame = (cb: (t: number) => void) => {
    queue.set(next, cb);
    return next++;
  };
  g.cancelAnimationFrame = (id: number) => queue.delete(id);
  return {
    frame() {
      // tldraw flushes only once a frame's time has passed since its last flush.
      advanceClock(20);
      for (let i = 0; i < 3 && queue.size > 0; i++) {
        const run = queue;
        queue = new Map();
        for (const cb of run.values()) cb(performance.now());
      }
    },
    restore() {
      g.__FORCE_RAF_IN_TESTS__ = saved.force;
      g.requestAnimationFrame = saved.raf;
      g.cancelAnimationFrame = saved.caf;
    },
  };
}
