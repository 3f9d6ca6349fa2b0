import { afterEach, expect, vi } from 'vitest';
import * as Y from 'yjs';
import { createShapeId, type TLShape, type TLStore } from 'tldraw';
import { bindStoreToYDoc, type BindOptions, type StoreBinding } from '../binding.ts';
import { Network, documentRecords, emptyStore, newStore } from './helpers.ts';

// What the binding's tests share: bindings disposed (and real timers back) after each test, and
// two clients whose docs are linked by a test network.

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
  vi.useRealTimers();
});

/** Binds a store to a doc, disposed after the test. */
export function bind(opts: BindOptions): StoreBinding {
  const binding = bindStoreToYDoc(opts);
  disposers.push(() => binding.dispose());
  return binding;
}

/**
 * Two clients: a store with a default page bound to its doc, a fresh store bound to another; docs
 * linked. `options` go to both bindings (e.g. `isLocalOnly`).
 */
export function pair(options: Pick<BindOptions, 'isLocalOnly'> = {}) {
  const net = new Network();
  const docA = net.add(new Y.Doc());
  const a = newStore();
  const bindA = bind({ store: a, doc: docA, flushIntervalMs: 10_000, ...options });
  const docB = net.add(new Y.Doc());
  const b = emptyStore();
  const bindB = bind({ store: b, doc: docB, flushIntervalMs: 10_000, ...options });
  /** Flushes both clients and delivers everything. */
  const settle = () => {
    bindA.flush();
    bindB.flush();
    net.deliverAll();
  };
  return { net, a, b, docA, docB, bindA, bindB, settle };
}

export const shape = (store: TLStore, id: string) => store.get(createShapeId(id)) as TLShape | undefined;

export function expectConverged(...stores: TLStore[]) {
  const [first, ...rest] = stores.map(documentRecords);
  for (const other of rest) expect(other).toEqual(first);
}
