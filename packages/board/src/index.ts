export { RECORDS, SCHEMA, SCHEMA_KEY, VOTES, SESSION, getRecordsKV, getSchemaMap, getVotesMap, getSessionMap, readSession } from './doc.ts';
export type { FacilitationSession } from './doc.ts';
export { bindStoreToYDoc } from './binding.ts';
export type { BindOptions, BindingStatus, ReadOnlyReason, StoreBinding } from './binding.ts';
export { bindPresence, presenceIdFor } from './presence.ts';
export type { PresenceBinding, PresenceOptions, PresenceUser } from './presence.ts';
export { createShapeRecord, createBindingRecord, isDocumentRecord } from './records.ts';
export type { ShapeInit } from './records.ts';
