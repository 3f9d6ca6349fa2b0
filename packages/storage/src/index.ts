// The contract suite lives in the `./contract` entry: it imports vitest, which production code must not load.
export type { AppendedUpdate, AssetStore, BoardRow, BoardStore, LoadedRoom, RecordStore, RoomDelta, RoomStore, RoomUpdate, Storage, StoredAsset, StoredRecord } from './types.ts';
export { SqliteStorage, openSqliteStorage } from './sqlite.ts';
export type { SqliteStorageOptions } from './sqlite.ts';
export { PostgresStorage, openPostgresStorage } from './postgres.ts';
export type { PostgresStorageOptions } from './postgres.ts';
export { isStorageUnavailable } from './unavailable.ts';
