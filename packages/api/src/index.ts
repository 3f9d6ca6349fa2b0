/**
 * @accord/api — the HTTP wire contract's one owner (ARCHITECTURE.md, "HTTP API"): the JSON bodies
 * of every route, their JSON schemas, the error body and its codes, id and token patterns, size
 * limits and the share-link format. The server validates with these schemas; the web client types
 * its calls with these types. Roles come from `@accord/board`, decision records from `@accord/record`.
 */
export { HASH_PATTERN, isBoardId } from './ids.ts';
export { TOKEN_MAC_PATTERN, formatToken, parseToken, tokenRole } from './tokens.ts';
export { PERSON_HEADER, PERSON_ID_PATTERN, PERSON_QUERY_PARAM, isPersonKey } from './person.ts';
export { parseRecordLink, recordLink, shareLink, tokenFromHash } from './links.ts';
export {
  MAX_ASSET_BYTES,
  MAX_DECISION_LENGTH,
  MAX_IMPORT_BYTES,
  MAX_INFORMED,
  MAX_JSON_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_OWNER_LENGTH,
  MAX_PERSON_NAME_LENGTH,
  MAX_TITLE_LENGTH,
} from './limits.ts';
export type { ApiErrorBody, ErrorCode } from './errors.ts';
export type {
  BoardHistory,
  BoardInfo,
  BoardLinks,
  BoardVersion,
  ClientConfig,
  CreateBoardBody,
  CreatedBoard,
  DependencyState,
  DotBody,
  Health,
  HistoryQuery,
  ImportBoardBody,
  MyBallot,
  OpenVoteBody,
  Readiness,
  RenameBoardBody,
  ResetLinkBody,
  RestoredVersion,
  RoleStrings,
  ServerTime,
  UploadedAsset,
  VoteRound,
  VersionAuthor,
} from './wire.ts';
export type {
  BrokenLink,
  BrokenReason,
  ChainCheck,
  ChainHead,
  DecisionLogQuery,
  FollowUpsView,
  KeptHeadQuery,
  NewFollowUpSession,
  NewRecord,
  RecordList,
  RecordSummary,
  RecordView,
  SnapshotDoc,
  SupersedesChoice,
} from './recordWire.ts';
export { assetParams, boardParams, recordParams } from './schemas/common.ts';
export {
  boardInfoSchema,
  boardLinksSchema,
  clientConfigSchema,
  createBoardBodySchema,
  createdBoardSchema,
  healthSchema,
  importBoardBodySchema,
  readinessSchema,
  renameBoardBodySchema,
  resetLinkBodySchema,
  serverTimeSchema,
  syncQuerySchema,
  uploadedAssetSchema,
} from './schemas/boards.ts';
export {
  chainCheckSchema,
  keptHeadQuerySchema,
  newRecordBodySchema,
  recordListSchema,
  recordViewSchema,
  snapshotQuerySchema,
} from './schemas/records.ts';
export { dotBodySchema, myBallotSchema, openVoteBodySchema, voteRoundParams, voteRoundSchema } from './schemas/votes.ts';
export { decisionLogQuerySchema, followUpSessionBodySchema, followUpsViewSchema } from './schemas/decisions.ts';
export {
  boardHistorySchema,
  historyQuerySchema,
  restoredVersionSchema,
  versionParams,
} from './schemas/history.ts';
