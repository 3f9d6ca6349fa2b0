/**
 * @accord/board — the board document's one owner (ARCHITECTURE.md, "Board documents"): room names,
 * roles and the write rule, the Y.Doc layout, the facilitation session, the people registry, dot
 * votes (their rules, their one tally, the results the server publishes), every meta key and awareness field, the document record; plus the
 * binding between a tldraw store and the doc, presence through Yjs awareness, and the board's file
 * form (reading a `.tldr` file). React-free and without the `tldraw` package (only
 * `@tldraw/tlschema` and friends), so the server loads it too.
 * Shape fixtures for tests live in the `@accord/board/fixtures` entry.
 */
export { FACILITATION_SUFFIX, boardOfRoom, contentRoom, controlRoomOf, facilitationRoom, isFacilitationRoom } from './rooms.ts';
export { ROLES, canEditContent, isRole, roleAtLeast, writeRefusal } from './access.ts';
export type { Role } from './access.ts';
export { RECORDS, SCHEMA, SCHEMA_KEY, getRecordsKV, getSchemaMap, readRecords, writeBoardRecords } from './doc.ts';
export type { RecordEntry } from './doc.ts';
export { SERVER_SESSION_KEYS, SESSION, SESSION_KEYS, getSessionMap, readSession, readSessionValue, updateSession } from './session.ts';
export type {
  FacilitationFocus,
  FacilitationFollow,
  FacilitationPrivateWriting,
  FacilitationSession,
  FacilitationTimer,
  FacilitationVoting,
  SessionPatch,
  VotingResultRow,
  VotingResults,
} from './session.ts';
export { PARTIES, PEOPLE, getPeopleMap, isParty, readPeople, readPerson, upsertPerson } from './people.ts';
export type { Party, Person } from './people.ts';
export { VOTES, applyDot, dotRefusal, dotsUsed, getVotesMap, parseVoterKey, readBallots, tallyRound, voterKey, voterSide } from './votes.ts';
export type { Ballot, BallotDots, RoundLimits, RoundTally, TallyRow } from './votes.ts';
export { isInsideFrame, recordLookup, voteFrameRefusal, voteTargetRefusal } from './voteTargets.ts';
export type { RecordLookup } from './voteTargets.ts';
export { votingResults, withVoteResult, writeVoteResults } from './voteResults.ts';
export {
  AGENDA_META,
  AREA_META,
  AUTHOR_META,
  FOLLOW_UP_OF_META,
  PRIVATE_META,
  TEMPLATE_APPLIED_META,
  VOTE_RESULT_META,
  agendaStepKey,
  agendasOnBoard,
  findAgendaStep,
  hasPrivateFlag,
  parseAgendaStepKey,
  readAgendas,
  readAuthor,
  readFollowUpOf,
  readPrivateFlag,
  readTemplateApplied,
  readVoteResult,
  withAgendas,
} from './meta.ts';
export type { BoardAgenda, BoardAgendaStep, FollowUpOf, NoteAuthor, PrivateFlag, VoteResult } from './meta.ts';
export { seedFrame, seedNote, seedText } from './seedShapes.ts';
export type { SeedShape } from './seedShapes.ts';
export { DONE_FIELD, PRESENCE_FIELD, PRIVATE_FIELD, USER_FIELD, currentActivity, getPeers, readPeer, setDone, setPrivateCount, setUser, stampAwarenessState } from './awareness.ts';
export type { Peer, PresenceUser } from './awareness.ts';
export { boardSchema, initialBoardRecords, readDocumentRecord, renameDocument, renameDocumentUpdate, withDocumentName } from './document.ts';
export { TLDR_FILE_FORMAT_VERSION, TldrFileError, isTldraw1File, readTldrFile } from './tldr.ts';
export type { TldrBoard, TldrFile, TldrFileErrorKind } from './tldr.ts';
export { compareSchemas, migrateBoard, migrateDocumentRecord, validateDocumentRecord } from './schema.ts';
export type { InvalidRecord, MigratedBoard, SchemaRelation } from './schema.ts';
export { bindStoreToYDoc } from './binding.ts';
export type { BindOptions, BindingStatus, ReadOnlyReason, StoreBinding } from './binding.ts';
export { bindPresence, presenceIdFor } from './presence.ts';
export type { PresenceBinding, PresenceOptions } from './presence.ts';
export { isDocumentRecord, richTextToPlainText } from './records.ts';
export { BoardRestoreError, observeRecordChanges, restoreBoardVersion } from './restore.ts';
export type { RecordEntryChanges, RestoredBoard } from './restore.ts';
export { createRoomGuard } from './guard/guard.ts';
export type { RoomGuard } from './guard/guard.ts';
export { isTemplateStructure } from './guard/rules.ts';
export type { Writer } from './guard/rules.ts';
