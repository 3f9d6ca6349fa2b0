import type * as Y from 'yjs';
import type { RoomStore } from '@accord/storage';

/**
 * The minimal socket the relay needs. `apps/server` adapts a `ws` WebSocket to it; the relay's own
 * tests use an in-process fake. The relay never imports Fastify or `ws`.
 */
export interface RelaySocket {
  /** Sends one binary frame. */
  send(data: Uint8Array): void;
  /** Starts a closing handshake with a close code from `CloseCode`. */
  close(code: number, reason: string): void;
  /** Destroys the socket at once (dead peer). */
  terminate(): void;
  /** Sends a websocket ping frame. */
  ping(): void;
  /** Bytes queued but not yet written to the network (R9). */
  readonly bufferedAmount: number;
}

/**
 * Messages between server instances when scaled out (Redis). Optional. Delivery is at most once:
 * the relay notices what it missed from the storage sequence peer frames carry, and catches up.
 */
export interface PubSub {
  publish(room: string, data: Uint8Array): void;
  subscribe(room: string, onMessage: (data: Uint8Array) => void): () => void;
  /**
   * Optional: calls `listener(false)` when delivery may have stopped (the connection dropped; what
   * is published meanwhile is lost) and `listener(true)` once every subscription is live again.
   * Without it the relay relies on its periodic check alone.
   */
  onStatus?(listener: (connected: boolean) => void): () => void;
  close(): Promise<void>;
}

/** Why a write was not taken: R4 (`permission`), the judge (`content`), or it could not be made durable (`storage`). */
type WriteRefusalKind = 'permission' | 'content' | 'storage';
/** What made the relay catch a room up from storage (scaled out). */
export type CatchUpReason = 'gap' | 'reconnect' | 'periodic' | 'commit';
/** The room store calls the relay makes. */
type StorageOperation = 'append' | 'load' | 'compact' | 'catch-up' | 'heads';

/**
 * What the relay reports as it works, for metrics (the server feeds Prometheus). Only kinds and
 * figures: never a room name, a token or a person.
 */
export interface RelayEvents {
  /** A write was accepted for the next group commit (R2). */
  writeAccepted(): void;
  writeRefused(reason: WriteRefusalKind): void;
  /** Sync update frames handed to sockets (after a commit, from a peer, from a catch-up). */
  updatesSent(frames: number): void;
  /** One group commit's append took `seconds` for `updates` updates. */
  committed(seconds: number, updates: number): void;
  /** A write reached the room's other sockets `seconds` after it was accepted. */
  fannedOut(seconds: number): void;
  /** A room was read back from storage to catch up; `changed` when it brought something the room lacked. */
  caughtUp(reason: CatchUpReason, changed: boolean): void;
  storageFailed(operation: StorageOperation): void;
  /** The pub/sub connection dropped (false) or is back with every subscription (true). */
  pubsubStatus(connected: boolean): void;
}

/**
 * Who may write where (R4), injected by the server like a Hocuspocus extension hook. The relay
 * knows no boards, roles or room names: it asks this on receipt of every write and again right
 * before the append, and loads, keeps and drops rooms together as `controlRoomOf` says.
 *
 * @typeParam P What the server attached to the connection (`connect`'s `principal`), opaque here.
 */
export interface RoomPolicy<P> {
  /**
   * The room whose doc governs writes to `room` (a lock, say), or null. It is loaded before
   * `room`, stays loaded while `room` is, and a reset of it resets `room` too. Must not form a cycle.
   */
  controlRoomOf(room: string): string | null;
  /**
   * Why `principal` may not write to `room` now, or null to allow. `control` is the loaded doc of
   * `controlRoomOf(room)` (durable state only), or null when `room` has none. Must be cheap and pure.
   */
  writeRefusal(principal: P, room: string, control: Y.Doc | null): string | null;
  /**
   * Optional: a judge of what writes would store in `room`, made when the room loads from its
   * durable doc (which the relay keeps up to date). Every write the rule above lets through is
   * judged before it is queued; a refused one is never stored, applied or broadcast.
   */
  judge?(room: string, doc: Y.Doc): RoomJudge<P> | null;
  /**
   * Optional: an awareness state (JSON text) as the room may show it, e.g. with the identity the
   * server knows stamped over what the client claimed; null drops the entry. Called for every
   * entry a connection sends, except a departure (`"null"`).
   */
  awareness?(principal: P, clientId: number, state: string): string | null;
  /**
   * Optional: who `principal` is in a room's history (stored with each of their writes as
   * `RoomUpdate.author`), or null when unknown. The relay's own writes (`changeRoom`) are
   * authored {@link SERVER_AUTHOR}, so this should never answer that.
   */
  authorOf?(principal: P): string | null;
}

/** The author the relay stores with the server's own changes (`Relay.changeRoom`). */
export const SERVER_AUTHOR = 'server';

/**
 * Judges the content of writes to one room (the server's board rules), keeping the room's
 * accepted state — durable state plus writes admitted and not yet durable — so each write is
 * judged against everything it may build on.
 *
 * @typeParam P The connection's principal; `null` stands for the server itself (`Relay.changeRoom`).
 */
interface RoomJudge<P> {
  /** Null when `update` is admitted (it is then part of the accepted state), else why it is refused. */
  admit(principal: P | null, update: Uint8Array): string | null;
  /** An admitted update became durable. */
  settled(update: Uint8Array): void;
  /** An admitted update will never be stored (refused at commit time, or the append failed). */
  dropped(update: Uint8Array): void;
  /** An update that reached the durable doc without being judged here (another instance stored it). */
  absorb(update: Uint8Array): void;
  destroy(): void;
}

/** Logger the relay writes to (pino is compatible). */
export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** What `Relay` is built with: the room store and the policy are required; see `RELAY_DEFAULTS` for the tunables. */
export interface RelayOptions<P> extends RelayTuning {
  /** Where rooms are stored: the relay sees rooms and nothing else of storage. */
  rooms: RoomStore;
  /** R4: who may write where. */
  policy: RoomPolicy<P>;
  pubsub?: PubSub;
  logger?: RelayLogger;
  /** Metrics hooks; default none. */
  events?: RelayEvents;
}

/** The relay's limits and intervals, each with a default in `RELAY_DEFAULTS`. */
export interface RelayTuning {
  /** R5: largest accepted message in bytes (default 8 MiB). */
  maxMessageBytes?: number;
  /** R5: messages per second a connection may send, sustained (default 300), with bursts to 2x. */
  maxMessagesPerSecond?: number;
  /** R6: interval between pings, ms (default 15 000: each round also sends a no-op frame, and y-websocket reconnects a socket silent for 30 s). */
  pingIntervalMs?: number;
  /** R7: a room without connections for this long is compacted and unloaded, ms (default 30 000). */
  idleUnloadMs?: number;
  /** R7: log entries after which a loaded room is compacted (default 500). */
  compactAfterUpdates?: number;
  /** R9: a socket whose send buffer exceeds this many bytes is closed with 1013 (default 16 MiB). */
  maxBufferedBytes?: number;
  /**
   * Quota: the largest state a room may grow to, in bytes of `Y.encodeStateAsUpdate` (what a late
   * joiner downloads; default 64 MiB). Past it every write is refused with "permission denied"
   * (`Refusal.RoomFull`); what is stored stays. Counted per instance and soft by at most one
   * tick's writes.
   */
  maxRoomBytes?: number;
  /** Quota: bytes per second a connection may send (every message; updates are what is big), sustained (default 1 MiB), with bursts to the larger of twice that and `maxMessageBytes`; past it → 4429. */
  maxBytesPerSecond?: number;
  /** Quota: bytes of awareness state one connection may show, all its client ids together (default 16 KiB); a state past it is not shown (`Refusal.AwarenessTooLarge`). */
  maxAwarenessBytes?: number;
  /** Quota: awareness messages per second a connection may send (default 30, bursts to 2x); more are held, and the latest goes out when the rate allows. */
  maxAwarenessPerSecond?: number;
  /** Quota: a connection's query-awareness messages are answered at most once per this many ms (default 5 000); others are ignored. */
  queryAwarenessIntervalMs?: number;
  /** Quota: a connection's sync step 1 messages (each answered with all the room holds that the sender lacks) are answered at most once per this many ms (default 1 000); one sent sooner is answered when the interval has passed. */
  syncStep1IntervalMs?: number;
  /** R10, scaled out: how often loaded rooms are compared with storage's heads, ms (default 2 000; one query for all rooms). */
  syncCheckMs?: number;
  /** R10, scaled out: how long a hole in a room's sequence may stay open before the room is caught up, ms (default 1 000). */
  gapGraceMs?: number;
}

/** Figures for health checks and benchmarks (`Relay.stats()`). */
export interface RelayStats {
  /** Loaded rooms (a room and the room governing it count two). */
  rooms: number;
  /** Connections attached to a loaded room. */
  connections: number;
  /** Connections whose room is still loading. */
  waiting: number;
  /** Bytes of accepted updates not yet durable plus frames held for loading rooms. */
  pendingBytes: number;
  /** Scaled out: whether the pub/sub delivers (null without pub/sub). */
  pubsubConnected: boolean | null;
  /** Scaled out: loaded rooms known to miss entries storage holds (a gap not yet caught up). */
  lagging: number;
}
