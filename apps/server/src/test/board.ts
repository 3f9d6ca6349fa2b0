import * as Y from 'yjs';
import {
  AssetRecordType,
  CameraRecordType,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  createBindingId,
  createShapeId,
  toRichText,
  type IndexKey,
  type TLRecord,
  type TLStore,
} from 'tldraw';
import { readRecords } from '@accord/board';
import { PAGE_ID, createBindingRecord, createShapeRecord, emptyStore } from '@accord/board/fixtures';

export { PAGE_ID };

/** A store as the web app creates it. */
const newStore = emptyStore;

/** A note on the default page. */
export function note(id: string, text: string, x = 0, meta: Record<string, unknown> = {}): TLRecord {
  return createShapeRecord({ id: createShapeId(id), type: 'note', x, y: 0, parentId: PAGE_ID, index: `a${id.length}` as IndexKey, meta: meta as never, props: { richText: toRichText(text) } });
}

/**
 * A small board as tldraw keeps it: the document, a page, a note with rich text, two boxes joined
 * by an arrow bound at both ends, an image with its asset, an unused asset, and the session records
 * (camera) an editor has.
 */
export function sampleStore(name = 'Launch review'): TLStore {
  const store = newStore();
  const box = (id: string, x: number) => createShapeRecord({ id: createShapeId(id), type: 'geo', x, y: 200, parentId: PAGE_ID, index: (x === 0 ? 'a5' : 'a6') as IndexKey, props: { w: 120, h: 80, richText: toRichText(id) } });
  const arrowId = createShapeId('arrow');
  const assetId = AssetRecordType.createId('image');
  store.put([
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name }),
    PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as IndexKey }),
    note('decide', 'Ship on Tuesday, **bold** move'),
    box('left', 0),
    box('right', 400),
    createShapeRecord({ id: arrowId, type: 'arrow', x: 120, y: 240, parentId: PAGE_ID, index: 'a7' as IndexKey, props: { start: { x: 0, y: 0 }, end: { x: 280, y: 0 } } }),
    createBindingRecord({ id: createBindingId('start'), type: 'arrow', fromId: arrowId, toId: createShapeId('left'), props: { terminal: 'start' } }),
    createBindingRecord({ id: createBindingId('end'), type: 'arrow', fromId: arrowId, toId: createShapeId('right'), props: { terminal: 'end' } }),
    AssetRecordType.create({ id: assetId, type: 'image', props: { name: 'chart.png', src: '/api/boards/x/assets/y', w: 10, h: 10, mimeType: 'image/png', isAnimated: false } }),
    AssetRecordType.create({ id: AssetRecordType.createId('unused'), type: 'image', props: { name: 'unused.png', src: null, w: 1, h: 1, mimeType: 'image/png', isAnimated: false } }),
    createShapeRecord({ id: createShapeId('image'), type: 'image', x: 0, y: 400, parentId: PAGE_ID, index: 'a8' as IndexKey, props: { assetId, w: 10, h: 10 } }),
    CameraRecordType.create({ id: CameraRecordType.createId(PAGE_ID), x: 5, y: 5, z: 1 }),
  ] as TLRecord[]);
  return store;
}

/**
 * The `.tldr` JSON of a store, written exactly as tldraw's `serializeTldrawJson(editor)` writes it
 * (that function needs an Editor, hence a DOM): file format 1, the store's serialized schema and
 * every record, assets no shape uses left out.
 */
export function serializeTldr(store: TLStore): string {
  const records = store.allRecords();
  const used = new Set(records.flatMap((r) => (r.typeName === 'shape' && 'assetId' in r.props && r.props.assetId ? [r.props.assetId] : [])));
  return JSON.stringify({
    tldrawFileFormatVersion: 1,
    schema: store.schema.serialize(),
    records: records.filter((r) => r.typeName !== 'asset' || used.has(r.id)),
  });
}

/** The records of a board state (a Yjs update), sorted by id. */
export function recordsOf(update: Uint8Array): TLRecord[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const records = readRecords(doc).sort((a, b) => a.id.localeCompare(b.id));
  doc.destroy();
  return records;
}

/** The shapes of a board state (a Yjs update), sorted by id: what people put on it, without the document and pages every board has. */
export function shapesOf(update: Uint8Array): TLRecord[] {
  return recordsOf(update).filter((r) => r.typeName === 'shape');
}

/** The shapes of a live doc. */
export const shapesIn = (doc: Y.Doc): TLRecord[] => readRecords(doc).filter((r) => r.typeName === 'shape');
