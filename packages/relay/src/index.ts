export { Relay } from './relay.ts';
export type { RelaySocket, RoomPolicy, PubSub, RelayTuning } from './types.ts';
