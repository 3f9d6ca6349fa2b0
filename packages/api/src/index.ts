/**
 * @accord/api — the HTTP wire contract's one owner (ARCHITECTURE.md, "HTTP API"): the JSON bodies
 * of every route, their JSON schemas, the error body and its codes, id and token patterns, size
 * limits and the share-link format. The server validates with these schemas; the web client types
 * its calls with these types. Roles come from `@accord/board`, decision records from `@accord/record`.
 */
export { ASSET_ID_PATTERN, BOARD_ID_PATTERN, HASH_PATTERN, RECORD_ID_PATTERN, SHAPE_ID_PATTERN, VOTE_ROUND_ID_PATTERN, isBoardId } from './ids.ts';
export { TOKEN_MAC_PATTERN, TOKEN_PATTERN, TOKEN_VERSION, formatToken, parseToken, tokenRole } from './tokens.ts';
export type { TokenParts } from './tokens.ts';
export { PERSON_HEADER, PERSON_ID_PATTERN, PERSON_KEY_PATTERN, PERSON_QUERY_PARAM, isPersonKey } from './person.ts';
export { LINK_TOKEN_PARAM, boardPath, parseRecordLink, parseShareLink, recordLink, recordPath, shareLink, tokenFromHash } from './links.ts';
export type { RecordLinkParts, ShareLinkParts } from './links.ts';
export {
  MAX_ASSET_BYTES,
  MAX_DECISION_LENGTH,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_RECORDS,
  MAX_INFORMED,
  MAX_JSON_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_OWNER_LENGTH,
  MAX_PERSON_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_TOKEN_LENGTH,
  MAX_VOTES_PER_PERSON,
} from './limits.ts';
export type { ApiErrorBody, ErrorCode, FastifyErrorCode } from './errors.ts';
export type {
  BoardHistory,
  BoardInfo,
  BoardLinks,
  BoardVersion,
  BrokenLink,
  BrokenReason,
  ChainCheck,
  ChainHead,
  ClientConfig,
  CreateBoardBody,
  CreatedBoard,
  DecisionLogQuery,
  DependencyState,
  DotBody,
  FollowUpOrigin,
  FollowUpsView,
  Health,
  HistoryQuery,
  ImportBoardBody,
  KeptHeadQuery,
  MyBallot,
  NewFollowUpSession,
  NewRecord,
  OpenVoteBody,
  RecordList,
  RecordSummary,
  Readiness,
  RecordView,
  RenameBoardBody,
  ResetLinkBody,
  RestoredVersion,
  RoleStrings,
  ServerTime,
  SnapshotDoc,
  SupersedesChoice,
  UploadedAsset,
  VoteRound,
  VersionAuthor,
} from './wire.ts';
export { assetParams, boardParams, nonBlankString, recordParams, roleSchema, titleSchema } from './schemas/common.ts';
export {
  TEMPLATE_IDS,
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
  tldrFileSchema,
  uploadedAssetSchema,
} from './schemas/boards.ts';
export {
  chainCheckSchema,
  chainHeadSchema,
  keptHeadQuerySchema,
  newRecordBodySchema,
  recordListSchema,
  recordSummarySchema,
  recordViewSchema,
  snapshotQuerySchema,
  supersedingRecordSchema,
} from './schemas/records.ts';
export { dotBodySchema, myBallotSchema, openVoteBodySchema, voteRoundParams, voteRoundSchema } from './schemas/votes.ts';
export { decisionLogQuerySchema, followUpSessionBodySchema, followUpsViewSchema } from './schemas/decisions.ts';
export {
  boardHistorySchema,
  historyQuerySchema,
  restoredVersionSchema,
  versionParams,
} from './schemas/history.ts';
