// The contract suite lives in the `./contract` entry: it imports vitest, which production code must not load.
export type {
  AppendedUpdate,
  HistoryCheckpoint,
  HistoryEntry,
  HistoryStore,
  LoadedRoom,
  PrunedHistory,
  RoomDelta,
  RoomStore,
  RoomUpdate,
} from './roomTypes.ts';
export type {
  AssetStore,
  BallotStore,
  BoardRow,
  BoardStore,
  NewBoardRow,
  RecordLink,
  RecordStore,
  Storage,
  StoredBallot,
  StoredRecord,
} from './types.ts';
export { openSqliteStorage } from './sqlite.ts';
export { PostgresStorage, openPostgresStorage } from './postgres.ts';
export { isStorageUnavailable } from './unavailable.ts';
