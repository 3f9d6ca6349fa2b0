import type { RelayConnection } from './relay.ts';
import type { Role, RelaySocket } from './types.ts';
import { CloseCode } from './closeCodes.ts';
import { ProtocolError, parseMessage } from './protocol.ts';
import type { Room } from './room.ts';

export interface ConnectionLimits {
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxBufferedBytes: number;
}

let nextConnectionId = 1;

/**
 * One socket in a loaded room (the relay holds frames back while a room loads, R1); size, rate and
 * shape are checked on every frame (R5).
 */
export class Connection implements RelayConnection {
  readonly id = nextConnectionId++;
  readonly socket: RelaySocket;
  readonly role: Role;
  readonly room: Room;
  /** Awareness client ids this connection introduced; nobody else may speak for them. */
  readonly awarenessIds = new Set<number>();
  /** Set by a pong, cleared by each keepalive round (R6). */
  alive = true;
  isClosed = false;
  private readonly limits: ConnectionLimits;
  private tokens: number;
  private lastRefill = Date.now();
  private readonly onGone: (c: Connection) => void;

  constructor(socket: RelaySocket, role: Role, room: Room, limits: ConnectionLimits, onGone: (c: Connection) => void) {
    this.socket = socket;
    this.role = role;
    this.room = room;
    this.limits = limits;
    this.tokens = limits.maxMessagesPerSecond * 2;
    this.onGone = onGone;
  }

  receive(data: Uint8Array): void {
    if (this.isClosed) return;
    if (data.byteLength > this.limits.maxMessageBytes) return this.close(CloseCode.MessageTooBig, 'message too big');
    if (!this.takeToken()) return this.close(CloseCode.PolicyViolation, 'too many messages');
    this.handle(data);
  }

  /** Greets the client once its room has loaded: our state vector and who is here. */
  start(): void {
    if (!this.isClosed) this.room.greet(this);
  }

  private handle(data: Uint8Array): void {
    let msg;
    try {
      msg = parseMessage(data);
    } catch (err) {
      if (err instanceof ProtocolError) return this.close(CloseCode.ProtocolError, 'malformed message');
      throw err;
    }
    this.room.handle(this, msg);
  }

  private takeToken(): boolean {
    const now = Date.now();
    const rate = this.limits.maxMessagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Sends one frame unless the socket is backed up past its bound, in which case it is closed (R9). */
  send(frame: Uint8Array): void {
    if (this.isClosed) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCode.TryAgainLater, 'client too slow');
      // The close frame waits behind the backlog; a peer that never drains it is cut off.
      setTimeout(() => this.socket.terminate(), 5000).unref?.();
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
    this.onGone(this);
  }
}
