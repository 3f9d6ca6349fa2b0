import * as Y from 'yjs';
import { TLDOCUMENT_ID, createTLSchema, type TLDocument, type TLRecord, type TLSchema } from '@tldraw/tlschema';
import { getRecordsKV } from './doc.ts';

let schema: TLSchema | null = null;

/**
 * The tldraw schema of an Accord board: tldraw's default shapes and bindings, as the web app's
 * store has them (its frame only differs in how it draws). The server validates with it.
 */
export function boardSchema(): TLSchema {
  return (schema ??= createTLSchema());
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
    const document = readDocumentRecord(doc);
    if (!document || document.name === title) return null;
    doc.transact(() => getRecordsKV(doc).set(TLDOCUMENT_ID, { ...document, name: title }));
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

/** The records with the document record renamed to `title`, e.g. a board about to be seeded from a file. */
export function withDocumentName(records: readonly TLRecord[], title: string): TLRecord[] {
  return records.map((r) => (r.id === TLDOCUMENT_ID ? ({ ...r, name: title } as TLDocument) : r));
}
