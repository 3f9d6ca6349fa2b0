import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import type { TLRecord } from 'tldraw';

/**
 * The board's Y.Doc layout (ARCHITECTURE.md, "Board documents"):
 * - `records`: Y.Array used through YKeyValue, tldraw document-scope records by id;
 * - `schema`: Y.Map, key `schema` = the serialized tldraw schema of the last writer;
 * - `votes`: Y.Map<voterId, Y.Map<shapeId, number>>.
 * The facilitation room's doc holds the `session` Y.Map.
 */
export const RECORDS = 'records';
export const SCHEMA = 'schema';
export const SCHEMA_KEY = 'schema';
export const VOTES = 'votes';
export const SESSION = 'session';

const kvs = new WeakMap<Y.Doc, YKeyValue<TLRecord>>();

/** The records key-value view of a board doc; one per doc, since YKeyValue observes its array. */
export function getRecordsKV(doc: Y.Doc): YKeyValue<TLRecord> {
  let kv = kvs.get(doc);
  if (!kv) {
    kv = new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(RECORDS));
    kvs.set(doc, kv);
  }
  return kv;
}

export const getSchemaMap = (doc: Y.Doc) => doc.getMap<unknown>(SCHEMA);
export const getVotesMap = (doc: Y.Doc) => doc.getMap<Y.Map<number>>(VOTES);
export const getSessionMap = (doc: Y.Doc) => doc.getMap<unknown>(SESSION);

/** Facilitation state as the app reads it; every field optional because older boards lack them. */
export interface FacilitationSession {
  locked: boolean;
  agendaStep: string | null;
  timer: { durationMs: number; endsAt: number | null; remainingMs: number | null } | null;
  voting: { open: boolean; votesPerPerson: number; anonymous: boolean; revealed: boolean } | null;
  privateWriting: { active: boolean; revealed: boolean } | null;
  focus: { x: number; y: number; z: number; at: number } | null;
}

/** Reads the facilitation session with defaults for anything unset or mistyped. */
export function readSession(doc: Y.Doc): FacilitationSession {
  const m = getSessionMap(doc);
  const obj = <T>(key: string): T | null => {
    const v = m.get(key);
    return v && typeof v === 'object' ? (v as T) : null;
  };
  const step = m.get('agendaStep');
  return {
    locked: m.get('locked') === true,
    agendaStep: typeof step === 'string' ? step : null,
    timer: obj('timer'),
    voting: obj('voting'),
    privateWriting: obj('privateWriting'),
    focus: obj('focus'),
  };
}
