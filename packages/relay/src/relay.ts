import * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { Connection, type ConnectionHost, type RelayConnection } from './connection.ts';
import { GroupCommit } from './groupCommit.ts';
import { LoadedRooms } from './loadedRooms.ts';
import { applyPeerFrame, encodePeerFrame } from './peers.ts';
import { KEEPALIVE_FRAME, encodeAwarenessMessage, encodeSyncUpdate, type AwarenessEntry } from './protocol.ts';
import type { BoundJudge, Room } from './room.ts';
import { SERVER_AUTHOR, type PubSub, type RelayLogger, type RelayOptions, type RelaySocket, type RelayStats, type RelayTuning, type RoomPolicy } from './types.ts';

const silent: RelayLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** Defaults for every tunable of `RelayOptions`. */
export const RELAY_DEFAULTS = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxMessagesPerSecond: 300,
  // Half of y-websocket's 30 s silence watchdog: each round also sends a no-op frame (R6).
  pingIntervalMs: 15_000,
  idleUnloadMs: 30_000,
  compactAfterUpdates: 500,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxRoomBytes: 64 * 1024 * 1024,
  maxBytesPerSecond: 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxAwarenessPerSecond: 30,
  queryAwarenessIntervalMs: 5000,
} as const satisfies Required<RelayTuning>;

/** How long a closed room's name refuses connects: covers a request authorized just before its board went. */
const RETIRED_FOR_MS = 60_000;

/**
 * The room engine: rooms, group commit, fan-out, keepalive and lifecycle over an injected room
 * store, write policy and pub/sub. Knows nothing of boards, Fastify or `ws`; see `RelaySocket`
 * and `RoomPolicy`.
 *
 * @typeParam P What the server attaches to each connection for the policy (who is connecting).
 */
export class Relay<P extends object> {
  private readonly log: RelayLogger;
  private readonly pubsub: PubSub | undefined;
  private readonly policy: RoomPolicy<P>;
  private readonly opts: Required<RelayTuning>;
  private readonly rooms: LoadedRooms;
  /** Connections whose room is still loading. */
  private readonly waiting = new Set<Connection>();
  private readonly commits: GroupCommit;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly connectionHost: ConnectionHost;
  private closing: Promise<void> | null = null;
  /** What the server attached to each connection, for the judge. */
  private readonly principals = new WeakMap<Connection, P>();
  /** Tags our pub/sub frames so we can drop our own echoes. */
  private readonly instance = crypto.randomUUID();
  /** Rooms closed for good (`closeRooms`), until when they refuse connects. */
  private readonly retired = new Map<string, number>();

  constructor(opts: RelayOptions<P>) {
    this.pubsub = opts.pubsub;
    this.policy = opts.policy;
    this.log = opts.logger ?? silent;
    const o = (k: keyof typeof RELAY_DEFAULTS) => opts[k] ?? RELAY_DEFAULTS[k];
    this.opts = {
      maxMessageBytes: o('maxMessageBytes'),
      maxMessagesPerSecond: o('maxMessagesPerSecond'),
      pingIntervalMs: o('pingIntervalMs'),
      idleUnloadMs: o('idleUnloadMs'),
      compactAfterUpdates: o('compactAfterUpdates'),
      maxBufferedBytes: o('maxBufferedBytes'),
      maxRoomBytes: o('maxRoomBytes'),
      maxBytesPerSecond: o('maxBytesPerSecond'),
      maxAwarenessBytes: o('maxAwarenessBytes'),
      maxAwarenessPerSecond: o('maxAwarenessPerSecond'),
      queryAwarenessIntervalMs: o('queryAwarenessIntervalMs'),
    };
    const { maxRoomBytes, pingIntervalMs: _p, idleUnloadMs: _i, compactAfterUpdates: _c, ...limits } = this.opts;
    this.connectionHost = {
      limits,
      accepting: () => this.closing === null,
      gone: (c) => this.detach(c),
      failed: (c, err) => {
        this.log.error({ err, room: c.roomName }, 'frame handling failed; closing the socket');
        c.close(CloseCode.InternalError, 'internal error');
      },
    };
    const refusal = (room: Room, conn: Connection) => conn.refusal(this.rooms.controlDoc(room));
    this.rooms = new LoadedRooms({
      store: opts.rooms,
      pubsub: this.pubsub,
      log: this.log,
      idleUnloadMs: this.opts.idleUnloadMs,
      roomHost: {
        queueWrite: (room, conn, update) => this.commits.queueWrite(room, conn, update),
        queueAwareness: (room, entries) => this.commits.queueAwareness(room, entries),
        refusal,
        stampAwareness: (conn, entry) => this.stampAwareness(conn, entry),
        maxRoomBytes,
      },
      controlRoomOf: (room) => this.policy.controlRoomOf(room),
      judge: (room) => this.bindJudge(room),
      whenFlushed: () => this.commits.whenFlushed(),
      fromPeer: (room, data) => this.fromPeer(room, data),
      closing: () => this.closing !== null,
    });
    this.commits = new GroupCommit({
      store: opts.rooms,
      log: this.log,
      // R4 again at commit time: a lock made durable since the write was accepted still stops it.
      refusal,
      committed: (room, updates, writers, lastSeq) => this.committed(room, updates, writers, lastSeq),
      dropped: (room, update) => room.judge?.dropped(update),
      awareness: (room, entries) => this.sendAwareness(room, entries),
      authorOf: (conn) => this.authorOf(conn),
    });
    this.keepalive = setInterval(() => this.keepaliveRound(), this.opts.pingIntervalMs);
    this.keepalive.unref?.();
  }

  /**
   * Attaches a socket to a room, for `principal` (what the server learnt of who is connecting;
   * the policy decides its writes). Call it synchronously when the socket opens, before any await,
   * and feed the returned connection from the socket's message, pong and close events. Frames that
   * arrive while the room loads are held and handled in order once it has loaded (R1). After
   * `close()` the socket is closed at once with 1012 (R8).
   */
  connect(socket: RelaySocket, roomName: string, principal: P): RelayConnection {
    const refusal = (control: Y.Doc | null) => this.policy.writeRefusal(principal, roomName, control);
    const conn = new Connection(socket, roomName, refusal, this.connectionHost);
    this.principals.set(conn, principal);
    if (this.closing) {
      conn.close(CloseCode.ServiceRestart, 'server restarting');
      return conn;
    }
    if ((this.retired.get(roomName) ?? 0) > Date.now()) {
      conn.close(CloseCode.BoardDeleted, 'room closed');
      return conn;
    }
    const room = this.rooms.ready(roomName);
    if (room) {
      this.attach(conn, room);
      return conn;
    }
    this.waiting.add(conn);
    this.rooms.load(roomName).then(
      (loaded) => {
        this.waiting.delete(conn);
        if (conn.isClosed) return;
        if (this.closing) conn.close(CloseCode.ServiceRestart, 'server restarting');
        else this.attach(conn, loaded);
      },
      (err: unknown) => {
        this.waiting.delete(conn);
        this.log.error({ err, room: roomName }, 'room failed to load');
        conn.close(CloseCode.InternalError, 'room failed to load');
      },
    );
    return conn;
  }

  private stampAwareness(conn: Connection, entry: AwarenessEntry): AwarenessEntry | null {
    const principal = this.principals.get(conn);
    if (!this.policy.awareness || principal === undefined) return entry;
    const state = this.policy.awareness(principal, entry.clientId, entry.state);
    return state === null ? null : state === entry.state ? entry : { ...entry, state };
  }

  /** Who a write is by, for the room's history: the policy's name for the connection's principal, or the server. */
  private authorOf(conn: Connection | null): string | null {
    if (!conn) return SERVER_AUTHOR;
    const principal = this.principals.get(conn);
    return principal === undefined ? null : (this.policy.authorOf?.(principal) ?? null);
  }

  /** The policy's judge for a loaded room, with each connection's principal bound in. */
  private bindJudge(room: Room): BoundJudge | null {
    const judge = this.policy.judge?.(room.name, room.doc);
    if (!judge) return null;
    return {
      admit: (conn, update) => judge.admit(conn ? (this.principals.get(conn) ?? null) : null, update),
      settled: (update) => judge.settled(update),
      dropped: (update) => judge.dropped(update),
      absorb: (update) => judge.absorb(update),
      destroy: () => judge.destroy(),
    };
  }

  /**
   * A change the server itself makes to a room (a restore, a vote's results): `change` edits a copy
   * of the room's durable state, and what it changed is judged (as the server's), stored (authored
   * `SERVER_AUTHOR`) and broadcast like any write. Resolves once it is durable, with the sequence
   * number it was stored under, or null when `change` changed nothing (nothing is stored); rejects
   * when the judge refuses it or storage fails. Loads the room for the change when it is not loaded.
   */
  async changeRoom(name: string, change: (doc: Y.Doc) => void): Promise<number | null> {
    if (this.closing) throw new Error('the relay is shutting down');
    if ((this.retired.get(name) ?? 0) > Date.now()) throw new Error(`${name} was closed for good`);
    const room = await this.rooms.load(name);
    this.rooms.keep(room);
    try {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      // What the change emits, not a diff against a state vector: that would carry the room's
      // whole delete set, so a change that changed nothing would still look like one.
      const emitted: Uint8Array[] = [];
      copy.on('update', (u: Uint8Array) => emitted.push(u));
      try {
        change(copy);
      } finally {
        copy.destroy();
      }
      if (emitted.length === 0) return null;
      const update = emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
      const refusal = room.judge?.admit(null, update) ?? null;
      if (refusal) throw new Error(`the room refused the server's change: ${refusal}`);
      return await new Promise<number>((resolve, reject) => this.commits.queueWrite(room, null, update, (err, seq) => (err ? reject(err) : resolve(seq ?? 0))));
    } finally {
      this.rooms.release(room);
    }
  }

  /**
   * Closes, with `code`, every connection to `rooms` (loaded or still loading) whose principal
   * `which` picks — e.g. those that joined with a link that was just reset. Returns how many.
   */
  closeConnections(rooms: readonly string[], which: (principal: P) => boolean, code: number, reason: string): number {
    const names = new Set(rooms);
    const doomed = [...this.waiting].filter((c) => names.has(c.roomName));
    for (const name of names) doomed.push(...(this.rooms.ready(name)?.connections ?? []));
    const picked = doomed.filter((c) => {
      const principal = this.principals.get(c);
      return principal !== undefined && which(principal);
    });
    for (const conn of picked) conn.close(code, reason);
    return picked.length;
  }

  /**
   * Closes rooms for good (their board was deleted): every socket gets `code`, the rooms are
   * dropped without compaction (nothing more is written for them), and for a minute connects to
   * them are refused with the same code, so a request authorized just before cannot load them
   * again. Resolves once writes already queued for them are durable — then the caller deletes
   * their storage, and nothing the relay still holds writes it back.
   */
  async closeRooms(rooms: readonly string[], code: number, reason: string): Promise<void> {
    const now = Date.now();
    for (const [name, until] of this.retired) if (until <= now) this.retired.delete(name);
    for (const name of rooms) this.retired.set(name, now + RETIRED_FOR_MS);
    this.closeConnections(rooms, () => true, code, reason);
    // A load in flight would put a room back, and a compaction in flight would write its snapshot
    // after the caller deleted it: let them land, then drop the rooms.
    await this.rooms.settle();
    this.closeConnections(rooms, () => true, code, reason);
    const names = new Set(rooms);
    for (const room of [...this.rooms.values()]) {
      if (!names.has(room.name)) continue;
      await room.unloading?.catch(() => {});
      await room.compaction;
    }
    for (const name of rooms) {
      const room = this.rooms.ready(name);
      if (room) this.rooms.evict(room);
    }
    await this.commits.whenFlushed();
  }

  private attach(conn: Connection, room: Room): void {
    this.rooms.keep(room);
    conn.attach(room);
  }

  private detach(conn: Connection): void {
    if (this.waiting.delete(conn)) return;
    const room = conn.room;
    if (!room || !room.connections.delete(conn)) return;
    room.dropAwareness(conn);
    this.rooms.release(room);
  }

  /** After the group commit: apply, fan out, publish to peers, compact past the threshold (R2, R3, R7). */
  private committed(room: Room, updates: Uint8Array[], writers: ReadonlySet<Connection | null>, lastSeq: number): void {
    // An evicted room: the updates are durable, and its clients reload them with the room.
    if (!this.rooms.isCurrent(room)) return;
    for (const update of updates) room.judge?.settled(update);
    room.lastSeq = Math.max(room.lastSeq, lastSeq);
    room.logLength += updates.length;
    let merged: Uint8Array;
    try {
      merged = room.applyAndBroadcast(updates, writers);
    } catch (err) {
      // Validation should make this impossible; if it happens the doc may be half-applied, so
      // drop it rather than serve it, and let clients reload the room from storage.
      this.log.error({ err, room: room.name }, 'durable update failed to apply; evicting the room');
      this.rooms.evict(room);
      return;
    }
    this.publish(room, encodeSyncUpdate(merged));
    if (room.logLength >= this.opts.compactAfterUpdates && !room.unloading) void this.rooms.compact(room);
  }

  private sendAwareness(room: Room, entries: AwarenessEntry[]): void {
    if (!this.rooms.isCurrent(room)) return;
    const frame = encodeAwarenessMessage(entries);
    room.broadcast(frame);
    this.publish(room, frame);
  }

  private publish(room: Room, message: Uint8Array): void {
    this.pubsub?.publish(room.name, encodePeerFrame(this.instance, message));
  }

  /** A message from another instance: its origin already stored it, so apply and fan out only. */
  private fromPeer(room: Room, data: Uint8Array): void {
    if (!this.rooms.isCurrent(room)) return;
    try {
      applyPeerFrame(room, data, this.instance);
    } catch (err) {
      // Called from the pub/sub client's event handler: nothing may escape.
      this.log.warn({ err, room: room.name }, 'dropped a frame from a peer instance');
    }
  }

  /** R6: ping every socket, terminate those that did not answer the previous ping. */
  private keepaliveRound(): void {
    for (const room of this.rooms.values()) {
      for (const conn of [...room.connections]) {
        if (!conn.alive) {
          this.log.debug({ room: room.name }, 'terminating a socket that missed a pong');
          conn.socket.terminate();
          conn.closed();
          continue;
        }
        conn.alive = false;
        try {
          conn.socket.ping();
        } catch {
          conn.closed();
          continue;
        }
        // Browsers never see pings; y-websocket reconnects a socket silent for 30 s.
        conn.send(KEEPALIVE_FRAME);
      }
    }
  }

  /**
   * A room's current durable state as one update: the one way for the server to read a room.
   * Waits for writes already queued to become durable (R2), then reads the loaded doc, or the
   * store when the room is not loaded (without loading it) or when scaled out (the store then
   * also holds what other instances wrote and have not relayed yet).
   */
  async getRoomState(name: string): Promise<Uint8Array> {
    await this.commits.whenFlushed();
    return this.rooms.readState(name);
  }

  /**
   * Reads a room's current durable state in place: as {@link getRoomState} (queued writes made
   * durable first; an unloaded room, or any room when scaled out, from the store), but `read` is
   * handed the doc itself, with nothing encoded or copied — for server code that looks a few
   * things up on every request (a dot checks its note). `read` must not change the doc (that
   * evicts the room and rejects) nor keep it past the call.
   */
  async readRoom<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    await this.commits.whenFlushed();
    return this.rooms.readDoc(name, read);
  }

  /** Figures for health checks and benchmarks. */
  stats(): RelayStats {
    let connections = 0;
    let pendingBytes = this.commits.queuedBytes;
    for (const room of this.rooms.values()) connections += room.connections.size;
    for (const conn of this.waiting) pendingBytes += conn.earlyBytes;
    return { rooms: this.rooms.size, connections, waiting: this.waiting.size, pendingBytes };
  }

  /**
   * R8: stop accepting (later connects are closed with 1012 and frames are ignored; clients resend
   * them on reconnect), flush queued writes, compact every loaded room, close every socket with
   * 1012, clear timers. The room store and pub/sub stay open: their owner closes them afterwards.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.keepalive);
    await this.rooms.settle();
    await this.commits.whenFlushed();
    await this.rooms.compactAll();
    for (const conn of [...this.waiting]) conn.close(CloseCode.ServiceRestart, 'server restarting');
    this.rooms.releaseAll((room) => {
      for (const conn of [...room.connections]) conn.close(CloseCode.ServiceRestart, 'server restarting');
    });
  }
}
