/**
 * @accord/board — the board document's one owner (ARCHITECTURE.md, "Board documents"): room names,
 * roles and the write rule, the Y.Doc layout, the facilitation session, the people registry, dot
 * votes and their one tally, every meta key and awareness field, the document record; plus the
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
} from './session.ts';
export { PARTIES, PEOPLE, getPeopleMap, isParty, readPeople, readPerson, upsertPerson } from './people.ts';
export type { Party, Person } from './people.ts';
export { VOTES, castDot, dotRefusal, getVotesMap, parseVoterKey, readBallot, readBallots, tallyRound, voterKey } from './votes.ts';
export type { Ballot, RoundLimits, RoundTally, TallyRow } from './votes.ts';
export {
  AGENDA_META,
  AREA_META,
  AUTHOR_META,
  PRIVATE_META,
  TEMPLATE_APPLIED_META,
  VOTE_RESULT_META,
  agendaStepKey,
  findAgendaStep,
  hasPrivateFlag,
  parseAgendaStepKey,
  readAgendas,
  readAuthor,
  readPrivateFlag,
  readTemplateApplied,
  readVoteResult,
  withAgendas,
} from './meta.ts';
export type { BoardAgenda, BoardAgendaStep, NoteAuthor, PrivateFlag, VoteResult } from './meta.ts';
export { PRESENCE_FIELD, PRIVATE_FIELD, USER_FIELD, getPeers, readPeer, setPrivateCount, setUser, stampAwarenessState } from './awareness.ts';
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
