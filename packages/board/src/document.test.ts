import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentRecordType, TLDOCUMENT_ID, createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw';
import { FrameShapeUtil } from 'tldraw';
import { boardSchema, readDocumentRecord, renameDocumentUpdate, withDocumentName } from './document.ts';
import { getRecordsKV } from './doc.ts';

describe('the board document', () => {
  it('validates with the schema of the web app’s store (default shapes, frames drawn with colours)', () => {
    const shapeUtils = [...defaultShapeUtils.filter((u) => u.type !== 'frame'), FrameShapeUtil.configure({ showColors: true })];
    const store = createTLStore({ shapeUtils, bindingUtils: defaultBindingUtils });
    expect(boardSchema().serialize()).toEqual(store.schema.serialize());
  });

  it('renames the document record with an update applied on top of the state', () => {
    const doc = new Y.Doc();
    getRecordsKV(doc).set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Old' }));
    const state = Y.encodeStateAsUpdate(doc);
    const update = renameDocumentUpdate(state, 'New title')!;
    Y.applyUpdate(doc, update);
    expect(readDocumentRecord(doc)?.name).toBe('New title');
    expect(renameDocumentUpdate(Y.encodeStateAsUpdate(doc), 'New title')).toBeNull();
    expect(renameDocumentUpdate(Y.encodeStateAsUpdate(new Y.Doc()), 'x')).toBeNull();
  });
});

describe('withDocumentName', () => {
  it('renames the document record and leaves every other record as it was', () => {
    const document = DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Old' });
    const page = { id: 'page:p', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} } as never;
    const renamed = withDocumentName([document, page], 'New');
    expect(renamed).toEqual([{ ...document, name: 'New' }, page]);
    expect(renamed[1]).toBe(page);
    expect(document.name).toBe('Old');
  });
});
