// The contract suite lives in the `./contract` entry: it imports vitest, which production code must not load.
export type {
  AppendedUpdate,
  AssetStore,
  BallotChange,
  BallotKey,
  BallotStore,
  BoardRow,
  BoardStore,
  HistoryCheckpoint,
  HistoryEntry,
  HistoryStore,
  LinkGenerations,
  LinkRole,
  LoadedRoom,
  NewBoardRow,
  PrunedHistory,
  RecordLink,
  RecordStore,
  RoomDelta,
  RoomStore,
  RoomUpdate,
  Storage,
  StoredAsset,
  StoredBallot,
  StoredRecord,
} from './types.ts';
export { SQLITE_SCHEMA_VERSION, SqliteStorage, openSqliteStorage } from './sqlite.ts';
export type { SqliteStorageOptions } from './sqlite.ts';
export { POSTGRES_SCHEMA_VERSION, PostgresStorage, openPostgresStorage } from './postgres.ts';
export type { PostgresStorageOptions } from './postgres.ts';
export { isStorageUnavailable } from './unavailable.ts';
