/** Websocket close codes the relay uses, in one place (RFC 6455 §7.4.1). */
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
   * Storage cannot take writes now (R11): the write was not kept and the client's copy still holds
   * it; reconnect (with backoff) and it is sent again. Private range, mirrors HTTP 503.
   */
  StorageUnavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
