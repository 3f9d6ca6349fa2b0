/**
 * @accord/board — the board's Y.Doc layout (ARCHITECTURE.md, "Board documents"), the binding
 * between a tldraw store and that doc, and presence through Yjs awareness. React-free; the web
 * app wraps it in hooks, the server and the record package read boards with it.
 */
export {
  FACILITATION_ROOM_SUFFIX,
  PARTIES,
  PEOPLE,
  getPeopleMap,
  parseVoterKey,
  readPeople,
  upsertPerson,
  voterKey,
  RECORDS,
  SCHEMA,
  SCHEMA_KEY,
  SESSION,
  VOTES,
  getRecordsKV,
  getSchemaMap,
  getSessionMap,
  getVotesMap,
  readRecords,
  readSession,
  tallyVotes,
  updateSession,
  writeBoardRecords,
} from './doc.ts';
export type {
  FacilitationFocus,
  FacilitationFollow,
  FacilitationPrivateWriting,
  FacilitationSession,
  FacilitationTimer,
  FacilitationVoting,
  Party,
  Person,
  RecordEntry,
} from './doc.ts';
export { compareSchemas, migrateBoard, migrateDocumentRecord, validateDocumentRecord } from './schema.ts';
export type { InvalidRecord, MigratedBoard, SchemaRelation } from './schema.ts';
export { bindStoreToYDoc } from './binding.ts';
export type { BindOptions, BindingStatus, ReadOnlyReason, StoreBinding } from './binding.ts';
export { PRESENCE_FIELD, USER_FIELD, bindPresence, getUsers, presenceIdFor, setUser } from './presence.ts';
export type { PresenceBinding, PresenceOptions, PresenceUser } from './presence.ts';
export { createBindingRecord, createShapeRecord, isDocumentRecord, richTextToPlainText } from './records.ts';
export type { ShapeInit } from './records.ts';
