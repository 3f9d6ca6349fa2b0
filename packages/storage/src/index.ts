// The contract suite lives in the `./contract` entry: it imports vitest, which production code must not load.
export type {
  AppendedUpdate,
  AssetStore,
  BallotStore,
  BoardRow,
  BoardStore,
  HistoryCheckpoint,
  HistoryEntry,
  HistoryStore,
  LoadedRoom,
  NewBoardRow,
  PrunedHistory,
  RecordLink,
  RecordStore,
  RoomDelta,
  RoomStore,
  RoomUpdate,
  Storage,
  StoredBallot,
  StoredRecord,
} from './types.ts';
export { openSqliteStorage } from './sqlite.ts';
export { PostgresStorage, openPostgresStorage } from './postgres.ts';
export { isStorageUnavailable } from './unavailable.ts';
