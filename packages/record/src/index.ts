/**
 * @accord/record — a board turned into a DecisionRecord, rendered as Markdown and checked against
 * its JSON Schema; and a diff between two states of a board. Pure: no I/O, no clock, no randomness.
 */
export { DECISION_RECORD_VERSION, MAX_NOTE_LENGTH } from './types.ts';
export type {
  Agenda,
  AgendaItem,
  DecisionInput,
  DecisionRecord,
  Diagnosis,
  InterestingWork,
  Participant,
  Party,
  PartyRef,
  PartyView,
  PlacedNote,
  PlanItem,
  RecordArea,
  RecordNote,
  ScorecardRow,
  StageStep,
  Stages,
  Trifecta,
  TrifectaCorner,
  VoteItem,
  VoteRound,
  VoteSide,
  Votes,
} from './types.ts';
export { buildDecisionRecord } from './build.ts';
export { renderMarkdown } from './markdown.ts';
export { decisionRecordErrors, decisionRecordJsonSchema, validateDecisionRecord } from './schema.ts';
export { diffBoards } from './diff.ts';
export type { BoardDiff, NoteChange, NoteEdit } from './diff.ts';
export type { ContentType } from './board.ts';
