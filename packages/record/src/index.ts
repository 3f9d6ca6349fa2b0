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
  RecordRef,
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
export { MADR_SECTIONS, madrPeople, renderMadr } from './madr.ts';
export type { MadrPeople } from './madr.ts';
export { NYGARD_SECTIONS, renderAdrTools } from './adrTools.ts';
export { DECISION_LOG_FOLDERS, decisionLogFiles, trackDecisions } from './decisionLog.ts';
export type { DecisionLogFile, DecisionLogLayout, LoggedDecision } from './decisionLog.ts';
export { adrFileName, adrLabel, adrSlug, isSuperseded, statusText } from './logEntry.ts';
export type { LogBoard, LogEntry, SupersedingRecord } from './logEntry.ts';
export { FOLLOW_UP_STATE_LABELS, dueState, followUpsOf, isReviewDue, trackFollowUps } from './followUps.ts';
export type { FollowUp, FollowUpKind, FollowUpState, TrackedFollowUp } from './followUps.ts';
export type { BoardDiff, NoteChange, NoteEdit } from './diff.ts';
export type { ContentType } from './board.ts';
