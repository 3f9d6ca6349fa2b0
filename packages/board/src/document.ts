import * as Y from 'yjs';
import type { IndexKey } from '@tldraw/utils';
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, createTLSchema, type TLDocument, type TLRecord, type TLSchema } from '@tldraw/tlschema';
import { getRecordsKV } from './doc.ts';

let schema: TLSchema | null = null;

/**
 * The tldraw schema of an Accord board: tldraw's default shapes and bindings, as the web app's
 * store has them (its frame only differs in how it draws). The server validates with it.
 */
export function boardSchema(): TLSchema {
  schema ??= createTLSchema();
  return schema;
}

/** The board's tldraw document record, or null when it has none yet. */
export function readDocumentRecord(doc: Y.Doc): TLDocument | null {
  const record = getRecordsKV(doc).get(TLDOCUMENT_ID) as TLDocument | undefined;
  return record && record.typeName === 'document' ? record : null;
}

/**
 * An update renaming the document record of a board state to `title` (the web app shows the
 * document's name as the board title), or null when there is none or it already has that name.
 */
export function renameDocumentUpdate(state: Uint8Array, title: string): Uint8Array | null {
  if (state.length === 0) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    return renameDocument(doc, title) ? Y.encodeStateAsUpdate(doc, before) : null;
  } finally {
    doc.destroy();
  }
}

/** Renames the board's document record to `title` in `doc`; false when it has none or already has that name. */
export function renameDocument(doc: Y.Doc, title: string): boolean {
  const document = readDocumentRecord(doc);
  if (!document || document.name === title) return false;
  doc.transact(() => getRecordsKV(doc).set(TLDOCUMENT_ID, { ...document, name: title }));
  return true;
}

/**
 * The records a new board starts with: its document record (named after the board) and one page,
 * as tldraw's own store would create them. The server seeds every board it creates with these, so
 * no client ever has to (only a facilitator may name the board).
 */
export function initialBoardRecords(title: string): TLRecord[] {
  return [DocumentRecordType.create({ id: TLDOCUMENT_ID, name: title }), PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Page 1', index: 'a1' as IndexKey })];
}

/** The records with the document record renamed to `title`, e.g. a board about to be seeded from a file. */
export function withDocumentName(records: readonly TLRecord[], title: string): TLRecord[] {
  return records.map((r) => (r.id === TLDOCUMENT_ID ? ({ ...r, name: title } as TLDocument) : r));
}
