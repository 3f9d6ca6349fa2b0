import type * as Y from 'yjs';
import { agendaStepKey, readAgendas, readPeople, readRecords, readSession, type FacilitationSession } from '@accord/board';
import { DEFAULT_PARTY_LABELS, type AreaMeta } from '@accord/templates';
import { compareOrder, readBoard, type BoardArea, type BoardItem, type BoardView } from './board.ts';
import { findDueDate, findOwner } from './plan.ts';
import { cleanLine, cleanText, isIsoDate } from './text.ts';
import {
  DECISION_RECORD_VERSION,
  type Agenda,
  type DecisionInput,
  type DecisionRecord,
  type Diagnosis,
  type InterestingWork,
  type Participant,
  type Party,
  type PartyRef,
  type PartyView,
  type PlacedNote,
  type PlanItem,
  type RecordArea,
  type RecordRef,
  type RecordNote,
  type ScorecardRow,
  type Stages,
  type Trifecta,
} from './types.ts';
import { readVotes } from './votes.ts';

const PARTY_ORDER: readonly Party[] = ['em', 'pm', 'business'];
const PARTY_REFS: readonly string[] = ['em', 'pm', 'business', 'em+pm', 'em+business', 'pm+business'];
const RETRO_KINDS: readonly string[] = ['start', 'stop', 'continue', 'liked', 'learned', 'lacked', 'longed-for', 'trust', 'conflict', 'escalation', 'visibility'];
/** A frame someone drew and named like this holds candidate solutions. */
const OPTION_FRAME = /\b(options?|ideas?|proposals?|solutions?|alternatives?|choices?)\b/i;

const MAX_TITLE_LENGTH = 200;
const MAX_STATEMENT_LENGTH = 20_000;
const MAX_NAME_LENGTH = 200;

const single = (p: string | undefined): Party | null => (p && (PARTY_ORDER as readonly string[]).includes(p) ? (p as Party) : null);
const partyRef = (p: string | undefined): PartyRef | null => (p && PARTY_REFS.includes(p) ? (p as PartyRef) : null);

const note = (item: BoardItem): RecordNote => ({ id: item.id, text: item.text, author: item.author });
const placed = (item: BoardItem): PlacedNote => ({ ...note(item), area: item.area?.label ?? null, party: partyRef(item.area?.meta?.party) });
const planItem = (item: BoardItem): PlanItem => ({ ...placed(item), owner: findOwner(item.text), due: findDueDate(item.text) });

/** Collects notes into areas in board order (areas ordered by their frame's position). */
class AreaList {
  private readonly areas = new Map<string, { area: BoardArea | null; notes: RecordNote[] }>();

  add(item: BoardItem): void {
    const key = item.area?.id ?? '';
    const entry = this.areas.get(key) ?? { area: item.area, notes: [] };
    entry.notes.push(note(item));
    this.areas.set(key, entry);
  }

  list(): RecordArea[] {
    const entries = [...this.areas.values()];
    // Notes outside every frame come last.
    entries.sort((a, b) => (!a.area ? 1 : !b.area ? -1 : compareAreas(a.area, b.area)));
    return entries.map(({ area, notes }) => ({
      id: area?.id ?? null,
      label: area?.label ?? null,
      kind: area?.meta?.kind ?? null,
      template: area?.meta?.template ?? null,
      party: partyRef(area?.meta?.party),
      notes,
    }));
  }
}

const compareAreas = (a: BoardArea, b: BoardArea): number => compareOrder(a.order, b.order);

/** Everything the board says, sorted into the record's sections. */
class Sections {
  readonly incentives = new AreaList();
  readonly perspectives = new AreaList();
  readonly verdict: RecordNote[] = [];
  readonly parties = new Map<Party, { label: string | null; positions: PlacedNote[]; needs: PlacedNote[]; constraints: PlacedNote[] }>();
  readonly corners = new Map<Party, { label: string | null; judgedOn: RecordNote[]; success: RecordNote[] }>();
  readonly tensions = new AreaList();
  readonly sharedOutcomes: RecordNote[] = [];
  /** Rows by topic, with the row's topmost area (rows are ordered by it). */
  readonly scorecard = new Map<string, { row: ScorecardRow; area: BoardArea | null }>();
  readonly facets = new AreaList();
  readonly priorities: RecordNote[] = [];
  readonly retro = new AreaList();
  readonly options: PlacedNote[] = [];
  readonly planOutcome: RecordNote[] = [];
  readonly stages = new Map<number, PlanItem[]>();
  readonly actions: PlanItem[] = [];
  readonly questions: PlacedNote[] = [];
  readonly other = new AreaList();

  add(item: BoardItem): void {
    const meta = item.area?.meta;
    if (!meta) {
      if (item.area && OPTION_FRAME.test(item.area.name)) this.options.push(placed(item));
      else this.other.add(item);
      return;
    }
    if (!this.addArea(item, meta)) this.other.add(item);
  }

  /** Files a note of a template area; false when the record has no section for that area. */
  private addArea(item: BoardItem, meta: AreaMeta): boolean {
    const party = single(meta.party);
    switch (meta.kind) {
      case 'position':
      case 'need':
      case 'constraint': {
        if (!party) {
          if (meta.kind !== 'constraint') return false;
          this.perspectives.add(item);
          return true;
        }
        const view = this.party(party, meta);
        (meta.kind === 'position' ? view.positions : meta.kind === 'need' ? view.needs : view.constraints).push(placed(item));
        return true;
      }
      case 'question':
        this.questions.push(placed(item));
        return true;
      case 'evaluation':
        if (meta.template === 'trifecta-map' && party) this.corner(party, meta).judgedOn.push(note(item));
        else if (meta.template === 'no-villains') this.perspectives.add(item);
        else this.incentives.add(item);
        return true;
      case 'success':
        if (!party) return false;
        this.corner(party, meta).success.push(note(item));
        return true;
      case 'tension':
        if (meta.template === 'trifecta-map') this.tensions.add(item);
        else this.incentives.add(item);
        return true;
      case 'story':
        this.perspectives.add(item);
        return true;
      case 'diagnosis':
        this.verdict.push(note(item));
        return true;
      case 'shared-outcome':
      case 'evidence':
      case 'gap':
        return this.addOutcome(item, meta);
      case 'interesting':
        this.facets.add(item);
        return true;
      case 'priority':
        this.priorities.push(note(item));
        return true;
      case 'overlap':
        this.options.push(placed(item));
        return true;
      case 'stage': {
        const stage = meta.stage;
        if (stage === undefined || !Number.isInteger(stage) || stage < 1) return false;
        this.stages.set(stage, [...(this.stages.get(stage) ?? []), planItem(item)]);
        return true;
      }
      case 'action':
        this.actions.push(planItem(item));
        return true;
      default:
        if (!RETRO_KINDS.includes(meta.kind)) return false;
        this.retro.add(item);
        return true;
    }
  }

  private addOutcome(item: BoardItem, meta: AreaMeta): boolean {
    if (meta.kind === 'shared-outcome' && meta.template === 'trifecta-map') this.sharedOutcomes.push(note(item));
    else if (meta.kind === 'shared-outcome' && meta.template === 'staged-compromise') this.planOutcome.push(note(item));
    else if (meta.template === 'shared-scorecard' && meta.topic) {
      // describeArea gives `<Topic> · <Column>` for scorecard areas.
      const label = cleanLine(item.area?.label.split(' · ')[0] ?? meta.topic, 120) || meta.topic;
      const entry = this.scorecard.get(meta.topic) ?? { row: { topic: meta.topic, label, goodLooksLike: [], evidence: [], gaps: [] }, area: item.area };
      const { row } = entry;
      (meta.kind === 'shared-outcome' ? row.goodLooksLike : meta.kind === 'evidence' ? row.evidence : row.gaps).push(note(item));
      if (item.area && entry.area && compareAreas(item.area, entry.area) < 0) entry.area = item.area;
      this.scorecard.set(meta.topic, entry);
    } else return false;
    return true;
  }

  private party(party: Party, meta: AreaMeta) {
    const view = this.parties.get(party) ?? { label: null, positions: [], needs: [], constraints: [] };
    view.label ??= meta.partyLabel ? cleanLine(meta.partyLabel, 120) || null : null;
    this.parties.set(party, view);
    return view;
  }

  private corner(party: Party, meta: AreaMeta) {
    const view = this.corners.get(party) ?? { label: null, judgedOn: [], success: [] };
    view.label ??= meta.partyLabel ? cleanLine(meta.partyLabel, 120) || null : null;
    this.corners.set(party, view);
    return view;
  }

  diagnosis(): Diagnosis | null {
    const d: Diagnosis = { incentives: this.incentives.list(), perspectives: this.perspectives.list(), verdict: this.verdict };
    return d.incentives.length || d.perspectives.length || d.verdict.length ? d : null;
  }

  partyViews(): PartyView[] {
    return PARTY_ORDER.flatMap((party) => {
      const v = this.parties.get(party);
      return v ? [{ party, label: v.label ?? DEFAULT_PARTY_LABELS[party], positions: v.positions, needs: v.needs, constraints: v.constraints }] : [];
    });
  }

  trifecta(): Trifecta | null {
    const corners = PARTY_ORDER.flatMap((party) => {
      const c = this.corners.get(party);
      return c ? [{ party, label: c.label ?? DEFAULT_PARTY_LABELS[party], judgedOn: c.judgedOn, success: c.success }] : [];
    });
    const t: Trifecta = { corners, tensions: this.tensions.list(), sharedOutcomes: this.sharedOutcomes };
    return corners.length || t.tensions.length || t.sharedOutcomes.length ? t : null;
  }

  scorecardRows(): ScorecardRow[] {
    return [...this.scorecard.values()].sort((a, b) => (a.area && b.area ? compareAreas(a.area, b.area) : 0)).map((e) => e.row);
  }

  interestingWork(): InterestingWork | null {
    const w: InterestingWork = { facets: this.facets.list(), priorities: this.priorities };
    return w.facets.length || w.priorities.length ? w : null;
  }

  plan(): Stages | null {
    const steps = [...this.stages.keys()].sort((a, b) => a - b).map((stage) => ({ stage, items: this.stages.get(stage) ?? [] }));
    const s: Stages = { sharedOutcome: this.planOutcome, steps, actions: this.actions };
    return s.sharedOutcome.length || s.steps.length || s.actions.length ? s : null;
  }
}

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

/** Most names kept in `informed`. */
const MAX_INFORMED = 50;

/** Names to keep informed: one line each, blanks and repeats dropped, in the order given. */
function readInformed(names: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  for (const name of names ?? []) {
    const clean = cleanLine(name, 80);
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
