/**
 * @accord/board — the board document's one owner (ARCHITECTURE.md, "Board documents"): room names,
 * roles and the write rule, the Y.Doc layout, the facilitation session, the people registry, dot
 * votes (their rules, their one tally, the results the server publishes), every meta key and awareness field, the document record; plus the
 * binding between a tldraw store and the doc, presence through Yjs awareness, and the board's file
 * form (reading a `.tldr` file). React-free and without the `tldraw` package (only
 * `@tldraw/tlschema` and friends), so the server loads it too.
 * Shape fixtures for tests live in the `@accord/board/fixtures` entry.
 */
export { contentRoom, controlRoomOf, facilitationRoom } from './rooms.ts';
export { ROLES, canEditContent, isRole, roleAtLeast, writeRefusal } from './access.ts';
export type { Role } from './access.ts';
export { SCHEMA_KEY, getRecordsKV, getSchemaMap, readRecords, writeBoardRecords } from './doc.ts';
export { MAX_VOTES_PER_PERSON, getSessionMap, readSession, readSessionValue, updateSession } from './session.ts';
export type {
  FacilitationFocus,
  FacilitationFollow,
  FacilitationPrivateWriting,
  FacilitationSession,
  FacilitationTimer,
  FacilitationVoting,
  VotingResultRow,
  VotingResults,
} from './session.ts';
export { getPeopleMap, isParty, readPeople, readPerson, upsertPerson } from './people.ts';
export type { Party } from './people.ts';
export { applyDot, dotsUsed, getVotesMap, readBallots, tallyRound, voterKey, voterSide } from './votes.ts';
export type { Ballot, BallotDots } from './votes.ts';
export { recordLookup, voteFrameRefusal, voteTargetRefusal } from './voteTargets.ts';
export { votingResults, writeVoteResults } from './voteResults.ts';
export {
  AUTHOR_META,
  FOLLOW_UP_OF_META,
  PRIVATE_META,
  TEMPLATE_APPLIED_META,
  agendaStepKey,
  agendasOnBoard,
  findAgendaStep,
  hasPrivateFlag,
  readAgendas,
  readAuthor,
  readFollowUpOf,
  readPrivateFlag,
  readTemplateApplied,
  readVoteResult,
  withAgendas,
} from './meta.ts';
export type { BoardAgenda, BoardAgendaStep, FollowUpOf, NoteAuthor, PrivateFlag } from './meta.ts';
export { seedFrame, seedNote, seedText } from './seedShapes.ts';
export { currentActivity, getPeers, setDone, setPrivateCount, stampAwarenessState } from './awareness.ts';
export type { Peer, PresenceUser } from './awareness.ts';
export { boardSchema, initialBoardRecords, readDocumentRecord, renameDocument, renameDocumentUpdate, withDocumentName } from './document.ts';
export { TldrFileError, isTldraw1File, readTldrFile } from './tldr.ts';
export type { TldrFile } from './tldr.ts';
export { migrateBoard } from './schema.ts';
export { bindStoreToYDoc } from './binding.ts';
export type { StoreBinding } from './binding.ts';
export { bindPresence } from './presence.ts';
export type { PresenceBinding } from './presence.ts';
export { richTextToPlainText } from './records.ts';
export { BoardRestoreError, observeRecordChanges, restoreBoardVersion } from './restore.ts';
export type { RestoredBoard } from './restore.ts';
export { createRoomGuard } from './guard/guard.ts';
export { isTemplateStructure } from './guard/rules.ts';
