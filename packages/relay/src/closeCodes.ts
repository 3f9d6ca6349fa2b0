/** Websocket close codes the relay uses, in one place (RFC 6455 §7.4.1; 4000–4999 are Accord's own). */
export const CloseCode = {
  /** Normal closure. */
  Normal: 1000,
  /** Malformed message: bad varint, unknown type, undecodable update (R5). */
  ProtocolError: 1002,
  /** Policy: too many messages per second (R5). */
  PolicyViolation: 1008,
  /** Message over the size limit (R5). */
  MessageTooBig: 1009,
  /** The server could not do its part (storage failed): reconnect and resync. */
  InternalError: 1011,
  /** Server restarting / shutting down (R8). */
  ServiceRestart: 1012,
  /** Send buffer over its bound: the client is too slow (R9). */
  TryAgainLater: 1013,
  /**
   * The link this socket joined with was reset by a facilitator (`Relay.closeConnections`): it
   * no longer opens the board, so the client should not reconnect with it.
   */
  LinkReset: 4401,
  /** The board was deleted (`Relay.closeRooms`): nothing to reconnect to. */
  BoardDeleted: 4410,
  /**
   * Quota: more bytes per second than `maxBytesPerSecond` (R5). Nothing sent past it is
   * stored past the refusal; the client keeps its changes, reconnects and resends them.
   */
  TooMuchData: 4429,
  /**
   * Storage cannot take writes now (R11): the write was not kept and the client's copy still holds
   * it; reconnect (with backoff) and it is sent again. Private range, mirrors HTTP 503.
   */
  StorageUnavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Reasons of the y-protocols "permission denied" messages the relay itself sends for a quota, so a
 * client can tell them from a refused write (a lock, a role): a reason starts with one of these,
 * then `: ` and a sentence for people.
 */
export const Refusal = {
  /** A write refused because the room's state is at `maxRoomBytes`: nothing more is stored; what is stored stays. */
  RoomFull: 'accord:room-full',
  /** An awareness state over `maxAwarenessBytes`: not shown to others (the writes still go through). */
  AwarenessTooLarge: 'accord:awareness-too-large',
} as const;
export type Refusal = (typeof Refusal)[keyof typeof Refusal];

/** The quota a "permission denied" reason names, or null for any other refusal. */
export function refusalQuota(reason: string): Refusal | null {
  return (Object.values(Refusal) as string[]).find((r) => reason === r || reason.startsWith(`${r}:`)) as Refusal | undefined ?? null;
}
