import * as Y from 'yjs';
import type { SerializedSchema, TLRecord, TLStore } from 'tldraw';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY } from './doc.ts';

/** Why a binding is read-only, if it is. */
export type ReadOnlyReason = 'role' | 'newer-schema';

export interface BindingStatus {
  readOnly: boolean;
  reason: ReadOnlyReason | null;
  /** Records from Yjs that failed validation or migration and were skipped. */
  skipped: number;
}

export interface BindOptions {
  store: TLStore;
  doc: Y.Doc;
  /** Viewers: never write to Yjs. */
  readOnly?: boolean;
  /** Called for each remote record that could not be migrated or validated (it is skipped). */
  onInvalidRecord?: (record: unknown, error: unknown) => void;
  /** Local changes are flushed to Yjs at most this often while a user drags (default 33 ms ≈ 30/s). */
  flushIntervalMs?: number;
}

export interface StoreBinding {
  readonly status: BindingStatus;
  /** Writes pending local changes to Yjs now. */
  flush(): void;
  dispose(): void;
}

type KVChange = { action: 'add'; newValue: TLRecord } | { action: 'update'; oldValue: TLRecord; newValue: TLRecord } | { action: 'delete'; oldValue: TLRecord };

/** Our writes carry this origin so we can tell them from remote ones. */
const LOCAL_ORIGIN = Symbol('accord-binding');

function sameSchema(a: unknown, b: SerializedSchema): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Binds a tldraw store to a board doc, both ways. Document-scope records only: session and
 * presence state never enter Yjs. Local user changes are coalesced and flushed in one Yjs
 * transaction carrying only changed records; remote changes enter through `mergeRemoteChanges`,
 * each record migrated from the writer's schema and validated on its own, so one bad record is
 * skipped and reported without stopping the rest.
 */
export function bindStoreToYDoc(opts: BindOptions): StoreBinding {
  const { store, doc } = opts;
  const kv = getRecordsKV(doc);
  const schemaMap = getSchemaMap(doc);
  const ours = store.schema.serialize();
  const interval = opts.flushIntervalMs ?? 33;
  const status: BindingStatus = { readOnly: !!opts.readOnly, reason: opts.readOnly ? 'role' : null, skipped: 0 };

  const report = (record: unknown, error: unknown) => {
    status.skipped++;
    opts.onInvalidRecord?.(record, error);
  };

  /** The writer's schema, when it differs from ours. Newer than ours → read-only. */
  const remoteSchema = (): SerializedSchema | null => {
    const stored = schemaMap.get(SCHEMA_KEY) as SerializedSchema | undefined;
    if (!stored || sameSchema(stored, ours)) return null;
    return stored;
  };

  const checkNewer = () => {
    const theirs = remoteSchema();
    if (!theirs) return;
    const since = store.schema.getMigrationsSince(theirs);
    if (!since.ok) {
      status.readOnly = true;
      status.reason = 'newer-schema';
    }
  };

  /** Migrates (if the writer was older) and validates one incoming record; null when it must be skipped. */
  const accept = (record: TLRecord): TLRecord | null => {
    try {
      let value = record;
      const theirs = remoteSchema();
      if (theirs && status.reason !== 'newer-schema') {
        const migrated = store.schema.migratePersistedRecord(record, theirs, 'up');
        if (migrated.type === 'error') throw new Error(`migration failed: ${migrated.reason}`);
        value = migrated.value;
      }
      const type = store.schema.types[value.typeName as TLRecord['typeName']];
      if (!type) throw new Error(`unknown record type ${String(value.typeName)}`);
      if (type.scope !== 'document') throw new Error(`${value.typeName} records do not belong in the document`);
      const before = store.get(value.id) ?? null;
      return store.schema.validateRecord(store, value, before ? 'updateRecord' : 'createRecord', before);
    } catch (err) {
      report(record, err);
      return null;
    }
  };

  const applyRemote = (puts: TLRecord[], removes: TLRecord['id'][]) => {
    const valid = puts.map(accept).filter((r): r is TLRecord => r !== null);
    if (valid.length === 0 && removes.length === 0) return;
    store.mergeRemoteChanges(() => {
      const gone = removes.filter((id) => store.has(id));
      if (gone.length) store.remove(gone);
      if (valid.length) store.put(valid);
    });
  };

  // Initial load: Yjs is the source of truth when it has records; an empty doc is seeded from the store.
  checkNewer();
  const existing = [...kv.map.values()].map((e) => e.val);
  if (existing.length > 0) {
    const theirs = remoteSchema();
    applyRemote(existing, []);
    // Local document records that the board does not have (a fresh store's defaults) go away.
    const keep = new Set(existing.map((r) => r.id));
    const extra = store.allRecords().filter((r) => store.schema.types[r.typeName]?.scope === 'document' && !keep.has(r.id) && r.typeName !== 'document' && r.typeName !== 'page');
    if (extra.length) store.mergeRemoteChanges(() => store.remove(extra.map((r) => r.id)));
    // An older board is rewritten in our schema, so every record in Yjs matches the schema map.
    if (theirs && !status.readOnly) {
      doc.transact(() => {
        for (const r of store.allRecords()) if (store.schema.types[r.typeName]?.scope === 'document') kv.set(r.id, r);
        schemaMap.set(SCHEMA_KEY, ours);
      }, LOCAL_ORIGIN);
    }
  } else if (!status.readOnly) {
    const docs = store.allRecords().filter((r) => store.schema.types[r.typeName]?.scope === 'document');
    doc.transact(() => {
      for (const r of docs) kv.set(r.id, r);
      schemaMap.set(SCHEMA_KEY, ours);
    }, LOCAL_ORIGIN);
  }

  const onKV = (changes: Map<string, KVChange>, tr: Y.Transaction) => {
    if (tr.origin === LOCAL_ORIGIN) return;
    const puts: TLRecord[] = [];
    const removes: TLRecord['id'][] = [];
    for (const [id, change] of changes) {
      if (change.action === 'delete') removes.push(id as TLRecord['id']);
      else puts.push(change.newValue);
    }
    applyRemote(puts, removes);
  };
  kv.on('change', onKV);
  const onSchema = () => checkNewer();
  schemaMap.observe(onSchema);

  // Local → Yjs, coalesced: last value per id wins, deletions included.
  const pending = new Map<string, TLRecord | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0 || status.readOnly) {
      pending.clear();
      return;
    }
    doc.transact(() => {
      for (const [id, rec] of pending) {
        if (rec) kv.set(id, rec);
        else if (kv.has(id)) kv.delete(id);
      }
      if (!sameSchema(schemaMap.get(SCHEMA_KEY), ours)) schemaMap.set(SCHEMA_KEY, ours);
    }, LOCAL_ORIGIN);
    pending.clear();
  };
  const stopListening = store.listen(
    ({ changes }) => {
      if (status.readOnly) return;
      for (const r of Object.values(changes.added)) pending.set(r.id, r);
      for (const [, to] of Object.values(changes.updated)) pending.set(to.id, to);
      for (const r of Object.values(changes.removed)) pending.set(r.id, null);
      if (!timer) timer = setTimeout(flush, interval);
    },
    { source: 'user', scope: 'document' },
  );

  return {
    status,
    flush,
    dispose() {
      flush();
      stopListening();
      kv.off('change', onKV);
      schemaMap.unobserve(onSchema);
    },
  };
}
