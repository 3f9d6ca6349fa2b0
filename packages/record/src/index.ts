/**
 * @accord/record — a board turned into a DecisionRecord, rendered as Markdown and checked against
 * its JSON Schema; and a diff between two states of a board. Pure: no I/O, no clock, no randomness.
 */
export type {
  DecisionInput,
  DecisionRecord,
  RecordRef,
} from './types.ts';
export { MAX_INFORMED, MAX_PERSON_NAME_LENGTH, buildDecisionRecord } from './build.ts';
export { renderMarkdown } from './markdown.ts';
export { decisionRecordErrors, validateDecisionRecord } from './schema.ts';
export { diffBoards } from './diff.ts';
export { MADR_SECTIONS, renderMadr } from './madr.ts';
export { decisionLogFiles, trackDecisions } from './decisionLog.ts';
export type { DecisionLogLayout, LoggedDecision } from './decisionLog.ts';
export { adrFileName, adrLabel, adrSlug, titleSlug } from './logEntry.ts';
export type { LogBoard, LogEntry, SupersedingRecord } from './logEntry.ts';
export { FOLLOW_UP_STATE_LABELS } from './followUps.ts';
export type { FollowUpState } from './followUps.ts';
export type { BoardDiff } from './diff.ts';
