export { Relay } from './relay.ts';
export { CloseCode } from './closeCodes.ts';
export type { CatchUpReason, PubSub, RelayEvents, RelaySocket, RelayStats, RelayTuning, RoomJudge, RoomPolicy, StorageOperation, WriteRefusalKind } from './types.ts';
