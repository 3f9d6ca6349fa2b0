import type * as Y from 'yjs';
import type { RelaySocket } from './types.ts';
import { CloseCode } from './closeCodes.ts';
import { ProtocolError, parseMessage, type ClientMessage } from './protocol.ts';
import type { Room } from './room.ts';

/** What the adapter feeds from its socket's events (see README). */
export interface RelayConnection {
  /** A binary frame arrived. */
  receive(data: Uint8Array): void;
  /** A pong arrived (R6). */
  pong(): void;
  /** The socket closed (for any reason; calling it twice is harmless). */
  closed(): void;
}

/** The per-connection bounds (R5, R9). */
export interface ConnectionLimits {
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxBufferedBytes: number;
}

/** What a connection needs from the relay. */
export interface ConnectionHost {
  readonly limits: ConnectionLimits;
  /** False once the relay shuts down (R8): frames are then ignored; clients resend them on reconnect. */
  accepting(): boolean;
  /** The connection is gone: leave its room (or stop waiting for it). */
  gone(conn: Connection): void;
  /** Handling a frame threw something other than a protocol error: a bug, logged, and only this socket pays. */
  failed(conn: Connection, err: unknown): void;
}

/** How long a socket closed for backpressure may take to go before it is cut off (R9). */
const TERMINATE_AFTER_MS = 5000;

let nextConnectionId = 1;

/**
 * One socket. It exists from the moment the socket opens, so limits apply to every frame from the
 * first (R5); frames that arrive while its room loads are parsed, counted and held in order, then
 * handled once the room is attached (R1).
 */
export class Connection implements RelayConnection {
  readonly id = nextConnectionId++;
  readonly socket: RelaySocket;
  readonly roomName: string;
  /** R4: why this connection may not write to its room now, given the governing room's doc (the policy, bound to its principal). */
  readonly refusal: (control: Y.Doc | null) => string | null;
  /** Null while the room loads. */
  room: Room | null = null;
  /** Awareness client ids this connection introduced; nobody else may speak for them (R4). */
  readonly awarenessIds = new Set<number>();
  /** Set by a pong, cleared by each keepalive round (R6). */
  alive = true;
  isClosed = false;
  /** Frames received before the room loaded, and their size (R1). */
  private early: ClientMessage[] = [];
  earlyBytes = 0;
  private readonly host: ConnectionHost;
  private tokens: number;
  private lastRefill = Date.now();

  constructor(socket: RelaySocket, roomName: string, refusal: (control: Y.Doc | null) => string | null, host: ConnectionHost) {
    this.socket = socket;
    this.roomName = roomName;
    this.refusal = refusal;
    this.host = host;
    this.tokens = host.limits.maxMessagesPerSecond * 2;
  }

  receive(data: Uint8Array): void {
    if (this.isClosed || !this.host.accepting()) return;
    const { maxMessageBytes, maxBufferedBytes } = this.host.limits;
    if (data.byteLength > maxMessageBytes) return this.close(CloseCode.MessageTooBig, 'message too big');
    if (!this.takeToken()) return this.close(CloseCode.PolicyViolation, 'too many messages');
    let msg: ClientMessage;
    try {
      msg = parseMessage(data);
    } catch (err) {
      if (err instanceof ProtocolError) return this.close(CloseCode.ProtocolError, 'malformed message');
      throw err;
    }
    if (this.room) return this.handle(this.room, msg);
    // The rate limit alone would let a client park (burst x message size) bytes here during a
    // slow load; the send-buffer bound is a fair cap for what we hold on its behalf.
    this.earlyBytes += data.byteLength;
    if (this.earlyBytes > maxBufferedBytes) return this.close(CloseCode.TryAgainLater, 'room still loading');
    this.early.push(msg);
  }

  /** Joins the loaded room: greet the client, then handle what it sent meanwhile, in order (R1). */
  attach(room: Room): void {
    this.room = room;
    room.connections.add(this);
    room.greet(this);
    const early = this.early;
    this.early = [];
    this.earlyBytes = 0;
    for (const msg of early) {
      if (this.isClosed) return;
      this.handle(room, msg);
    }
  }

  // The adapter calls us from socket events; an exception escaping here would take the whole
  // process down, so a bug costs this one socket instead.
  private handle(room: Room, msg: ClientMessage): void {
    try {
      room.handle(this, msg);
    } catch (err) {
      this.host.failed(this, err);
    }
  }

  /** Token bucket: `maxMessagesPerSecond` sustained, bursts up to twice that (R5). */
  private takeToken(): boolean {
    const now = Date.now();
    const rate = this.host.limits.maxMessagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Sends one frame unless the socket is backed up past its bound, in which case it is closed (R9). */
  send(frame: Uint8Array): void {
    if (this.isClosed) return;
    if (this.socket.bufferedAmount > this.host.limits.maxBufferedBytes) {
      const socket = this.socket;
      this.close(CloseCode.TryAgainLater, 'client too slow');
      // The close frame waits behind the backlog; a peer that never drains it is cut off.
      setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref?.();
      return;
    }
    try {
      this.socket.send(frame);
    } catch {
      this.closed();
    }
  }

  pong(): void {
    this.alive = true;
  }

  /** Closes the socket with `code` and leaves the room. */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    this.closed();
  }

  /** The socket is gone (the adapter's close event, a failed send, or our own close). Idempotent. */
  closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.early = [];
    this.earlyBytes = 0;
    this.host.gone(this);
  }
}
