import type * as Y from 'yjs';
import { num, numOrNull, positiveInt, rec } from './values.ts';

// The facilitation room's `session` map: one plain JSON value per field. Only facilitators may write
// it (the relay refuses everyone else), and its `voting` field only the server; every reader goes
// through `readSession`, which validates each field (the map is input from other clients), and
// every writer through `updateSession`.

/** Root `Y.Map` of the facilitation room (`<boardId>/facilitation`). */
export const SESSION = 'session';

/** The `session` map of a board's facilitation doc. */
export function getSessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SESSION);
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

/**
 * A dot-voting round as every client sees it. Only the server writes it (`SERVER_SESSION_KEYS`):
 * the ballots are held by the server where no client reads them, and this field says what may be
 * known of them — who has voted (or, in an anonymous round, only how many) and, once revealed, the
 * server's count. An anonymous round never names a voter here, not even after the reveal.
 */
export interface FacilitationVoting {
  /** Round id, made by the server. */
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
  /** Person ids with at least one dot in this round, sorted; always empty when the round is anonymous. */
  voted: string[];
  /** How many people have at least one dot in this round. */
  voterCount: number;
  /** The server's count of the round, once revealed (kept when closed); null before the reveal. */
  results: VotingResults | null;
}

/** A round counted by the server: notes by total, split by side unless the round is anonymous. */
export interface VotingResults {
  /** Highest total first, then by shape id. `bySide` is empty in an anonymous round. */
  rows: VotingResultRow[];
  /** People with at least one counted dot. */
  voters: number;
}

/** One note's count in {@link VotingResults}. */
export interface VotingResultRow {
  shapeId: string;
  total: number;
  /** Dots by the voters' side (trifecta party, else board role); empty when anonymous. */
  bySide: Record<string, number>;
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


function readTimer(v: unknown): FacilitationTimer | null {
  const t = rec(v);
  if (!t || !num(t.durationMs)) return null;
  return { durationMs: t.durationMs, endsAt: numOrNull(t.endsAt), remainingMs: num(t.remainingMs) ? t.remainingMs : t.durationMs, running: t.running === true };
}

/** Bounds of what a `voting` field may list (a board has far fewer voters and voted notes). */
/** Most dots one person may have in a dot-vote round (and most on one note): a round allowing more is not read. */
export const MAX_VOTES_PER_PERSON = 20;

const MAX_VOTERS = 1000;
const MAX_RESULT_ROWS = 2000;
const MAX_ID_LENGTH = 200;

const shortString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;

function readResultRow(v: unknown, anonymous: boolean): VotingResultRow | null {
  const r = rec(v);
  if (!r || !shortString(r.shapeId) || !positiveInt(r.total)) return null;
  const bySide: Record<string, number> = {};
  if (!anonymous) for (const [side, n] of Object.entries(rec(r.bySide) ?? {})) if (side.length <= 40 && positiveInt(n)) bySide[side] = positiveInt(n);
  return { shapeId: r.shapeId, total: positiveInt(r.total), bySide };
}

function readResults(v: unknown, anonymous: boolean): VotingResults | null {
  const r = rec(v);
  if (!r || !Array.isArray(r.rows)) return null;
  const rows = r.rows.slice(0, MAX_RESULT_ROWS).map((row) => readResultRow(row, anonymous)).filter((row): row is VotingResultRow => row !== null);
  return { rows, voters: positiveInt(r.voters) };
}

// What an anonymous round may show is enforced here: its voter list and its split are dropped on
// read, so `updateSession` never stores them and the room guard refuses any write carrying them.
function readVoting(v: unknown): FacilitationVoting | null {
  const t = rec(v);
  if (!t || typeof t.id !== 'string' || typeof t.open !== 'boolean') return null;
  const per = t.votesPerPerson;
  if (!Number.isInteger(per) || (per as number) < 1 || (per as number) > MAX_VOTES_PER_PERSON) return null;
  const limit = t.perNoteLimit;
  const anonymous = t.anonymous === true;
  const voted = anonymous || !Array.isArray(t.voted) ? [] : [...new Set(t.voted.filter(shortString))].sort().slice(0, MAX_VOTERS);
  return {
    id: t.id,
    open: t.open,
    votesPerPerson: per as number,
    perNoteLimit: Number.isInteger(limit) && (limit as number) > 0 ? (limit as number) : null,
    anonymous,
    revealed: t.revealed === true,
    frameId: typeof t.frameId === 'string' ? t.frameId : null,
    voted,
    voterCount: Math.max(positiveInt(t.voterCount), voted.length),
    results: readResults(t.results, anonymous),
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
  return {
    locked: READERS.locked(m.get('locked')),
    agendaStep: READERS.agendaStep(m.get('agendaStep')),
    timer: READERS.timer(m.get('timer')),
    voting: READERS.voting(m.get('voting')),
    privateWriting: READERS.privateWriting(m.get('privateWriting')),
    focus: READERS.focus(m.get('focus')),
    followMe: READERS.followMe(m.get('followMe')),
  };
}

/** The session as stored: only fields given are written; `null` clears a field. */
export type SessionPatch = Partial<FacilitationSession>;

/** Every field of the session map. */
export const SESSION_KEYS = ['locked', 'agendaStep', 'timer', 'voting', 'privateWriting', 'focus', 'followMe'] as const satisfies readonly (keyof FacilitationSession)[];

/** Fields only the server writes (a vote's results are computed where the ballots are). */
export const SERVER_SESSION_KEYS = ['voting'] as const satisfies readonly (keyof FacilitationSession)[];

const READERS: { [K in keyof FacilitationSession]: (v: unknown) => FacilitationSession[K] } = {
  locked: (v) => v === true,
  agendaStep: (v) => (typeof v === 'string' ? v : null),
  timer: readTimer,
  voting: readVoting,
  privateWriting: readPrivateWriting,
  focus: readFocus,
  followMe: readFollow,
};

/** One session field's value as `readSession` reads it (null when absent or malformed). */
export function readSessionValue<K extends keyof FacilitationSession>(key: K, value: unknown): FacilitationSession[K] {
  return READERS[key](value);
}

/**
 * Writes the given session fields in one transaction — the only way the session is written.
 * Each value is normalised by the same reader `readSession` uses, so nothing malformed is stored;
 * `null` (or a value the reader rejects) clears the field.
 */
export function updateSession(doc: Y.Doc, patch: SessionPatch, origin?: unknown): void {
  const m = getSessionMap(doc);
  doc.transact(() => {
    for (const key of Object.keys(patch) as (keyof FacilitationSession)[]) {
      const value = patch[key];
      if (value === undefined) continue;
      const normal = READERS[key](value);
      if (normal === null || normal === false) m.delete(key);
      else m.set(key, normal);
    }
  }, origin);
}
