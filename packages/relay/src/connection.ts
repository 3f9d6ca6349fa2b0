import type * as Y from 'yjs';
import type { RelaySocket } from './types.ts';
import { CloseCode, Refusal } from './closeCodes.ts';
import { ProtocolError, encodePermissionDenied, parseMessage, type AwarenessEntry, type ClientMessage } from './protocol.ts';
import { Bucket } from './bucket.ts';
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

/** The per-connection bounds (R5, R9) and quotas (see `RelayTuning`). */
export interface ConnectionLimits {
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxBufferedBytes: number;
  maxBytesPerSecond: number;
  maxAwarenessBytes: number;
  maxAwarenessPerSecond: number;
  queryAwarenessIntervalMs: number;
  syncStep1IntervalMs: number;
}

/** Room for the varints around an awareness entry: a frame this much past the quota cannot hold a state within it. */
const AWARENESS_FRAME_OVERHEAD = 1024;

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
  /** Bytes of the awareness state shown for each of those ids (the `maxAwarenessBytes` quota). */
  readonly awarenessBytes = new Map<number, number>();
  /** Set by a pong, cleared by each keepalive round (R6). */
  alive = true;
  isClosed = false;
  /** Frames received before the room loaded, and their size (R1). */
  private early: ClientMessage[] = [];
  earlyBytes = 0;
  private readonly host: ConnectionHost;
  private readonly messages: Bucket;
  private readonly bytes: Bucket;
  private readonly awarenessMessages: Bucket;
  private lastQueryAnswered = -Infinity;
  /** Awareness past the rate, latest entry per client id, sent when the rate allows. */
  private heldAwareness: Map<number, AwarenessEntry> | null = null;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastStep1Answered = -Infinity;
  /** A sync step 1 that came too soon after the last, answered when the interval has passed (the latest one). */
  private heldStep1: ClientMessage | null = null;
  private step1Timer: ReturnType<typeof setTimeout> | null = null;
  /** Quota refusals already told to this client: each is said once per connection. */
  private readonly told = new Set<Refusal>();

  constructor(socket: RelaySocket, roomName: string, refusal: (control: Y.Doc | null) => string | null, host: ConnectionHost) {
    this.socket = socket;
    this.roomName = roomName;
    this.refusal = refusal;
    this.host = host;
    const l = host.limits;
    this.messages = new Bucket(l.maxMessagesPerSecond, l.maxMessagesPerSecond * 2);
    this.bytes = new Bucket(l.maxBytesPerSecond, Math.max(l.maxBytesPerSecond * 2, l.maxMessageBytes));
    this.awarenessMessages = new Bucket(l.maxAwarenessPerSecond, l.maxAwarenessPerSecond * 2);
  }

  /** This connection's bounds and quotas. */
  get limits(): ConnectionLimits {
    return this.host.limits;
  }

  receive(data: Uint8Array): void {
    if (this.isClosed || !this.host.accepting()) return;
    const { maxMessageBytes, maxBufferedBytes } = this.host.limits;
    if (data.byteLength > maxMessageBytes) {
      this.close(CloseCode.MessageTooBig, 'message too big');
      return;
    }
    if (!this.messages.take()) {
      this.close(CloseCode.PolicyViolation, 'too many messages');
      return;
    }
    // Every byte counts, whatever it carries: updates are what is usually big, but a flood of
    // oversized awareness costs the server the same to receive.
    if (!this.bytes.take(data.byteLength)) {
      this.close(CloseCode.TooMuchData, 'too much data: slow down');
      return;
    }
    // An awareness message (type 1, one byte) too big to hold a state within the quota is not even parsed.
    if (data[0] === 1 && data.byteLength > this.limits.maxAwarenessBytes + AWARENESS_FRAME_OVERHEAD) {
      this.tell(Refusal.AwarenessTooLarge, this.awarenessTooLarge());
      return;
    }
    let msg: ClientMessage;
    try {
      msg = parseMessage(data);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.close(CloseCode.ProtocolError, 'malformed message');
        return;
      }
      throw err;
    }
    if (this.room) {
      this.handle(this.room, msg);
      return;
    }
    // The rate limit alone would let a client park (burst x message size) bytes here during a
    // slow load; the send-buffer bound is a fair cap for what we hold on its behalf.
    this.earlyBytes += data.byteLength;
    if (this.earlyBytes > maxBufferedBytes) {
      this.close(CloseCode.TryAgainLater, 'room still loading');
      return;
    }
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
    if (msg.kind === 'awareness' && !this.awarenessMessages.take()) {
      this.holdAwareness(msg.entries);
      return;
    }
    if (msg.kind === 'step1') {
      // Each answer can be the whole room (what a client lacks): at most one per interval. A stock
      // client sends one per connection; a later one is held and answered, never dropped.
      const wait = this.lastStep1Answered + this.limits.syncStep1IntervalMs - Date.now();
      if (wait > 0) {
        this.holdStep1(msg, wait);
        return;
      }
      this.lastStep1Answered = Date.now();
    }
    if (msg.kind === 'query-awareness') {
      // Each answer carries every state in the room: answered once per interval, else ignored.
      const now = Date.now();
      if (now - this.lastQueryAnswered < this.limits.queryAwarenessIntervalMs) return;
      this.lastQueryAnswered = now;
    }
    try {
      room.handle(this, msg);
    } catch (err) {
      this.host.failed(this, err);
    }
  }

  private holdStep1(msg: ClientMessage, wait: number): void {
    this.heldStep1 = msg;
    this.step1Timer ??= setTimeout(() => {
      this.step1Timer = null;
      const held = this.heldStep1;
      this.heldStep1 = null;
      if (held && this.room && !this.isClosed) this.handle(this.room, held);
    }, wait);
    this.step1Timer.unref?.();
  }

  /** Awareness past the rate: keep the latest entry per client id and hand them on once the rate allows, so the last state is never lost. */
  private holdAwareness(entries: AwarenessEntry[]): void {
    this.heldAwareness ??= new Map();
    for (const e of entries) this.heldAwareness.set(e.clientId, e);
    this.awarenessTimer ??= setTimeout(() => {
      this.awarenessTimer = null;
      const held = this.heldAwareness;
      this.heldAwareness = null;
      if (held && this.room && !this.isClosed) this.handle(this.room, { kind: 'awareness', entries: [...held.values()] });
    }, Math.ceil(1000 / this.limits.maxAwarenessPerSecond));
    this.awarenessTimer.unref?.();
  }

  private awarenessTooLarge(): string {
    return `${Refusal.AwarenessTooLarge}: presence is limited to ${Math.round(this.limits.maxAwarenessBytes / 1024)} KiB per connection; yours is not shown to others`;
  }

  /** Tells the client about a quota with a "permission denied" message, once per connection. */
  tell(quota: Refusal, reason = quota === Refusal.AwarenessTooLarge ? this.awarenessTooLarge() : quota): void {
    if (this.told.has(quota)) return;
    this.told.add(quota);
    this.send(encodePermissionDenied(reason));
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
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.heldAwareness = null;
    if (this.step1Timer) clearTimeout(this.step1Timer);
    this.step1Timer = null;
    this.heldStep1 = null;
    this.host.gone(this);
  }
}
