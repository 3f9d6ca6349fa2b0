import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import type { TLRecord, TLSchema } from 'tldraw';

// The board's Y.Doc layout (ARCHITECTURE.md, "Board documents (contract)").

/** Root `Y.Array` of the content room holding `{ key, val }` entries, read through `YKeyValue`. */
export const RECORDS = 'records';
/** Root `Y.Map` of the content room holding the serialized tldraw schema of the last writer. */
export const SCHEMA = 'schema';
/** The key under which the `schema` map holds the serialized schema (`store.schema.serialize()`). */
export const SCHEMA_KEY = 'schema';
/** Root `Y.Map<voterId, Y.Map<shapeId, number>>` of the content room. */
export const VOTES = 'votes';
/** Root `Y.Map` of the facilitation room (`<boardId>/facilitation`). */
export const SESSION = 'session';
/** Suffix of the facilitation room's name: `<boardId>/facilitation`. */
export const FACILITATION_ROOM_SUFFIX = '/facilitation';

/** One entry of the `records` array, as YKeyValue stores it. */
export interface RecordEntry {
  key: string;
  val: TLRecord;
}

const kvs = new WeakMap<Y.Doc, YKeyValue<TLRecord>>();

/**
 * The `records` key-value view of a board doc. One instance per doc (cached), because YKeyValue
 * observes the array and removes overwritten entries: two instances would both do that work.
 */
export function getRecordsKV(doc: Y.Doc): YKeyValue<TLRecord> {
  let kv = kvs.get(doc);
  if (!kv) {
    kv = new YKeyValue<TLRecord>(doc.getArray<RecordEntry>(RECORDS));
    kvs.set(doc, kv);
  }
  return kv;
}

/** The `schema` map of a board doc; the serialized schema is under {@link SCHEMA_KEY}. */
export function getSchemaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SCHEMA);
}

/** The `votes` map of a board doc: voter id → (shape id → number of votes). */
export function getVotesMap(doc: Y.Doc): Y.Map<Y.Map<number>> {
  return doc.getMap<Y.Map<number>>(VOTES);
}

/** The `session` map of a board's facilitation doc. */
export function getSessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SESSION);
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
    if (entry && typeof entry === 'object' && typeof entry.key === 'string' && !byKey.has(entry.key)) byKey.set(entry.key, entry.val);
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
export function writeEntries(kv: YKeyValue<TLRecord>, puts: readonly TLRecord[], deletes: readonly string[]): void {
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
 * Facilitation state of a board, as stored in the facilitation room's `session` map (one key per
 * field, plain JSON values). {@link readSession} fills defaults for anything unset or malformed.
 */
export interface FacilitationSession {
  /** Participants may not edit the board's content (the relay enforces it). */
  locked: boolean;
  /** Id of the current agenda step (a template's `AgendaStep.id`), or null before the agenda starts. */
  agendaStep: string | null;
  timer: FacilitationTimer | null;
  voting: FacilitationVoting | null;
  privateWriting: FacilitationPrivateWriting | null;
  focus: FacilitationFocus | null;
  followMe: FacilitationFollow | null;
}

/** A countdown on the server clock (as the web app's facilitator panel writes it). */
export interface FacilitationTimer {
  durationMs: number;
  /** Server-clock time (ms) it reaches zero while running; null when paused or reset. */
  endsAt: number | null;
  /** Time left while paused. */
  remainingMs: number;
  running: boolean;
}

/** A dot-voting round; the votes themselves are in the content room's `votes` map. */
export interface FacilitationVoting {
  /** Round id; ballots are keyed `<id>:<side>:<personId>` (see {@link voterKey}). */
  id: string;
  open: boolean;
  /** 1–20. */
  votesPerPerson: number;
  /** Most dots one person may put on one note; null for no limit. */
  perNoteLimit: number | null;
  anonymous: boolean;
  revealed: boolean;
  /** Only notes inside this frame count; null for the whole board. */
  frameId: string | null;
}

/**
 * Private writing: while a round is active and not revealed, each person's new notes stay on their
 * own device (flagged `meta.accordPrivate = { round, by }`); on reveal every client publishes its
 * notes of that round at once.
 */
export interface FacilitationPrivateWriting {
  /** Round id; notes carry it, so notes of an earlier round are published too. */
  id: string;
  active: boolean;
  revealed: boolean;
  /** Publish without the author's name. */
  anonymous: boolean;
}

/** "Follow me": participants' views follow this person until they or the leader stop. */
export interface FacilitationFollow {
  /** Person id of the leader (the facilitator who asked). */
  by: string;
  /** Server-clock time of the request; a participant who stopped following is not pulled back by the same request. */
  at: number;
}

/** "Bring everyone here": the page area everyone's view moves to once per request. */
export interface FacilitationFocus {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Server-clock time of the request (ms); makes each request distinct. */
  at: number;
  /** User id of the facilitator who asked (their own view stays). */
  by: string;
  /** Page of the area, when given. */
  pageId: string | null;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): number | null => (num(v) ? v : null);
const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function readTimer(v: unknown): FacilitationTimer | null {
  const t = rec(v);
  if (!t || !num(t.durationMs)) return null;
  return { durationMs: t.durationMs, endsAt: numOrNull(t.endsAt), remainingMs: num(t.remainingMs) ? t.remainingMs : t.durationMs, running: t.running === true };
}

function readVoting(v: unknown): FacilitationVoting | null {
  const t = rec(v);
  if (!t || typeof t.id !== 'string' || typeof t.open !== 'boolean') return null;
  const per = t.votesPerPerson;
  if (!Number.isInteger(per) || (per as number) < 1 || (per as number) > 20) return null;
  const limit = t.perNoteLimit;
  return {
    id: t.id,
    open: t.open,
    votesPerPerson: per as number,
    perNoteLimit: Number.isInteger(limit) && (limit as number) > 0 ? (limit as number) : null,
    anonymous: t.anonymous === true,
    revealed: t.revealed === true,
    frameId: typeof t.frameId === 'string' ? t.frameId : null,
  };
}

function readPrivateWriting(v: unknown): FacilitationPrivateWriting | null {
  const t = rec(v);
  if (!t || typeof t.id !== 'string' || !t.id) return null;
  return { id: t.id, active: t.active === true, revealed: t.revealed === true, anonymous: t.anonymous === true };
}

function readFollow(v: unknown): FacilitationFollow | null {
  const t = rec(v);
  return t && typeof t.by === 'string' && t.by && num(t.at) ? { by: t.by, at: t.at } : null;
}

function readFocus(v: unknown): FacilitationFocus | null {
  const t = rec(v);
  if (!t || !num(t.x) || !num(t.y) || !num(t.w) || !num(t.h) || !num(t.at)) return null;
  return { x: t.x, y: t.y, w: t.w, h: t.h, at: t.at, by: typeof t.by === 'string' ? t.by : '', pageId: typeof t.pageId === 'string' ? t.pageId : null };
}

/** Reads the facilitation session (from the facilitation doc), with defaults for anything unset or malformed. */
export function readSession(doc: Y.Doc): FacilitationSession {
  const m = getSessionMap(doc);
  const step = m.get('agendaStep');
  return {
    locked: m.get('locked') === true,
    agendaStep: typeof step === 'string' ? step : null,
    timer: readTimer(m.get('timer')),
    voting: readVoting(m.get('voting')),
    privateWriting: readPrivateWriting(m.get('privateWriting')),
    focus: readFocus(m.get('focus')),
    followMe: readFollow(m.get('followMe')),
  };
}

/** Writes the given session fields in one transaction (facilitators only; the relay refuses others). */
export function updateSession(doc: Y.Doc, patch: Partial<FacilitationSession>, origin?: unknown): void {
  const m = getSessionMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) m.set(key, value);
  }, origin);
}

/** Total votes per shape id over all voters, from the content doc's `votes` map. */
export function tallyVotes(doc: Y.Doc): Map<string, number> {
  const totals = new Map<string, number>();
  getVotesMap(doc).forEach((ballot) => {
    if (!(ballot instanceof Y.Map)) return;
    ballot.forEach((n, shapeId) => {
      if (num(n) && n > 0) totals.set(shapeId, (totals.get(shapeId) ?? 0) + n);
    });
  });
  return totals;
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

/** Root `Y.Map<personId, Person>` of the content room: everyone who has written on the board. */
export const PEOPLE = 'people';

/** Which side of the trifecta a person sits on, when they said so. */
export type Party = 'em' | 'pm' | 'business';
export const PARTIES: readonly Party[] = ['em', 'pm', 'business'];

/** A person who joined the board with write access, as they introduced themselves. */
export interface Person {
  id: string;
  name: string;
  color: string;
  /** Their role on the board ('facilitator' | 'participant'), from their link. */
  role: string;
  /** Their side of the trifecta, or null. */
  party: Party | null;
  /** Last time (ms, their clock) they were on the board. */
  lastSeen: number;
}

/** The `people` map of a board doc. */
export function getPeopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PEOPLE);
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

function readPerson(id: string, v: unknown): Person | null {
  const p = rec(v);
  if (!p) return null;
  const name = str(p.name, 80);
  if (name === null) return null;
  const party = PARTIES.includes(p.party as Party) ? (p.party as Party) : null;
  return { id, name, color: str(p.color, 32) ?? '#888888', role: str(p.role, 20) ?? 'participant', party, lastSeen: num(p.lastSeen) ? p.lastSeen : 0 };
}

/** Everyone in the `people` map (validated; malformed entries are skipped), by name. */
export function readPeople(doc: Y.Doc): Person[] {
  const out: Person[] = [];
  getPeopleMap(doc).forEach((v, id) => {
    const p = readPerson(id, v);
    if (p) out.push(p);
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Adds or refreshes a person in the `people` map (skipped when nothing but `lastSeen` changed recently). */
export function upsertPerson(doc: Y.Doc, person: Person, origin?: unknown): void {
  const prev = readPerson(person.id, getPeopleMap(doc).get(person.id));
  if (prev && prev.name === person.name && prev.color === person.color && prev.role === person.role && prev.party === person.party && person.lastSeen - prev.lastSeen < 60_000) return;
  doc.transact(() => getPeopleMap(doc).set(person.id, { name: person.name, color: person.color, role: person.role, party: person.party, lastSeen: person.lastSeen }), origin);
}

/**
 * A voter's key in the `votes` map: the round, the voter's side (their trifecta party when they
 * gave one, else their board role) and who they are — `<voteId>:<side>:<personId>`.
 */
export const voterKey = (voteId: string, side: string, personId: string): string => `${voteId}:${side}:${personId}`;

/** Splits a voter key; null for a key not in that shape. */
export function parseVoterKey(key: string): { voteId: string; side: string; personId: string } | null {
  const m = /^([^:]+):([^:]+):(.+)$/.exec(key);
  return m ? { voteId: m[1]!, side: m[2]!, personId: m[3]! } : null;
}
