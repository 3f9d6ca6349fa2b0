export { Relay, RELAY_DEFAULTS } from './relay.ts';
export type { RelayConnection } from './connection.ts';
export { CloseCode } from './closeCodes.ts';
export { MessageType, SyncType, ProtocolError, parseMessage, encodeAwareness, decodeAwareness } from './protocol.ts';
export type { AwarenessEntry, ClientMessage } from './protocol.ts';
export { writeRefusal, controlRoomOf, isFacilitationRoom, FACILITATION_SUFFIX } from './permissions.ts';
export type { Role, RelaySocket, PubSub, RelayLogger, RelayOptions, RelayStats } from './types.ts';
