import * as Y from 'yjs';
import { getRecordsKV } from '@accord/board';
import { createShapeId, toRichText } from 'tldraw';
import { createShapeRecord } from '@accord/board/fixtures';
import { PAGE_ID } from './board.ts';

// Test content written the way every client writes a board: each "cell" is a note whose
// `meta.cell` holds a JSON value, so the server's judge of board content lets it through. Relay
// tests (sync, durability, permissions, fuzz) use cells where they once used free-form maps.

const idOf = (key: string) => `shape:${key}`;

/** Sets cell `key` to `value` (one Yjs transaction). */
export function setCell(doc: Y.Doc, key: string, value: string | number | boolean): void {
  getRecordsKV(doc).set(idOf(key), createShapeRecord({ id: createShapeId(key), type: 'note', parentId: PAGE_ID, index: 'a1' as never, meta: { cell: value }, props: { richText: toRichText('') } }));
}

/** The value of cell `key`, or undefined. */
export function getCell(doc: Y.Doc, key: string): unknown {
  const record = getRecordsKV(doc).get(idOf(key)) as { meta?: { cell?: unknown } } | undefined;
  return record?.meta?.cell;
}

export function hasCell(doc: Y.Doc, key: string): boolean {
  return getRecordsKV(doc).has(idOf(key));
}

export function deleteCell(doc: Y.Doc, key: string): void {
  getRecordsKV(doc).delete(idOf(key));
}

/** Every cell of a doc, key → value, keys sorted. */
export function cells(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...getRecordsKV(doc).map.keys()].filter((k) => k.startsWith('shape:')).sort();
  for (const k of keys) out[k.slice('shape:'.length)] = getCell(doc, k.slice('shape:'.length));
  return out;
}

/** A Yjs update, made by a fresh client, that sets cell `key` (for raw websocket tests). */
export function cellUpdate(key: string, value: string | number | boolean): Uint8Array {
  const doc = new Y.Doc();
  setCell(doc, key, value);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
