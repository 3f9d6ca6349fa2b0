// A board's file form: reading a `.tldr` file, as tldraw's `parseTldrawJsonFile` does, for a board
// rather than an editor. No Editor, no DOM, no `tldraw` package: the server imports boards with it.
import type { SerializedSchema } from '@tldraw/store';
import { TLDOCUMENT_ID, type TLDocument, type TLRecord, type TLSchema } from '@tldraw/tlschema';
import { compareSchemas, validateDocumentRecord } from './schema.ts';

/**
 * The newest `.tldr` file format this reads. tldraw's own `LATEST_TLDRAW_FILE_FORMAT_VERSION`
 * (tldraw/src/lib/utils/tldr/file.ts) is 1 and not exported.
 */
const TLDR_FILE_FORMAT_VERSION = 1;

/**
 * A `.tldr` file as tldraw's `serializeTldrawJson` writes it, parsed. This much of the shape is
 * what a caller checks first (the server's import route does, with `tldrFileSchema` of
 * `@accord/api`); {@link readTldrFile} checks the rest.
 */
export interface TldrFile {
  tldrawFileFormatVersion: number;
  schema: { schemaVersion: number } & Record<string, unknown>;
  records: Array<{ id: string; typeName: string } & Record<string, unknown>>;
}

/** What a board keeps of a file: its document-scope records in our schema, and its document's name. */
export interface TldrBoard {
  records: TLRecord[];
  /** The document record's name, trimmed; null when it has none or a blank one. */
  documentName: string | null;
}

/** Why a file cannot become a board. */
export type TldrFileErrorKind =
  /** Not a tldraw file, or a damaged one. */
  | 'invalid'
  /** A file from a newer tldraw (format, schema format or record versions) than this build reads. */
  | 'unsupported';

/** A `.tldr` file that cannot be read; `message` names what is wrong, fit to show the person importing. */
export class TldrFileError extends Error {
  readonly kind: TldrFileErrorKind;
  constructor(kind: TldrFileErrorKind, message: string) {
    super(message);
    this.name = 'TldrFileError';
    this.kind = kind;
  }
}

const invalid = (message: string) => new TldrFileError('invalid', message);
const unsupported = (message: string) => new TldrFileError('unsupported', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** tldraw's `T.positiveInteger`, which admits 0. */
const isVersion = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** True for a tldraw 1 file (`{ document: { version, … }, assets }`), which has none of a `.tldr`'s fields. */
export function isTldraw1File(file: unknown): boolean {
  const document = isObject(file) ? file.document : undefined;
  return isObject(document) && document.version !== undefined;
}

/** The part of a serialized schema `getMigrationsSince` relies on, as tldraw's file validator checks it. */
function checkSerializedSchema(schema: TldrFile['schema']): void {
  if (schema.schemaVersion > 2) throw unsupported(`The file's schema format (${schema.schemaVersion}) is newer than this server's tldraw reads`);
  if (schema.schemaVersion === 2) {
    if (!isObject(schema.sequences) || !Object.values(schema.sequences).every(isVersion)) throw invalid('file/schema/sequences must map migration sequence ids to whole numbers');
    return;
  }
  if (schema.schemaVersion !== 1 || !isVersion(schema.storeVersion) || !isObject(schema.recordVersions)) {
    throw invalid('file/schema is not a tldraw schema');
  }
  for (const [type, entry] of Object.entries(schema.recordVersions)) {
    if (!isObject(entry) || !isVersion(entry.version)) throw invalid(`file/schema/recordVersions/${type} is malformed`);
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

/** The records of an older file brought to `schema` by its store migration, or null when that fails. */
function migrate(schema: TLSchema, records: TLRecord[], stored: TldrFile['schema']): TLRecord[] | null {
  const store = Object.fromEntries(records.map((r) => [r.id, r])) as Record<TLRecord['id'], TLRecord>;
  try {
    const result = schema.migrateStoreSnapshot({ store, schema: stored as unknown as SerializedSchema });
    return result.type === 'success' ? Object.values(result.value) : null;
  } catch {
    // A migration that throws on junk data is a damaged file, as when it reports failure.
    return null;
  }
}

/**
 * Reads a `.tldr` file for a board of `schema` (`boardSchema()`): a newer file format or schema is
 * refused (`unsupported`), an older one is migrated with the schema's store migration; then only
 * document-scope records (document, pages, shapes, bindings, assets) are kept, each validated by
 * the schema. Throws a {@link TldrFileError} naming the first record that fails; returns nothing partial.
 */
export function readTldrFile(file: TldrFile, schema: TLSchema): TldrBoard {
  if (file.tldrawFileFormatVersion > TLDR_FILE_FORMAT_VERSION) {
    throw unsupported(`The file's format version (${file.tldrawFileFormatVersion}) is newer than this server reads (${TLDR_FILE_FORMAT_VERSION})`);
  }
  checkSerializedSchema(file.schema);
  const relation = compareSchemas(schema, file.schema);
  if (relation === 'newer') throw unsupported('The file was saved by a newer tldraw than this server has; update the server or save it from this version');

  let records = file.records as unknown as TLRecord[];
  if (relation === 'older') {
    const migrated = migrate(schema, records, file.schema);
    if (!migrated) throw invalid('The file could not be brought up to this version of tldraw: its records are damaged');
    records = migrated;
  }

  const kept: TLRecord[] = [];
  for (const record of pruneUnusedAssets(records)) {
    const type = Object.hasOwn(schema.types, record.typeName) ? schema.types[record.typeName] : undefined;
    if (!type) throw invalid(`Record ${describe(record)} is of a type this server does not know`);
    // Session and presence records (camera, pointer, instance…) belong to whoever saved the file.
    if (type.scope !== 'document') continue;
    try {
      kept.push(validateDocumentRecord(schema, record));
    } catch (err) {
      throw invalid(`Record ${describe(record)} is invalid: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const document = kept.find((r): r is TLDocument => r.id === TLDOCUMENT_ID);
  return { records: kept, documentName: document?.name.trim() ? document.name.trim() : null };
}
