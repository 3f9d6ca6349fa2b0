import { TLDOCUMENT_ID, type SerializedSchema, type TLDocument, type TLRecord, type TLSchema } from 'tldraw';
import { compareSchemas, validateDocumentRecord } from '@accord/board';
import { Errors } from './errors.ts';

/**
 * The newest `.tldr` file format we read. tldraw's own `LATEST_TLDRAW_FILE_FORMAT_VERSION`
 * (tldraw/src/lib/utils/tldr/file.ts) is 1 and not exported.
 */
export const TLDR_FILE_FORMAT_VERSION = 1;

/**
 * A `.tldr` file as tldraw's `serializeTldrawJson` writes it. The request schema of
 * `POST /api/boards/import` has checked this much of the shape; the rest is checked here.
 */
export interface TldrFile {
  tldrawFileFormatVersion: number;
  schema: { schemaVersion: number } & Record<string, unknown>;
  records: Array<{ id: string; typeName: string } & Record<string, unknown>>;
}

/** What an import keeps of a file: its document-scope records in our schema, and its document's name. */
export interface ImportedBoard {
  records: TLRecord[];
  documentName: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** tldraw's `T.positiveInteger`, which admits 0. */
const isVersion = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** The part of a serialized schema `getMigrationsSince` relies on, as tldraw's file validator checks it. */
function checkSerializedSchema(schema: TldrFile['schema']): void {
  if (schema.schemaVersion > 2) throw Errors.importUnsupported(`The file's schema format (${schema.schemaVersion}) is newer than this server's tldraw reads`);
  if (schema.schemaVersion === 2) {
    if (!isObject(schema.sequences) || !Object.values(schema.sequences).every(isVersion)) throw Errors.importInvalid('file/schema/sequences must map migration sequence ids to whole numbers');
    return;
  }
  if (schema.schemaVersion !== 1 || !isVersion(schema.storeVersion) || !isObject(schema.recordVersions)) {
    throw Errors.importInvalid('file/schema is not a tldraw schema');
  }
  for (const [type, entry] of Object.entries(schema.recordVersions)) {
    if (!isObject(entry) || !isVersion(entry.version)) throw Errors.importInvalid(`file/schema/recordVersions/${type} is malformed`);
  }
}

/** tldraw drops assets that no shape uses when it opens or saves a file; so do we. */
function pruneUnusedAssets(records: readonly TLRecord[]): TLRecord[] {
  const used = new Set<unknown>();
  for (const r of records) if (r.typeName === 'shape' && isObject(r.props) && r.props.assetId) used.add(r.props.assetId);
  return records.filter((r) => r.typeName !== 'asset' || used.has(r.id));
}

function describe(record: unknown): string {
  const r = isObject(record) ? record : {};
  return `"${String(r.id)}" (${String(r.typeName)}${typeof r.type === 'string' ? ` ${r.type}` : ''})`;
}

/**
 * Reads a `.tldr` file the way tldraw's `parseTldrawJsonFile` does, for a board rather than an
 * editor: a newer file format or schema is refused (422), an older one is migrated with the
 * schema's store migration; then only document-scope records (document, pages, shapes, bindings,
 * assets) are kept, each validated by our schema. Throws an `AccordError` (400 or 422) naming the
 * first record that fails; returns nothing partial.
 */
export function readTldrFile(file: TldrFile, schema: TLSchema): ImportedBoard {
  if (file.tldrawFileFormatVersion > TLDR_FILE_FORMAT_VERSION) {
    throw Errors.importUnsupported(`The file's format version (${file.tldrawFileFormatVersion}) is newer than this server reads (${TLDR_FILE_FORMAT_VERSION})`);
  }
  checkSerializedSchema(file.schema);
  const relation = compareSchemas(schema, file.schema);
  if (relation === 'newer') throw Errors.importUnsupported('The file was saved by a newer tldraw than this server has; update the server or save it from this version');

  let records = file.records as unknown as TLRecord[];
  if (relation === 'older') {
    const store = Object.fromEntries(records.map((r) => [r.id, r])) as Record<TLRecord['id'], TLRecord>;
    let migrated: TLRecord[] | null = null;
    try {
      const result = schema.migrateStoreSnapshot({ store, schema: file.schema as unknown as SerializedSchema });
      if (result.type === 'success') migrated = Object.values(result.value);
    } catch {
      // A migration that throws on junk data is a damaged file, as below.
    }
    if (!migrated) throw Errors.importInvalid('The file could not be brought up to this version of tldraw: its records are damaged');
    records = migrated;
  }

  const kept: TLRecord[] = [];
  for (const record of pruneUnusedAssets(records)) {
    const type = Object.hasOwn(schema.types, record.typeName) ? schema.types[record.typeName] : undefined;
    if (!type) throw Errors.importInvalid(`Record ${describe(record)} is of a type this server does not know`);
    // Session and presence records (camera, pointer, instance…) belong to whoever saved the file.
    if (type.scope !== 'document') continue;
    try {
      kept.push(validateDocumentRecord(schema, record));
    } catch (err) {
      throw Errors.importInvalid(`Record ${describe(record)} is invalid: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const document = kept.find((r): r is TLDocument => r.id === TLDOCUMENT_ID);
  return { records: kept, documentName: document && document.name.trim() ? document.name.trim() : null };
}

/** The records with the document renamed to `title` (the web app shows the document's name as the board title). */
export function withDocumentName(records: readonly TLRecord[], title: string): TLRecord[] {
  return records.map((r) => (r.id === TLDOCUMENT_ID ? ({ ...r, name: title } as TLDocument) : r));
}
