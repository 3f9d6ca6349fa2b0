export { Relay } from './relay.ts';
export { SERVER_AUTHOR } from './types.ts';
export type { RelaySocket, RoomJudge, RoomPolicy, PubSub, RelayTuning } from './types.ts';
