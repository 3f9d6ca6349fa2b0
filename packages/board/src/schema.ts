import type { SerializedSchema } from '@tldraw/store';
import type { TLRecord, TLSchema } from '@tldraw/tlschema';

/**
 * How the schema stored with a board relates to ours:
 * - `none`: no (usable) schema stored, e.g. a new board; records are taken as ours;
 * - `same`: written by our schema;
 * - `older`: written by an older tldraw; records are migrated up on the way in;
 * - `newer`: written by a tldraw we cannot migrate from (a later version, or one that knows record
 *   types we do not); the board must be opened read-only.
 */
export type SchemaRelation = 'none' | 'same' | 'older' | 'newer';

/** A record from the board that could not be migrated or validated, and why. */
interface InvalidRecord {
  record: unknown;
  error: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compares a stored serialized schema (`schema` map of the board) with ours. Sequence by sequence,
 * so key order does not matter; a stored schema that knows a sequence we do not is `newer`.
 */
export function compareSchemas(schema: TLSchema, stored: unknown): SchemaRelation {
  if (!isObject(stored)) return 'none';
  // The server asks on every write, with the same stored value (a Y.Map keeps its object) until
  // someone changes it: remember each answer rather than serialize our schema again every time.
  let answers = compared.get(schema);
  if (!answers) {
    answers = new WeakMap();
    compared.set(schema, answers);
  }
  let relation = answers.get(stored);
  if (relation === undefined) {
    relation = relate(schema, stored);
    answers.set(stored, relation);
  }
  return relation;
}

const compared = new WeakMap<TLSchema, WeakMap<object, SchemaRelation>>();

function relate(schema: TLSchema, stored: Record<string, unknown>): SchemaRelation {
  if (typeof stored.schemaVersion !== 'number') return 'none';
  if (stored.schemaVersion > 2) return 'newer';
  const migratable = () => schema.getMigrationsSince(stored as unknown as SerializedSchema).ok;
  if (stored.schemaVersion < 2) return migratable() ? 'older' : 'newer';
  if (!isObject(stored.sequences)) return 'none';
  const ours = schema.serialize().sequences;
  const theirs = stored.sequences;
  let older = false;
  for (const [id, version] of Object.entries(theirs)) {
    const mine = ours[id];
    if (mine === undefined || typeof version !== 'number' || version > mine) return 'newer';
    if (version < mine) older = true;
  }
  for (const id of Object.keys(ours)) if (theirs[id] === undefined) older = true;
  if (!older) return 'same';
  return migratable() ? 'older' : 'newer';
}

/**
 * Checks that a record may enter a tldraw store of this schema: a known, document-scope type whose
 * validator accepts it. Returns the validated record; throws otherwise.
 */
export function validateDocumentRecord(schema: TLSchema, record: unknown, before?: TLRecord): TLRecord {
  if (!isObject(record) || typeof record.typeName !== 'string' || typeof record.id !== 'string') {
    throw new Error('not a tldraw record');
  }
  const type = Object.hasOwn(schema.types, record.typeName) ? schema.types[record.typeName as TLRecord['typeName']] : undefined;
  if (!type) throw new Error(`unknown record type "${record.typeName}"`);
  if (type.scope !== 'document') throw new Error(`"${record.typeName}" records do not belong in the board document`);
  return (type.validate as (r: unknown, b?: TLRecord) => TLRecord)(record, before);
}

/**
 * Brings one record from a writer's schema to ours (when the writer was older) and validates it.
 * Throws when it cannot.
 */
export function migrateDocumentRecord(schema: TLSchema, record: TLRecord, stored: unknown, relation: SchemaRelation, before?: TLRecord): TLRecord {
  let value = record;
  if (relation === 'older') {
    const result = schema.migratePersistedRecord(record, stored as SerializedSchema, 'up');
    if (result.type === 'error') throw new Error(`migration failed: ${result.reason}`);
    value = result.value;
  }
  return validateDocumentRecord(schema, value, before);
}

/** The outcome of bringing a whole board's records to our schema. */
export interface MigratedBoard {
  /** Records ready for a store of our schema. */
  records: TLRecord[];
  /** Records that could not be migrated or validated; left out of `records`. */
  invalid: InvalidRecord[];
  relation: SchemaRelation;
}

/**
 * Brings a whole board (the records and the schema they were written with) to our schema. An older
 * board goes through the schema's snapshot migration, which also runs store-level migrations; if
 * one record breaks that, every record is migrated on its own so only the broken ones are lost.
 * A newer board's records are only validated: what our schema accepts can still be shown.
 */
export function migrateBoard(schema: TLSchema, records: readonly TLRecord[], stored: unknown): MigratedBoard {
  const relation = compareSchemas(schema, stored);
  const invalid: InvalidRecord[] = [];
  const valid: TLRecord[] = [];
  const validateAll = (list: Iterable<TLRecord>) => {
    for (const record of list) {
      try {
        valid.push(validateDocumentRecord(schema, record));
      } catch (error) {
        invalid.push({ record, error });
      }
    }
  };
  if (relation !== 'older') {
    validateAll(records);
    return { records: valid, invalid, relation };
  }
  // Records of unknown or non-document types would fail the whole snapshot migration: set them aside first.
  const known: TLRecord[] = [];
  for (const record of records) {
    const typeName = isObject(record) ? record.typeName : undefined;
    const type = typeof typeName === 'string' && Object.hasOwn(schema.types, typeName) ? schema.types[typeName as TLRecord['typeName']] : undefined;
    if (type?.scope === 'document' && typeof record.id === 'string') known.push(record);
    else validateAll([record]);
  }
  const snapshot = { store: Object.fromEntries(known.map((r) => [r.id, r])) as Record<TLRecord['id'], TLRecord>, schema: stored as SerializedSchema };
  const result = schema.migrateStoreSnapshot(snapshot);
  if (result.type === 'success') {
    validateAll(Object.values(result.value));
    return { records: valid, invalid, relation };
  }
  for (const record of known) {
    try {
      valid.push(migrateDocumentRecord(schema, record, stored, relation));
    } catch (error) {
      invalid.push({ record, error });
    }
  }
  return { records: valid, invalid, relation };
}
