export { Relay } from './relay.ts';
export { CloseCode, Refusal, refusalQuota } from './closeCodes.ts';
export { SERVER_AUTHOR } from './types.ts';
export type { PubSub, RelayEvents, RelaySocket, RelayStats, RelayTuning, RoomPolicy } from './types.ts';
