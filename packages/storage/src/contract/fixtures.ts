// Shared by the contract suites: Yjs helpers and a decision record fixture.
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { StoredRecord } from '../types.ts';
import type { RoomStore, RoomUpdate } from '../roomTypes.ts';

/** Runs `build` on a fresh doc and returns every update it emitted, plus the doc. */
export function updatesOf(build: (doc: Y.Doc) => void): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  build(doc);
  return { updates, doc };
}

/** Appends `batch` and returns just the sequence numbers. */
export async function appendSeqs(store: RoomStore, batch: readonly RoomUpdate[]): Promise<number[]> {
  return (await store.appendUpdates(batch)).map((a) => a.seq);
}

/** A doc holding `update` (empty for null). */
export function docOf(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

/** Compares content and what each client has contributed, not just the visible JSON. */
export function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  // A doc built from an update only lists the root types someone asked for: ask for the expected ones.
  for (const [name, type] of expected.share) actual.get(name, type.constructor as typeof Y.AbstractType<unknown>);
  expect(actual.toJSON()).toEqual(expected.toJSON());
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
}

/** A decision record at `seq` of `boardId`; `over` replaces fields. */
export const record = (boardId: string, seq: number, over: Partial<StoredRecord> = {}): StoredRecord => ({
  id: `rec-${seq}`,
  boardId,
  seq,
  createdAt: 1_700_000_000_000 + seq,
  body: JSON.stringify({ title: `Decision ${seq}`, text: 'ünïcode ✓ "quoted" \\ back\nslash' }),
  // Zero bytes and every byte value: a text-typed column or a wrong encoding would mangle these.
  snapshot: Uint8Array.from({ length: 600 }, (_, i) => (i * 7 + seq) % 256),
  bodyHash: 'a'.repeat(64),
  snapshotHash: 'b'.repeat(64),
  prevHash: seq === 1 ? null : 'c'.repeat(64),
  hash: `${seq}`.padStart(64, 'd'),
  ...over,
});
