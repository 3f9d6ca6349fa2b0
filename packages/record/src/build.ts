import type * as Y from 'yjs';
import { agendaStepKey, readAgendas, readPeople, readRecords, readSession, type FacilitationSession } from '@accord/board';
import { DEFAULT_PARTY_LABELS } from '@accord/templates';
import { readBoard, type BoardView } from './board.ts';
import { Sections } from './sections.ts';
import { cleanLine, cleanText, isIsoDate } from './text.ts';
import { DECISION_RECORD_VERSION, type Agenda, type DecisionInput, type DecisionRecord, type Participant, type RecordRef } from './types.ts';
import { readVotes } from './votes.ts';

const MAX_TITLE_LENGTH = 200;
const MAX_STATEMENT_LENGTH = 20_000;
const MAX_NAME_LENGTH = 200;

function readAgenda(board: BoardView, session: FacilitationSession | null): Agenda | null {
  const steps: Agenda['steps'] = [];
  readAgendas(board.documentMeta).forEach((agenda, ai) => {
    const title = cleanLine(agenda.title, 120);
    for (const s of agenda.steps) steps.push({ key: agendaStepKey(ai, s.id), agenda: title, title: cleanLine(s.title, 200), minutes: s.minutes });
  });
  if (!steps.length) return null;
  const current = session?.agendaStep ?? null;
  return { steps, current: steps.some((s) => s.key === current) ? current : null };
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function readParticipants(content: Y.Doc): Participant[] {
  const people = readPeople(content).map((p) => ({
    id: p.id,
    name: cleanLine(p.name, 80) || 'Anonymous',
    role: cleanLine(p.role, 20) || 'participant',
    party: p.party,
    partyLabel: p.party ? DEFAULT_PARTY_LABELS[p.party] : null,
  }));
  // readPeople sorts with localeCompare, which may differ between ICU versions; records must not.
  return people.sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id));
}

/** Most names a decision record keeps informed (`informed`); further names are dropped. */
export const MAX_INFORMED = 50;

/** Longest name of a person (or group) kept informed, in characters; longer names are cut. */
export const MAX_PERSON_NAME_LENGTH = 80;

/** Names to keep informed: one line each, blanks and repeats dropped, in the order given. */
function readInformed(names: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  for (const name of names ?? []) {
    const clean = cleanLine(name, MAX_PERSON_NAME_LENGTH);
    if (clean && !out.includes(clean) && out.length < MAX_INFORMED) out.push(clean);
  }
  return out;
}

function readSupersedes(ref: DecisionInput['supersedes']): RecordRef | null {
  if (!ref) return null;
  if (!Number.isInteger(ref.seq) || ref.seq < 1 || !ref.boardId || !ref.recordId) throw new RangeError('supersedes must name a board, a record and its seq (from 1)');
  return { boardId: ref.boardId, recordId: ref.recordId, seq: ref.seq, title: cleanLine(ref.title, MAX_TITLE_LENGTH) };
}

function readInput(input: DecisionInput): Pick<DecisionRecord, 'title' | 'statement' | 'owner' | 'reviewDate'> {
  const reviewDate = input.reviewDate ?? null;
  if (reviewDate !== null && !isIsoDate(reviewDate)) throw new RangeError(`reviewDate must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(reviewDate)})`);
  const owner = input.owner ? cleanLine(input.owner, MAX_NAME_LENGTH) : '';
  return {
    title: cleanLine(input.title, MAX_TITLE_LENGTH),
    statement: cleanText(input.statement, MAX_STATEMENT_LENGTH),
    owner: owner || null,
    reviewDate,
  };
}

/**
 * Reads a board into a {@link DecisionRecord}: what each side asked for and needs, the diagnosis,
 * trifecta, scorecard, options, stages, the latest revealed vote, open questions, the agenda and
 * who took part, plus the decision typed in `input`. Pure: the same docs and arguments always give
 * the same record. Notes are ordered by position (page, y, x, id).
 *
 * @param recordedAt Milliseconds since the epoch (the caller's clock).
 * @param facilitation The board's facilitation doc, or null when it has none (votes then come only
 *   from results closed rounds left on the notes).
 * @throws RangeError when `recordedAt` is not a finite time, `input.reviewDate` is not a date or
 *   `input.supersedes` names no record.
 */
export function buildDecisionRecord(args: { boardId: string; boardTitle: string; recordedAt: number; input: DecisionInput; content: Y.Doc; facilitation: Y.Doc | null }): DecisionRecord {
  const { boardId, boardTitle, recordedAt, content, facilitation } = args;
  if (!Number.isFinite(recordedAt) || Math.abs(recordedAt) > 8.64e15) throw new RangeError(`recordedAt must be a time in ms (got ${recordedAt})`);
  const board = readBoard(readRecords(content));
  const session = facilitation ? readSession(facilitation) : null;
  const sections = new Sections();
  for (const item of board.items) sections.add(item);
  return {
    version: DECISION_RECORD_VERSION,
    boardId,
    boardTitle: cleanLine(boardTitle, MAX_TITLE_LENGTH),
    recordedAt: new Date(recordedAt).toISOString(),
    ...readInput(args.input),
    templates: board.templates,
    participants: readParticipants(content),
    diagnosis: sections.diagnosis(),
    parties: sections.partyViews(),
    trifecta: sections.trifecta(),
    scorecard: sections.scorecardRows(),
    interestingWork: sections.interestingWork(),
    retro: sections.retro.list(),
    options: sections.options,
    stages: sections.plan(),
    votes: readVotes(content, session?.voting ?? null, board),
    openQuestions: sections.questions,
    otherNotes: sections.other.list(),
    agenda: readAgenda(board, session),
    supersedes: readSupersedes(args.input.supersedes),
    informed: readInformed(args.input.informed),
  };
}
