import * as Y from 'yjs';
import { createTLStore, defaultBindingUtils, type TLRecord, type TLStore } from 'tldraw';
import { getSchemaMap, migrateBoard, readRecords, SCHEMA_KEY } from '@accord/board';
import { allShapeUtils } from '../board/shapeUtils.ts';

/** A board's records from a content-room Yjs update, migrated to our schema (invalid ones left out). */
export function recordsFromUpdate(update: Uint8Array, store: TLStore = emptyStore()): TLRecord[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return migrateBoard(store.schema, readRecords(doc), getSchemaMap(doc).get(SCHEMA_KEY)).records;
}

function emptyStore(): TLStore {
  return createTLStore({ shapeUtils: allShapeUtils, bindingUtils: defaultBindingUtils });
}

/** A store holding a board as recorded, unbound from any sync: for a read-only canvas. */
export function storeFromUpdate(update: Uint8Array): TLStore {
  const store = emptyStore();
  const records = recordsFromUpdate(update, store);
  store.mergeRemoteChanges(() => store.put(records));
  return store;
}
