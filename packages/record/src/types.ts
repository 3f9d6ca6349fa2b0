// The DecisionRecord: what a board says at the moment a decision is recorded. Plain JSON only
// (no undefined, no Dates), because the server stores it as JSON text and hashes it.

/** Version of the {@link DecisionRecord} shape; bumped on any incompatible change. */
export const DECISION_RECORD_VERSION = 1;

/** What the facilitator types when recording a decision. */
export interface DecisionInput {
  title: string;
  /** The decision itself, in the group's words. May span several paragraphs. */
  statement: string;
  owner?: string | null;
  /** `YYYY-MM-DD`. */
  reviewDate?: string | null;
  /** An earlier record this decision replaces (checked by the caller: it exists and the recorder may read it). */
  supersedes?: RecordRef | null;
  /** People or groups to keep informed (MADR's `informed`), e.g. the board's viewers. */
  informed?: readonly string[] | null;
}

/**
 * An earlier decision record named by a later one: which board and record, and what the person
 * recording could read of it then (its number on its own board and its title).
 */
export interface RecordRef {
  boardId: string;
  recordId: string;
  /** Its position in its own board's chain: its ADR number there. */
  seq: number;
  title: string;
}

/** One of the partnership's sides. */
export type Party = 'em' | 'pm' | 'business';

/** A side, or two sides joined by `+` (a tension between them). */
export type PartyRef = Party | 'em+pm' | 'em+business' | 'pm+business';

/**
 * Who a vote came from: the trifecta side the voter gave, else their board role. Sides written by
 * something other than the web app are counted under `other`.
 */
export type VoteSide = Party | 'facilitator' | 'participant' | 'other';

/** A note (or a text or geo shape with text) on the board. */
export interface RecordNote {
  /** tldraw shape id. */
  id: string;
  /** Plain text, control characters removed, at most {@link MAX_NOTE_LENGTH} characters. */
  text: string;
  /** Who published it (private-writing rounds that were not anonymous), else null. */
  author: string | null;
}

/** A note that stands alone in a list, so it says where it was. */
export interface PlacedNote extends RecordNote {
  /** The label of its area, e.g. `Priya (EM) · Questions`; null for a note outside every frame. */
  area: string | null;
  /** The side its area belongs to, when it belongs to one. */
  party: PartyRef | null;
}

/** A frame and the notes in it. */
export interface RecordArea {
  /** The frame's shape id; null for the notes outside every frame. */
  id: string | null;
  /** Template areas: `describeArea` of their meta. Other frames: their name. Null outside frames. */
  label: string | null;
  /** `meta.accord.kind` of a template area, else null. */
  kind: string | null;
  /** `meta.accord.template` of a template area, else null. */
  template: string | null;
  party: PartyRef | null;
  notes: RecordNote[];
}

/** Someone who joined the board with write access. */
export interface Participant {
  id: string;
  name: string;
  /** `facilitator` or `participant` (as their link said). */
  role: string;
  party: Party | null;
  /** `EM`, `PM`, `Business lead`; null when they gave no side. */
  partyLabel: string | null;
}

/** Context: how incentives and points of view were diagnosed, and what was concluded. */
export interface Diagnosis {
  /** Areas about incentives: how each side is judged, where rewards collide. */
  incentives: RecordArea[];
  /** No-villains areas: the story told, and the constraints and incentives that could explain it. */
  perspectives: RecordArea[];
  /** Notes in the diagnose template's verdict area. */
  verdict: RecordNote[];
}

/** One side's stated positions, true needs and hidden constraints, from every template that asks. */
export interface PartyView {
  party: Party;
  /** As named on the board (`Priya (EM)`), else the default (`EM`). */
  label: string;
  positions: PlacedNote[];
  needs: PlacedNote[];
  constraints: PlacedNote[];
}

/** One corner of the trifecta. */
interface TrifectaCorner {
  party: Party;
  label: string;
  judgedOn: RecordNote[];
  success: RecordNote[];
}

/** The trifecta map: each corner, the tension on each edge, and the outcomes all three share. */
export interface Trifecta {
  corners: TrifectaCorner[];
  tensions: RecordArea[];
  sharedOutcomes: RecordNote[];
}

/** One outcome of the shared scorecard. */
export interface ScorecardRow {
  /** `delivery`, `impact`, `team-health`, or what the board says. */
  topic: string;
  label: string;
  goodLooksLike: RecordNote[];
  evidence: RecordNote[];
  gaps: RecordNote[];
}

/** What makes work interesting to the team, and what the business needs done. */
export interface InterestingWork {
  facets: RecordArea[];
  priorities: RecordNote[];
}

/** A step of the plan, with the owner and date its note names. */
export interface PlanItem extends PlacedNote {
  /** From `@name` or `owner: name` in the text. */
  owner: string | null;
  /** The first valid `YYYY-MM-DD` in the text. */
  due: string | null;
}

/** One stage of a staged compromise. */
interface StageStep {
  /** 1-based. */
  stage: number;
  items: PlanItem[];
}

/** The staged plan and the changes agreed: the consequences of the decision. */
export interface Stages {
  sharedOutcome: RecordNote[];
  steps: StageStep[];
  /** Changes to try (partnership-health "One change"). */
  actions: PlanItem[];
}

/** The vote round the record reports. */
export interface VoteRound {
  id: string;
  /**
   * `session`: the facilitation session's round (revealed or closed): the server's count
   * (`voting.results`), or for a board from before the server held ballots, counted from them.
   * `board`: read from the results a closed round left on the notes (`meta.accordVotes`).
   */
  source: 'session' | 'board';
  anonymous: boolean;
  /** Whether the round was still open when recorded (only revealed rounds are ever reported). */
  open: boolean;
  /** People who placed at least one counted dot; null when only the results on the notes are known. */
  voters: number | null;
  /** Ballots left out because they broke the round's limits (dots per person or per note). */
  ignoredBallots: number;
}

/** A voted note. */
export interface VoteItem {
  id: string;
  text: string;
  area: string | null;
  total: number;
  /** Dots per side (every side in {@link Votes.sides}, zero included); null when anonymous or unknown. */
  bySide: Partial<Record<VoteSide, number>> | null;
}

/** Result of the latest revealed vote. */
export interface Votes {
  round: VoteRound;
  /** Sides that voted, in a fixed order (em, pm, business, facilitator, participant, other); empty when not split. */
  sides: VoteSide[];
  /** Voted notes still on the board, most dots first. */
  items: VoteItem[];
}

/** One step of the board's agenda. */
interface AgendaItem {
  /** `<agendaIndex>:<stepId>`, the value the facilitation session uses for the current step. */
  key: string;
  /** Title of the agenda (template) the step comes from. */
  agenda: string;
  title: string;
  minutes: number | null;
}

/** The agenda on the board, and the step being run when the record was made. */
export interface Agenda {
  steps: AgendaItem[];
  /** Key of the current step, or null. */
  current: string | null;
}

/**
 * A decision and the board it was made on, as of one moment. Lists are empty and composite
 * sections null when the board has nothing for them.
 */
export interface DecisionRecord {
  version: typeof DECISION_RECORD_VERSION;
  boardId: string;
  boardTitle: string;
  /** ISO 8601, UTC. */
  recordedAt: string;
  title: string;
  statement: string;
  owner: string | null;
  /** `YYYY-MM-DD`. */
  reviewDate: string | null;
  /** Template ids found on the board, in the registry's order. */
  templates: string[];
  participants: Participant[];
  diagnosis: Diagnosis | null;
  /** Sides with at least one position, need or constraint, in the order em, pm, business. */
  parties: PartyView[];
  trifecta: Trifecta | null;
  scorecard: ScorecardRow[];
  interestingWork: InterestingWork | null;
  /** Retro columns (start/stop/continue, four Ls, partnership health). */
  retro: RecordArea[];
  /** Candidate solutions: overlap notes (interesting work) and notes in frames named like options. */
  options: PlacedNote[];
  stages: Stages | null;
  votes: Votes | null;
  /** Every question area's notes. */
  openQuestions: PlacedNote[];
  /** Notes in frames the record has no section for, and notes outside every frame. */
  otherNotes: RecordArea[];
  agenda: Agenda | null;
  /**
   * The earlier record this one replaces, or null. Added compatibly to version 1: records made
   * before it have no such property; every record built now has it.
   */
  supersedes?: RecordRef | null;
  /** Who is kept informed (MADR's `informed`). Added compatibly like {@link supersedes}. */
  informed?: string[];
}

/** Longest note text kept in a record; longer text is cut and ends with `…`. */
export const MAX_NOTE_LENGTH = 4000;
