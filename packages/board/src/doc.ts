import type * as Y from 'yjs';
import { RecordsKV } from './kv.ts';
import type { TLRecord, TLSchema } from '@tldraw/tlschema';

// The board's Y.Doc layout (ARCHITECTURE.md, "Board documents (contract)").

/** Root `Y.Array` of the content room holding `{ key, val }` entries, read through `YKeyValue`. */
export const RECORDS = 'records';
/** Root `Y.Map` of the content room holding the serialized tldraw schema of the last writer. */
export const SCHEMA = 'schema';
/** The key under which the `schema` map holds the serialized schema (`store.schema.serialize()`). */
export const SCHEMA_KEY = 'schema';

/** One entry of the `records` array, as YKeyValue stores it. */
interface RecordEntry {
  key: string;
  val: TLRecord;
}

const kvs = new WeakMap<Y.Doc, RecordsKV<TLRecord>>();

/**
 * The `records` key-value view of a board doc. One instance per doc (cached), because YKeyValue
 * observes the array and removes overwritten entries: two instances would both do that work.
 */
export function getRecordsKV(doc: Y.Doc): RecordsKV<TLRecord> {
  let kv = kvs.get(doc);
  if (!kv) {
    kv = new RecordsKV<TLRecord>(doc.getArray<RecordEntry>(RECORDS));
    kvs.set(doc, kv);
  }
  return kv;
}

/** The `schema` map of a board doc; the serialized schema is under {@link SCHEMA_KEY}. */
export function getSchemaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SCHEMA);
}

/**
 * The board's records as stored, without attaching a YKeyValue (so nothing is observed or
 * written): the rightmost entry per key wins, as in YKeyValue. Not migrated nor validated; see
 * `migrateBoard` for that.
 */
export function readRecords(doc: Y.Doc): TLRecord[] {
  const byKey = new Map<string, TLRecord>();
  const entries = doc.getArray<RecordEntry>(RECORDS).toArray();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    // Entries that are not { key, val: object } (stored before writes were judged) are skipped.
    if (!entry || typeof entry !== 'object' || typeof entry.key !== 'string' || byKey.has(entry.key)) continue;
    const val: unknown = entry.val;
    if (val && typeof val === 'object' && !Array.isArray(val)) byKey.set(entry.key, val as TLRecord);
  }
  return [...byKey.values()];
}

/** Writes this many keys or fewer one by one; more are written in one sweep of the array. */
const BULK_THRESHOLD = 16;

/**
 * Sets and deletes records in the YKeyValue; call inside `doc.transact`. A few keys go through
 * `kv.set`/`kv.delete`, which scan the array per key; many keys (a load, a paste, a migration)
 * are written with one scan and one push, which is orders of magnitude faster on large boards.
 * An id should not be in both lists (if it is, the put wins).
 */
export function writeEntries(kv: RecordsKV<TLRecord>, puts: readonly TLRecord[], deletes: readonly string[]): void {
  const removes = deletes.filter((id) => kv.has(id));
  if (puts.length + removes.length <= BULK_THRESHOLD) {
    for (const id of removes) kv.delete(id);
    for (const r of puts) kv.set(r.id, r);
    return;
  }
  const keys = new Set<string>([...removes, ...puts.map((r) => r.id)]);
  const yarray = kv.yarray as Y.Array<RecordEntry>;
  const entries = yarray.toArray();
  // Right to left, in runs, so indices stay valid and neighbours go in one delete.
  let i = entries.length - 1;
  while (i >= 0) {
    if (!keys.has(entries[i]!.key)) {
      i--;
      continue;
    }
    let start = i;
    while (start > 0 && keys.has(entries[start - 1]!.key)) start--;
    yarray.delete(start, i - start + 1);
    i = start - 1;
  }
  if (puts.length) yarray.push(puts.map((val) => ({ key: val.id, val })));
}

/**
 * Writes document records into a board doc together with the writer's schema, in one transaction:
 * for seeding a board outside an editor (server-side templates, imports, tests). Records are
 * written as given, so they must already be valid for `schema`.
 */
export function writeBoardRecords(doc: Y.Doc, records: readonly TLRecord[], schema: TLSchema, origin?: unknown): void {
  const kv = getRecordsKV(doc);
  doc.transact(() => {
    writeEntries(kv, records, []);
    getSchemaMap(doc).set(SCHEMA_KEY, schema.serialize());
  }, origin);
}

