export { Relay } from './relay.ts';
export { CloseCode } from './closeCodes.ts';
export type { PubSub, RelayEvents, RelaySocket, RelayStats, RelayTuning, RoomJudge, RoomPolicy } from './types.ts';
