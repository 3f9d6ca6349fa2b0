export { Relay } from './relay.ts';
export type { RelaySocket, RoomJudge, RoomPolicy, PubSub, RelayTuning } from './types.ts';
