import type * as Y from 'yjs';
import type { TLRecord, TLStore } from '@tldraw/tlschema';
import { isEqual } from '@tldraw/utils';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY, writeEntries } from './doc.ts';
import { compareSchemas, migrateBoard, migrateDocumentRecord, type SchemaRelation } from './schema.ts';

/** Why a binding does not write: the user's role, or a board saved by a newer tldraw schema. */
type ReadOnlyReason = 'role' | 'newer-schema';

/** Live state of a binding; the object is updated in place (see `onStatusChange`). */
export interface BindingStatus {
  /** True when local changes are not written to Yjs. */
  readOnly: boolean;
  /** Why the binding is read-only; `newer-schema` means the app should ask the user to reload. */
  reason: ReadOnlyReason | null;
  /** How many records from Yjs failed migration or validation and were left out of the store. */
  skipped: number;
}

/** Options of {@link bindStoreToYDoc}. */
export interface BindOptions {
  /** A tldraw store, e.g. `createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })`. */
  store: TLStore;
  /** The board's content doc (room `<boardId>`), ideally already synced with the server. */
  doc: Y.Doc;
  /** Viewers: never write to Yjs. */
  readOnly?: boolean;
  /** Called for each record from Yjs that could not be migrated or validated; it is skipped, the rest goes on. */
  onInvalidRecord?: (record: unknown, error: unknown) => void;
  /** Called after `status` changed (e.g. the board turned read-only because a newer client wrote to it). */
  onStatusChange?: (status: BindingStatus) => void;
  /** Local changes are written to Yjs at most this often, so a drag is a few updates a second (default 33 ms ≈ 30/s). */
  flushIntervalMs?: number;
  /**
   * Records for which this returns true stay in the local store only: they are never written to
   * Yjs (private writing keeps a participant's notes on their device until the reveal). When a
   * record stops being local-only (its flag is removed by a local change), it is written like any
   * other change. Such records are also kept when the doc's records replace the store's on bind.
   */
  isLocalOnly?: (record: TLRecord) => boolean;
}

/** A live binding between a tldraw store and a board doc. */
export interface StoreBinding {
  /** Live status, updated in place. */
  readonly status: BindingStatus;
  /** The transaction origin of this binding's writes to the doc. */
  readonly origin: object;
  /** Writes pending local changes to Yjs now instead of at the next flush tick. */
  flush(): void;
  /**
   * Stops or resumes writing, e.g. while a facilitator has locked the board for participants (the
   * relay would refuse their writes). Pending changes are flushed first. A board opened read-only
   * because of a newer schema stays read-only. Changes made while read-only are never written.
   */
  setReadOnly(readOnly: boolean): void;
  /** Writes pending changes, then stops syncing in both directions. The store keeps its records. */
  dispose(): void;
}

type KVChange = { action: 'add'; newValue: TLRecord } | { action: 'update'; oldValue: TLRecord; newValue: TLRecord } | { action: 'delete'; oldValue: TLRecord };

/**
 * Binds a tldraw store to a board's content doc, both ways, for document-scope records only:
 * session and presence records (instance, camera, pointer, page states, presence) never enter Yjs.
 *
 * - On bind, a doc with records is the source of truth: its records are migrated from the stored
 *   schema and validated, replace the store's document records, and (when writable) an older board
 *   is rewritten in our schema. A board saved by a newer schema opens read-only
 *   (`status.reason === 'newer-schema'`). An empty doc is seeded from the store's document records.
 * - Local user changes are coalesced per record id and written in one transaction at most every
 *   `flushIntervalMs`; a flush writes the store's current value of each changed record (or deletes
 *   it), so whatever arrived from others in between can never be overwritten by a stale value.
 * - Remote changes enter through `store.mergeRemoteChanges`; each record is migrated (when its
 *   writer was older) and validated on its own, so a bad one is skipped and reported.
 *
 * Bind after the doc has synced with the server (y-websocket `sync` event); binding an empty doc
 * first would seed it with the store's defaults.
 */
export function bindStoreToYDoc(opts: BindOptions): StoreBinding {
  const { store, doc } = opts;
  const schema = store.schema;
  const kv = getRecordsKV(doc);
  const schemaMap = getSchemaMap(doc);
  const interval = opts.flushIntervalMs ?? 33;
  const origin = { binding: '@accord/board' };
  const status: BindingStatus = { readOnly: !!opts.readOnly, reason: opts.readOnly ? 'role' : null, skipped: 0 };
  const isDocumentRecord = (r: TLRecord) => schema.types[r.typeName]?.scope === 'document';
  const isLocalOnly = opts.isLocalOnly ?? (() => false);
  /** Document records that belong in Yjs. */
  const isShared = (r: TLRecord) => isDocumentRecord(r) && !isLocalOnly(r);

  const report = (record: unknown, error: unknown) => {
    status.skipped++;
    opts.onInvalidRecord?.(record, error);
  };

  // The relation of the stored schema to ours, recomputed only when the stored value changes.
  let lastStored: unknown = Symbol('unset');
  let lastRelation: SchemaRelation = 'none';
  const stored = () => schemaMap.get(SCHEMA_KEY);
  const relation = (): SchemaRelation => {
    const value = stored();
    if (value !== lastStored) {
      lastStored = value;
      lastRelation = compareSchemas(schema, value);
    }
    return lastRelation;
  };
  const checkSchema = () => {
    if (relation() !== 'newer' || status.reason === 'newer-schema') return;
    status.readOnly = true;
    status.reason = 'newer-schema';
    pending.clear();
    opts.onStatusChange?.(status);
  };

  /** Puts and removes in one remote merge; if the store refuses, record by record so one bad record keeps out nothing else. */
  const mergeIntoStore = (puts: TLRecord[], removes: TLRecord['id'][]) => {
    if (puts.length === 0 && removes.length === 0) return;
    try {
      store.mergeRemoteChanges(() => {
        if (removes.length) store.remove(removes);
        if (puts.length) store.put(puts);
      });
    } catch {
      for (const id of removes) tryMerge(id, () => store.remove([id]));
      for (const r of puts) tryMerge(r, () => store.put([r]));
    }
  };
  const tryMerge = (subject: unknown, fn: () => void) => {
    try {
      store.mergeRemoteChanges(fn);
    } catch (error) {
      report(subject, error);
    }
  };

  const pending = new Set<TLRecord['id']>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = (puts: TLRecord[], deletes: string[]) => {
    const rel = relation();
    if (rel === 'newer') return;
    if (rel !== 'same') {
      // Our schema is about to replace the stored one, so no record may stay in the old writer's
      // format: rewrite each one the store holds (migrated) that differs from what Yjs holds.
      const written = new Set<string>([...puts.map((r) => r.id), ...deletes]);
      for (const [id, entry] of kv.map) {
        if (written.has(id)) continue;
        const current = store.get(id as TLRecord['id']);
        if (current && !isLocalOnly(current) && !isEqual(entry.val, current)) puts.push(current);
      }
    }
    if (puts.length === 0 && deletes.length === 0 && rel === 'same') return;
    doc.transact(() => {
      writeEntries(kv, puts, deletes);
      if (rel !== 'same') schemaMap.set(SCHEMA_KEY, schema.serialize());
    }, origin);
  };

  // Initial load: Yjs is the source of truth when it has records; an empty doc is seeded from the store.
  checkSchema();
  // Entries that are not { key, val } (stored before the server judged writes) are skipped, and said so.
  for (let i = 0; i < kv.malformed; i++) report(undefined, new Error('an entry of the board is not a { key, val } record'));
  const existing = [...kv.map.values()].map((e) => e.val);
  if (existing.length > 0) {
    const board = migrateBoard(schema, existing, stored());
    for (const { record, error } of board.invalid) report(record, error);
    const keep = new Set<string>(board.records.map((r) => r.id));
    const stale = store.allRecords().filter((r) => isShared(r) && !keep.has(r.id));
    mergeIntoStore(board.records, stale.map((r) => r.id));
    if (!status.readOnly) {
      // Rewrites what migration changed, and adds what the store had to create to be usable
      // (tldraw adds a document record and a page to a store that lacks them).
      const changed = store.allRecords().filter((r) => isShared(r) && !isEqual(kv.get(r.id), r));
      if (changed.length > 0 || board.relation !== 'same') write(changed, []);
    }
  } else if (!status.readOnly) {
    const local = store.allRecords().filter(isShared);
    if (local.length > 0) write(local, []);
  }

  const onKV = (changes: Map<string, KVChange>, tr: Y.Transaction) => {
    if (tr.origin === origin) return;
    const rel = relation();
    const value = stored();
    const puts: TLRecord[] = [];
    const removes: TLRecord['id'][] = [];
    for (const [id, change] of changes) {
      if (change.action === 'delete') {
        if (store.has(id as TLRecord['id'])) removes.push(id as TLRecord['id']);
        continue;
      }
      try {
        puts.push(migrateDocumentRecord(schema, change.newValue, value, rel, store.get(id as TLRecord['id'])));
      } catch (error) {
        report(change.newValue, error);
      }
    }
    mergeIntoStore(puts, removes);
  };
  kv.on('change', onKV);
  schemaMap.observe(checkSchema);

  // Local → Yjs, coalesced: remember which records changed; a flush writes their current values.
  const flush = () => {
    // tldraw hands changes to listeners once per animation frame; take what is waiting now.
    store._flushHistory();
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const ids = [...pending];
    pending.clear();
    if (status.readOnly) return;
    const puts: TLRecord[] = [];
    const deletes: string[] = [];
    for (const id of ids) {
      const current = store.get(id);
      if (current) {
        if (isLocalOnly(current)) continue;
        if (!isEqual(kv.get(id), current)) puts.push(current);
      } else if (kv.has(id)) {
        deletes.push(id);
      }
    }
    if (puts.length || deletes.length) write(puts, deletes);
  };
  const stopListening = store.listen(
    ({ changes }) => {
      if (status.readOnly) return;
      for (const id of Object.keys(changes.added)) pending.add(id as TLRecord['id']);
      for (const id of Object.keys(changes.updated)) pending.add(id as TLRecord['id']);
      for (const id of Object.keys(changes.removed)) pending.add(id as TLRecord['id']);
      if (!timer && pending.size > 0) timer = setTimeout(flush, interval);
    },
    { source: 'user', scope: 'document' },
  );

  let disposed = false;
  return {
    status,
    origin,
    flush,
    setReadOnly(readOnly) {
      if (status.reason === 'newer-schema' || readOnly === status.readOnly) return;
      if (readOnly) flush();
      status.readOnly = readOnly;
      status.reason = readOnly ? 'role' : null;
      opts.onStatusChange?.(status);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      flush();
      stopListening();
      if (timer) clearTimeout(timer);
      kv.off('change', onKV);
      schemaMap.unobserve(checkSchema);
    },
  };
}
