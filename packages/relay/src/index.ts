export { Relay, RELAY_DEFAULTS } from './relay.ts';
export { CloseCode, Refusal, refusalQuota } from './closeCodes.ts';
export { SERVER_AUTHOR } from './types.ts';
export type { RelaySocket, RoomJudge, RoomPolicy, PubSub, RelayTuning } from './types.ts';
