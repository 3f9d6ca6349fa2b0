import * as Y from 'yjs';
import { TLDOCUMENT_ID, type TLDocument, type TLRecord, type TLSchema } from '@tldraw/tlschema';
import { isEqual } from '@tldraw/utils';
import { RECORDS, SCHEMA_KEY, getRecordsKV, getSchemaMap, readRecords, writeEntries } from './doc.ts';
import { TEMPLATE_APPLIED_META } from './meta.ts';
import { compareSchemas, migrateBoard } from './schema.ts';
import { rec } from './values.ts';

// Restoring a board to an earlier version of itself, in place (ARCHITECTURE.md, "History"): the
// live content doc gets the difference — every record that differs is set, every record the
// version did not have is deleted — so everyone's board returns to the version at once, as one
// more change on top of the history rather than a rewrite of it.

/**
 * Is this record id one of the records that say who is on the board rather than what is on it —
 * tldraw's `user` records, written by each person's editor when they open the board? A restore
 * leaves them as they are and the history does not count them, like the people registry.
 */
const isIdentityRecordId = (id: string): boolean => id.startsWith('user:');

/** What a restore changed. */
export interface RestoredBoard {
  /** Records set to their value in the version (added back or changed back). */
  readonly set: number;
  /** Records the version did not have, deleted. */
  readonly deleted: number;
  /** Records of the version that our schema cannot read: left as they are on the live board. */
  readonly skipped: number;
}

/** Why a board cannot be restored: its live records were written by a newer schema than ours. */
export class BoardRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoardRestoreError';
  }
}

/**
 * The live document record a version's document should keep: the board's title (the server's,
 * kept in the boards table) and whether its template was inserted (so a facilitator's next visit
 * does not insert it again) are the live board's, not the version's.
 */
function documentFor(version: TLDocument, live: TLDocument | undefined): TLDocument {
  if (!live) return version;
  const meta = { ...rec(version.meta) };
  const applied = rec(live.meta)?.[TEMPLATE_APPLIED_META];
  if (applied !== undefined) meta[TEMPLATE_APPLIED_META] = applied;
  else delete meta[TEMPLATE_APPLIED_META];
  return { ...version, name: live.name, meta } as TLDocument;
}

/**
 * Writes into `live` (a board's content doc) the difference that brings its records back to those
 * of `version` (the same board's content at an earlier version), in one transaction. Records are
 * compared as our schema reads them; when the live board was written by an older schema, the
 * schema map is moved to ours with the records, as the store binding does. Untouched: the people
 * registry, tldraw's `user` records and legacy votes (who joined is not board content), the
 * facilitation room, and what never enters Yjs (private notes, session state). Throws `BoardRestoreError` when the live board was
 * written by a newer schema than `schema`.
 */
export function restoreBoardVersion(live: Y.Doc, version: Y.Doc, schema: TLSchema): RestoredBoard {
  const liveSchema = getSchemaMap(live).get(SCHEMA_KEY);
  const relation = compareSchemas(schema, liveSchema);
  if (relation === 'newer') throw new BoardRestoreError('the board was last written by a newer version of Accord than this server');
  const kv = getRecordsKV(live);
  const target = migrateBoard(schema, readRecords(version), getSchemaMap(version).get(SCHEMA_KEY));
  const wanted = new Map<string, TLRecord>(target.records.filter((r) => !isIdentityRecordId(r.id)).map((r) => [r.id, r]));
  const versionDocument = wanted.get(TLDOCUMENT_ID) as TLDocument | undefined;
  const liveDocument = kv.get(TLDOCUMENT_ID);
  if (versionDocument) wanted.set(TLDOCUMENT_ID, documentFor(versionDocument, liveDocument?.typeName === 'document' ? liveDocument : undefined));
  // A record of the version we cannot read stays as the live board has it, rather than being deleted.
  const unreadable = new Set(target.invalid.map(({ record }) => rec(record)?.id).filter((id): id is string => typeof id === 'string'));

  const puts = [...wanted.values()].filter((r) => !isEqual(kv.get(r.id), r));
  // The document record is never deleted: a board without one is not a board.
  const deletes = [...kv.map.keys()].filter((id) => !wanted.has(id) && !unreadable.has(id) && id !== TLDOCUMENT_ID && !isIdentityRecordId(id));
  const moveSchema = relation !== 'same';
  if (puts.length + deletes.length > 0 || moveSchema) {
    live.transact(() => {
      writeEntries(kv, puts, deletes);
      if (moveSchema) getSchemaMap(live).set(SCHEMA_KEY, schema.serialize());
    });
  }
  return { set: puts.length, deleted: deletes.length, skipped: target.invalid.length };
}

/** The `records` entries one transaction added and removed, by key: a record set anew is in both. */
export interface RecordEntryChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Calls `onChange` after every transaction of `doc` that added or removed `records` entries, with
 * their keys — how much one stored update changed the board, and whether it deleted records, for
 * its history. Identity records (`isIdentityRecordId`) are left out: someone opening the board is
 * not a change to it. Reads only the structs each transaction created or deleted — not the array's
 * event, whose `changes` walk every entry of the array, which would make replaying a long history
 * of a large board quadratic. Returns the function that stops observing.
 */
export function observeRecordChanges(doc: Y.Doc, onChange: (changes: RecordEntryChanges) => void): () => void {
  const records = doc.getArray(RECORDS);
  const keysOf = (item: Y.Item, into: string[]) => {
    const content = item.content;
    // Deleted items still carry their content after the transaction's observers; GC comes after.
    if (!(content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) return;
    for (const entry of content.arr as unknown[]) {
      const key = rec(entry)?.key;
      if (typeof key === 'string' && !isIdentityRecordId(key)) into.push(key);
    }
  };
  const onTransaction = (tr: Y.Transaction) => {
    if (!tr.changed.has(records)) return;
    const created = (id: Y.ID) => id.clock >= (tr.beforeState.get(id.client) ?? 0);
    const added: string[] = [];
    const removed: string[] = [];
    // Entries made in this transaction and still there.
    tr.afterState.forEach((clock, client) => {
      const before = tr.beforeState.get(client) ?? 0;
      const structs = doc.store.clients.get(client);
      if (clock <= before || !structs) return;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct instanceof Y.Item && struct.parent === records && !struct.deleted) keysOf(struct, added);
      }
    });
    // Entries there before and deleted by it.
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.parent === records && !created(struct.id)) keysOf(struct, removed);
    });
    if (added.length + removed.length > 0) onChange({ added, removed });
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
