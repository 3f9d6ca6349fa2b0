import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PageRecordType, createShapeId, getIndicesAbove, toRichText, type IndexKey, type TLShape, type TLShapeId, type TLStore } from 'tldraw';
import { bindStoreToYDoc, type StoreBinding } from '../binding.ts';
import { createShapeRecord } from '../fixtures.ts';
import { Network, PAGE_ID, docRecords, documentRecords, emptyStore, manualFrames, newStore, rng } from './helpers.ts';

interface Client {
  doc: Y.Doc;
  store: TLStore;
  binding: StoreBinding;
}

const SHAPES = Array.from({ length: 10 }, (_, i) => createShapeId(`s${i}`));
const PAGE_INDICES = getIndicesAbove('a1' as IndexKey, 400);
const FRAMES = [createShapeId('frame-a'), createShapeId('frame-b')];

/**
 * Random edits on three clients whose updates are delivered late and out of order; local changes
 * are flushed at random moments, remote ones may arrive between a user change and its flush.
 * At the end every doc and every store must hold the same document records.
 */
function fuzz(seed: number, steps: number, frame: (() => void) | null) {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const net = new Network();
  const clients: Client[] = [];
  for (let i = 0; i < 3; i++) {
    const doc = net.add(new Y.Doc());
    const store = i === 0 ? newStore() : emptyStore();
    clients.push({ doc, store, binding: bindStoreToYDoc({ store, doc, flushIntervalMs: 1e9 }) });
  }
  let pages = 0;
  for (let step = 0; step < steps; step++) {
    const c = pick(clients);
    const { store } = c;
    const r = random();
    const existing = (id: TLShapeId) => store.get(id) as TLShape | undefined;
    if (r < 0.3) {
      const id = pick(SHAPES);
      const current = existing(id);
      if (current) {
        if (random() < 0.5) store.update(id, (s) => ({ ...s, x: Math.round(random() * 1000), y: Math.round(random() * 1000) }));
        else store.update(id, (s) => ({ ...s, props: { ...s.props, richText: toRichText(`t${step}`) } }) as typeof s);
      } else {
        store.put([createShapeRecord({ id, type: random() < 0.5 ? 'note' : 'geo', parentId: PAGE_ID, x: step, props: { richText: toRichText(`new ${step}`) } })]);
      }
    } else if (r < 0.4) {
      const id = pick([...SHAPES, ...FRAMES]);
      if (existing(id)) store.remove([id]);
    } else if (r < 0.48) {
      const id = pick(SHAPES);
      const parent = pick([PAGE_ID, ...FRAMES]);
      if (existing(id) && (parent === PAGE_ID || existing(parent as TLShapeId))) store.update(id, (s) => ({ ...s, parentId: parent }));
    } else if (r < 0.53) {
      const id = pick(FRAMES);
      if (!existing(id)) store.put([createShapeRecord({ id, type: 'frame', parentId: PAGE_ID, props: { w: 500, h: 400 } })]);
    } else if (r < 0.55) {
      store.put([PageRecordType.create({ id: PageRecordType.createId(`p${step}`), name: `Page ${pages + 1}`, index: PAGE_INDICES[++pages]! })]);
    } else if (r < 0.72) {
      c.binding.flush();
    } else if (r < 0.92) {
      const target = pick(clients).doc;
      for (let k = Math.floor(random() * 4); k >= 0; k--) net.deliverOne(target);
    } else if (frame) {
      frame();
    }
  }
  for (let round = 0; round < 3; round++) {
    frame?.();
    for (const c of clients) c.binding.flush();
    net.deliverAll();
  }
  const reference = docRecords(clients[0]!.doc);
  expect(reference.filter((r) => r.typeName === 'shape').length).toBeGreaterThan(0);
  for (const c of clients) {
    expect(docRecords(c.doc)).toEqual(reference);
    expect(documentRecords(c.store)).toEqual(reference);
    expect(c.binding.status.skipped).toBe(0);
    c.binding.dispose();
  }
}

describe('convergence fuzz (seeded)', () => {
  afterEach(() => vi.useRealTimers());

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`three clients converge after random edits and late, reordered delivery (seed ${seed})`, () => {
      fuzz(seed, 400, null);
    });
  }

  for (const seed of [11, 12, 13, 14]) {
    it(`converge when tldraw hands changes to listeners on animation frames, as in a browser (seed ${seed})`, () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const frames = manualFrames((ms) => vi.setSystemTime(Date.now() + ms));
      try {
        fuzz(seed, 400, frames.frame);
      } finally {
        frames.restore();
      }
    });
  }
});
