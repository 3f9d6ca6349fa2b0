// The contract suite lives in the `./contract` entry: it imports vitest, which production code must not load.
export type { AssetStore, BallotChange, BallotKey, BallotStore, BoardRow, BoardStore, LoadedRoom, RecordStore, RoomStore, RoomUpdate, Storage, StoredAsset, StoredBallot, StoredRecord } from './types.ts';
export { SqliteStorage, openSqliteStorage } from './sqlite.ts';
export type { SqliteStorageOptions } from './sqlite.ts';
export { PostgresStorage, openPostgresStorage } from './postgres.ts';
export type { PostgresStorageOptions } from './postgres.ts';
