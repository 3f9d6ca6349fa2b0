import * as Y from 'yjs';
import type { Storage } from '@accord/storage';
import { CloseCode } from './closeCodes.ts';
import { Connection, type ConnectionHost, type ConnectionLimits, type RelayConnection } from './connection.ts';
import { GroupCommit } from './groupCommit.ts';
import { FACILITATION_SUFFIX, controlRoomOf, writeRefusal } from './permissions.ts';
import { applyPeerFrame, encodePeerFrame } from './peers.ts';
import { KEEPALIVE_FRAME, encodeAwarenessMessage, encodeSyncUpdate, type AwarenessEntry } from './protocol.ts';
import { Room, type RoomHost } from './room.ts';
import type { PubSub, RelayLogger, RelayOptions, RelaySocket, RelayStats, Role } from './types.ts';

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
} as const satisfies Required<Omit<RelayOptions, 'storage' | 'pubsub' | 'logger'>>;

/**
 * The room engine: rooms, group commit, fan-out, permissions, keepalive and lifecycle over
 * injected storage and pub/sub. Knows nothing of Fastify or `ws`; see `RelaySocket`.
 */
export class Relay {
  private readonly storage: Storage;
  private readonly log: RelayLogger;
  private readonly limits: ConnectionLimits;
  private readonly pubsub: PubSub | undefined;
  private readonly opts: Required<Omit<RelayOptions, 'storage' | 'pubsub' | 'logger'>>;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** Connections whose room is still loading. */
  private readonly waiting = new Set<Connection>();
  private readonly commits: GroupCommit;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly connectionHost: ConnectionHost;
  private readonly roomHost: RoomHost;
  private closing: Promise<void> | null = null;
  /** Tags our pub/sub frames so we can drop our own echoes. */
  private readonly instance = crypto.randomUUID();

  constructor(opts: RelayOptions) {
    this.storage = opts.storage;
    this.pubsub = opts.pubsub;
    this.log = opts.logger ?? silent;
    const o = (k: keyof typeof RELAY_DEFAULTS) => opts[k] ?? RELAY_DEFAULTS[k];
    this.opts = {
      maxMessageBytes: o('maxMessageBytes'),
      maxMessagesPerSecond: o('maxMessagesPerSecond'),
      pingIntervalMs: o('pingIntervalMs'),
      idleUnloadMs: o('idleUnloadMs'),
      compactAfterUpdates: o('compactAfterUpdates'),
      maxBufferedBytes: o('maxBufferedBytes'),
    };
    this.limits = { maxMessageBytes: this.opts.maxMessageBytes, maxMessagesPerSecond: this.opts.maxMessagesPerSecond, maxBufferedBytes: this.opts.maxBufferedBytes };
    this.connectionHost = {
      limits: this.limits,
      accepting: () => this.closing === null,
      gone: (c) => this.detach(c),
      failed: (c, err) => {
        this.log.error({ err, room: c.roomName }, 'frame handling failed; closing the socket');
        c.close(CloseCode.InternalError, 'internal error');
      },
    };
    this.roomHost = {
      queueWrite: (room, conn, update) => this.commits.queueWrite(room, conn, update),
      queueAwareness: (room, entries) => this.commits.queueAwareness(room, entries),
      isLocked: (room) => this.isLocked(room),
    };
    this.commits = new GroupCommit({
      storage: this.storage,
      log: this.log,
      refusal: (room, conn) => writeRefusal(conn.role, room.name, this.isLocked(room)),
      committed: (room, updates, writers, lastSeq) => this.committed(room, updates, writers, lastSeq),
      awareness: (room, entries) => this.sendAwareness(room, entries),
    });
    this.keepalive = setInterval(() => this.keepaliveRound(), this.opts.pingIntervalMs);
    this.keepalive.unref?.();
  }

  /**
   * Attaches a socket to a room (`<boardId>` or `<boardId>/facilitation`) with the role its token
   * grants. Call it synchronously when the socket opens, before any await, and feed the returned
   * connection from the socket's message, pong and close events. Frames that arrive while the room
   * loads are held and handled in order once it has loaded (R1). After `close()` the socket is
   * closed at once with 1012 (R8).
   */
  connect(socket: RelaySocket, roomName: string, role: Role): RelayConnection {
    const conn = new Connection(socket, role, roomName, this.connectionHost);
    if (this.closing) {
      conn.close(CloseCode.ServiceRestart, 'server restarting');
      return conn;
    }
    const room = this.rooms.get(roomName);
    if (room && !room.unloading) {
      this.attach(conn, room);
      return conn;
    }
    this.waiting.add(conn);
    this.loadRoom(roomName).then(
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

  private attach(conn: Connection, room: Room): void {
    this.keepLoaded(room);
    conn.attach(room);
  }

  private detach(conn: Connection): void {
    if (this.waiting.delete(conn)) return;
    const room = conn.room;
    if (!room || !room.connections.delete(conn)) return;
    room.dropAwareness(conn);
    this.scheduleIdle(room);
  }

  private keepLoaded(room: Room): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
  }

  /** Loads a room, and for a content room first its facilitation room, whose lock governs it (R4). Concurrent calls share one load (R1). */
  private loadRoom(name: string): Promise<Room> {
    const existing = this.rooms.get(name);
    if (existing && !existing.unloading) return Promise.resolve(existing);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async load(name: string): Promise<Room> {
    const unloading = this.rooms.get(name)?.unloading;
    if (unloading) await unloading;
    const controlName = controlRoomOf(name);
    const control = controlName ? await this.loadRoom(controlName) : null;
    // Held from here, so the facilitation room cannot idle out while the content room loads.
    if (control) {
      control.dependents++;
      this.keepLoaded(control);
    }
    try {
      return await this.loadOne(name);
    } catch (err) {
      if (control) {
        control.dependents--;
        this.scheduleIdle(control);
      }
      throw err;
    }
  }

  private async loadOne(name: string): Promise<Room> {
    // Subscribe before reading storage, so nothing another instance commits in between is missed;
    // what arrives during the read is applied after it (Yjs ignores what it has twice).
    const early: Uint8Array[] = [];
    let target: Room | null = null;
    const unsubscribe = this.pubsub?.subscribe(name, (data) => (target ? this.fromPeer(target, data) : void early.push(data))) ?? null;
    const room = new Room(name, this.roomHost);
    room.unsubscribe = unsubscribe;
    try {
      const stored = await this.storage.loadRoom(name);
      if (stored.update) Y.applyUpdate(room.doc, stored.update, room);
      room.lastSeq = stored.lastSeq;
      room.logLength = stored.logLength;
    } catch (err) {
      room.destroy();
      throw err;
    }
    this.rooms.set(name, room);
    target = room;
    for (const data of early) this.fromPeer(room, data);
    this.scheduleIdle(room);
    return room;
  }

  private isLocked(room: Room): boolean {
    const controlName = controlRoomOf(room.name);
    if (!controlName) return false;
    return this.rooms.get(controlName)?.doc.getMap('session').get('locked') === true;
  }

  /** After the group commit: apply, fan out, publish to peers, compact past the threshold (R2, R3, R7). */
  private committed(room: Room, updates: Uint8Array[], writers: ReadonlySet<Connection>, lastSeq: number): void {
    // An evicted room: the updates are durable, and its clients reload them with the room.
    if (this.rooms.get(room.name) !== room) return;
    room.lastSeq = Math.max(room.lastSeq, lastSeq);
    room.logLength += updates.length;
    let merged: Uint8Array;
    try {
      merged = room.applyAndBroadcast(updates, writers);
    } catch (err) {
      // Validation should make this impossible; if it happens the doc may be half-applied, so
      // drop it rather than serve it, and let clients reload the room from storage.
      this.log.error({ err, room: room.name }, 'durable update failed to apply; evicting the room');
      this.evict(room);
      return;
    }
    this.publish(room, encodeSyncUpdate(merged));
    if (room.logLength >= this.opts.compactAfterUpdates && !room.unloading) void this.compact(room);
  }

  private sendAwareness(room: Room, entries: AwarenessEntry[]): void {
    if (this.rooms.get(room.name) !== room) return;
    const frame = encodeAwarenessMessage(entries);
    room.broadcast(frame);
    this.publish(room, frame);
  }

  private publish(room: Room, message: Uint8Array): void {
    this.pubsub?.publish(room.name, encodePeerFrame(this.instance, message));
  }

  /** A message from another instance: its origin already stored it, so apply and fan out only. */
  private fromPeer(room: Room, data: Uint8Array): void {
    if (this.rooms.get(room.name) !== room) return;
    try {
      applyPeerFrame(room, data, this.instance);
    } catch (err) {
      // Called from the pub/sub client's event handler: nothing may escape.
      this.log.warn({ err, room: room.name }, 'dropped a frame from a peer instance');
    }
  }

  /** R7: folds the room's log into its snapshot. One at a time per room; failures leave the log as it was. */
  private compact(room: Room): Promise<void> {
    room.compaction ??= this.compactNow(room).finally(() => (room.compaction = null));
    return room.compaction;
  }

  private async compactNow(room: Room): Promise<void> {
    let state = Y.encodeStateAsUpdate(room.doc);
    let through = room.lastSeq;
    const entries = room.logLength;
    try {
      if (this.pubsub) {
        // Other instances append to this room too, and what they stored may not have reached us
        // yet: fold in everything storage holds, so deleting the log up to `through` loses nothing.
        const stored = await this.storage.loadRoom(room.name);
        if (stored.update) state = Y.mergeUpdates([stored.update, state]);
        through = Math.max(through, stored.lastSeq);
      }
      await this.storage.compactRoom(room.name, state, through);
      room.logLength = Math.max(0, room.logLength - entries);
    } catch (err) {
      this.log.warn({ err, room: room.name }, 'compaction failed; the log stays and is retried later');
    }
  }

  private isIdle(room: Room): boolean {
    return room.connections.size === 0 && room.dependents === 0;
  }

  private scheduleIdle(room: Room): void {
    if (!this.isIdle(room) || room.idleTimer || room.unloading || this.closing || this.rooms.get(room.name) !== room) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      void this.unload(room);
    }, this.opts.idleUnloadMs);
    room.idleTimer.unref?.();
  }

  /** R7: compact and forget an idle room (and then its facilitation room); a later connect loads it again. */
  private async unload(room: Room): Promise<void> {
    if (!this.isIdle(room) || room.unloading || this.closing || this.rooms.get(room.name) !== room) return;
    room.unloading = (async () => {
      await this.commits.whenFlushed();
      await room.compaction;
      if (room.logLength > 0) await this.compact(room);
    })();
    await room.unloading;
    // Connects meanwhile waited for `unloading` and load a fresh room, so this one has no one left.
    this.forget(room);
    this.log.debug({ room: room.name }, 'room unloaded');
    const controlName = controlRoomOf(room.name);
    const control = controlName ? this.rooms.get(controlName) : undefined;
    if (control) {
      control.dependents--;
      // A board's two rooms go together.
      if (this.isIdle(control)) void this.unload(control);
    }
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    room.destroy();
  }

  /**
   * Drops a room whose doc can no longer be trusted; its sockets reconnect and reload it from
   * storage. A content room depends on its facilitation room, so evicting the latter evicts both.
   */
  private evict(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    // Out of the map first, so the detaches below do not schedule an idle unload.
    this.rooms.delete(room.name);
    for (const conn of [...room.connections]) conn.close(CloseCode.InternalError, 'room reset');
    room.destroy();
    const controlName = controlRoomOf(room.name);
    if (controlName) {
      const control = this.rooms.get(controlName);
      if (control) {
        control.dependents--;
        this.scheduleIdle(control);
      }
    } else {
      const content = this.rooms.get(room.name.slice(0, -FACILITATION_SUFFIX.length));
      if (content) this.evict(content);
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
   * The durable state of a room as one update, e.g. for a decision-record snapshot. Waits for
   * writes already queued to become durable; reads storage when the room is not loaded, without
   * keeping it loaded.
   */
  async getRoomState(name: string): Promise<Uint8Array> {
    await this.commits.whenFlushed();
    const room = this.rooms.get(name);
    if (room && !room.unloading) return Y.encodeStateAsUpdate(room.doc);
    const stored = await this.storage.loadRoom(name);
    return stored.update ?? Y.encodeStateAsUpdate(new Y.Doc());
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
   * 1012, clear timers. Storage and pub/sub stay open: their owner closes them afterwards.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.keepalive);
    await Promise.allSettled(this.loading.values());
    await this.commits.whenFlushed();
    for (const room of this.rooms.values()) {
      await room.unloading?.catch(() => {});
      await room.compaction;
      if (room.logLength > 0 && this.rooms.get(room.name) === room) await this.compact(room);
    }
    for (const conn of [...this.waiting]) conn.close(CloseCode.ServiceRestart, 'server restarting');
    for (const room of [...this.rooms.values()]) {
      for (const conn of [...room.connections]) conn.close(CloseCode.ServiceRestart, 'server restarting');
      this.forget(room);
    }
    this.rooms.clear();
  }
}
