// Every key Accord keeps in tldraw `meta` (on shapes and on the document record), with a reader
// for each: meta is written by clients, so every value is read defensively. Writers live where the
// value is made (templates, private writing, the vote close), but they spell the key from here.

import { positiveInt, rec } from './values.ts';

/** Shape meta: what a template frame (or its prompt, title, arrow) means — written by `@accord/templates`, vocabulary in its `AccordMeta`. */
export const AREA_META = 'accord';
/** Shape meta: the result a closed dot-vote round left on a note ({@link VoteResult}). */
export const VOTE_RESULT_META = 'accordVotes';
/** Shape meta: who wrote a note published from private writing ({@link NoteAuthor}). */
export const AUTHOR_META = 'accordAuthor';
/** Shape meta: a note kept on its writer's device during private writing ({@link PrivateFlag}). */
export const PRIVATE_META = 'accordPrivate';
/** Document meta: the agendas of the templates on the board ({@link BoardAgenda}[]). */
const AGENDA_META = 'accordAgenda';
/** Document meta: the template a board was created from has been inserted (its id). */
export const TEMPLATE_APPLIED_META = 'accordTemplateApplied';
/** Document meta: the decision record this board is the follow-up session of ({@link FollowUpOf}). */
export const FOLLOW_UP_OF_META = 'accordFollowUpOf';

/** The result of a closed round on one note: its total and the split by side (empty when anonymous). */
export interface VoteResult {
  vote: string;
  total: number;
  byRole: Record<string, number>;
}

/** `meta.accordVotes` of a shape, or null when absent or malformed. */
export function readVoteResult(meta: unknown): VoteResult | null {
  const v = rec(rec(meta)?.[VOTE_RESULT_META]);
  const total = positiveInt(v?.total);
  if (!v || typeof v.vote !== 'string' || !v.vote || !total) return null;
  const byRole: Record<string, number> = {};
  for (const [side, n] of Object.entries(rec(v.byRole) ?? {})) if (positiveInt(n)) byRole[side] = positiveInt(n);
  return { vote: v.vote, total, byRole };
}

/** The author of a published private note. */
export interface NoteAuthor {
  id: string;
  name: string;
}

/** `meta.accordAuthor` of a shape, or null. */
export function readAuthor(meta: unknown): NoteAuthor | null {
  const a = rec(rec(meta)?.[AUTHOR_META]);
  return a && typeof a.id === 'string' && typeof a.name === 'string' ? { id: a.id, name: a.name } : null;
}

/** A note held back during private writing: the round it belongs to and its writer's person id. */
export interface PrivateFlag {
  round: string;
  by: string;
}

/** `meta.accordPrivate` of a shape, or null. */
export function readPrivateFlag(meta: unknown): PrivateFlag | null {
  const f = rec(rec(meta)?.[PRIVATE_META]);
  return f && typeof f.round === 'string' && typeof f.by === 'string' ? { round: f.round, by: f.by } : null;
}

/** Does this shape meta carry a private-writing flag of any shape (even a malformed one)? */
export const hasPrivateFlag = (meta: unknown): boolean => rec(meta)?.[PRIVATE_META] !== undefined;

/** One step of an agenda as stored on the board (a template's `AgendaStep`). */
export interface BoardAgendaStep {
  /** Stable within the template, e.g. `needs-ask`. */
  id: string;
  title: string;
  /** What the group should have at the end of the step. */
  goal: string;
  minutes: number;
  /** What the facilitator says or does. */
  prompt: string;
  /** What to watch for. */
  pitfall: string;
  /** Shape ids of the frames this step covers. */
  areaIds: string[];
}

/** A template's agenda as kept in the document record's meta. */
export interface BoardAgenda {
  template: string;
  title: string;
  steps: BoardAgendaStep[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function readStep(v: unknown): BoardAgendaStep | null {
  const s = rec(v);
  if (!s || typeof s.id !== 'string' || !s.id || typeof s.title !== 'string') return null;
  const minutes = typeof s.minutes === 'number' && Number.isFinite(s.minutes) && s.minutes >= 0 ? s.minutes : 0;
  const areaIds = Array.isArray(s.areaIds) ? s.areaIds.filter((id): id is string => typeof id === 'string') : [];
  return { id: s.id, title: s.title, goal: text(s.goal), minutes, prompt: text(s.prompt), pitfall: text(s.pitfall), areaIds };
}

/** The agendas in a document record's meta, in insertion order; malformed agendas and steps are skipped. */
export function readAgendas(documentMeta: unknown): BoardAgenda[] {
  const raw = rec(documentMeta)?.[AGENDA_META];
  if (!Array.isArray(raw)) return [];
  const out: BoardAgenda[] = [];
  for (const a of raw) {
    const agenda = rec(a);
    if (!agenda || !Array.isArray(agenda.steps)) continue;
    const steps = agenda.steps.map(readStep).filter((s): s is BoardAgendaStep => s !== null);
    out.push({ template: text(agenda.template), title: text(agenda.title), steps });
  }
  return out;
}

/**
 * The agendas as the board shows them: an agenda none of whose frames exist any more (its template
 * insertion was undone, or its frames deleted) keeps its place but has no steps, so undo and redo
 * keep the agenda and the shapes together and step keys (`<agenda index>:<step id>`) stay stable.
 */
export function agendasOnBoard(documentMeta: unknown, hasShape: (id: string) => boolean): BoardAgenda[] {
  return readAgendas(documentMeta).map((a) => (a.steps.some((s) => s.areaIds.some(hasShape)) ? a : { ...a, steps: [] }));
}

/** The document meta with `agendas` as its agenda list (the other keys kept). */
export function withAgendas(documentMeta: unknown, agendas: readonly BoardAgenda[]): Record<string, unknown> {
  return { ...(rec(documentMeta) ?? {}), [AGENDA_META]: agendas };
}

/** The key of an agenda step in the session (`session.agendaStep`): `<agenda index>:<step id>`. */
export const agendaStepKey = (agendaIndex: number, stepId: string): string => `${agendaIndex}:${stepId}`;

/** Splits an agenda step key; null when it is not one. */
function parseAgendaStepKey(key: string): { agendaIndex: number; stepId: string } | null {
  const m = /^(\d+):(.+)$/.exec(key);
  return m ? { agendaIndex: Number(m[1]), stepId: m[2]! } : null;
}

/** The step a session key points at, with its agenda, or null. */
export function findAgendaStep(agendas: readonly BoardAgenda[], key: string | null): { agenda: BoardAgenda; index: number; step: BoardAgendaStep; position: number } | null {
  const parsed = key ? parseAgendaStepKey(key) : null;
  const agenda = parsed ? agendas[parsed.agendaIndex] : undefined;
  const position = agenda ? agenda.steps.findIndex((s) => s.id === parsed!.stepId) : -1;
  return agenda && position >= 0 ? { agenda, index: parsed!.agendaIndex, step: agenda.steps[position]!, position } : null;
}

/** `meta.accordTemplateApplied` of the document record, or null. */
export function readTemplateApplied(documentMeta: unknown): string | null {
  const v = rec(documentMeta)?.[TEMPLATE_APPLIED_META];
  return typeof v === 'string' && v ? v : null;
}

/** The decision record a board follows up: written by the server when it creates the board, never by clients. */
export interface FollowUpOf {
  boardId: string;
  recordId: string;
  /** The record's position in its board's chain (its ADR number there). */
  seq: number;
  title: string;
}

/** `meta.accordFollowUpOf` of the document record, or null when absent or malformed. */
export function readFollowUpOf(documentMeta: unknown): FollowUpOf | null {
  const v = rec(rec(documentMeta)?.[FOLLOW_UP_OF_META]);
  const seq = positiveInt(v?.seq);
  if (!v || typeof v.boardId !== 'string' || !v.boardId || typeof v.recordId !== 'string' || !v.recordId || !seq || typeof v.title !== 'string') return null;
  return { boardId: v.boardId, recordId: v.recordId, seq, title: v.title };
}
