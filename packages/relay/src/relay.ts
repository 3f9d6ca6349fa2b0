import * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { Connection } from './connection.ts';
import { controlRoomOf } from './permissions.ts';
import { KEEPALIVE_FRAME, encodeAwarenessMessage, encodeSyncUpdate, type AwarenessEntry } from './protocol.ts';
import { Room, type RoomHost } from './room.ts';
import type { PubSub, RelayLogger, RelayOptions, RelaySocket, Role } from './types.ts';
import type { Storage } from '@accord/storage';

/** What the adapter feeds from its socket's events (see README). */
export interface RelayConnection {
  /** A binary frame arrived. */
  receive(data: Uint8Array): void;
  /** A pong arrived (R6). */
  pong(): void;
  /** The socket closed. */
  closed(): void;
}

const silent: RelayLogger = { info() {}, warn() {}, error() {}, debug() {} };

interface PendingWrites {
  updates: Uint8Array[];
  writers: Set<Connection>;
}

/**
 * The room engine: rooms, group commit, fan-out, keepalive and lifecycle. Knows nothing of
 * Fastify or `ws`; see `RelaySocket`.
 */
export class Relay implements RoomHost {
  private readonly storage: Storage;
  private readonly pubsub: PubSub | undefined;
  private readonly log: RelayLogger;
  private readonly opts: Required<Omit<RelayOptions, 'storage' | 'pubsub' | 'logger'>>;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly pendingWrites = new Map<Room, PendingWrites>();
  private readonly pendingAwareness = new Map<Room, Map<number, AwarenessEntry>>();
  private readonly unsubscribe = new Map<Room, () => void>();
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private keepalive: ReturnType<typeof setInterval>;
  private closing = false;
  private readonly instance = Math.random().toString(36).slice(2);

  constructor(opts: RelayOptions) {
    this.storage = opts.storage;
    this.pubsub = opts.pubsub;
    this.log = opts.logger ?? silent;
    this.opts = {
      maxMessageBytes: opts.maxMessageBytes ?? 8 * 1024 * 1024,
      maxMessagesPerSecond: opts.maxMessagesPerSecond ?? 300,
      pingIntervalMs: opts.pingIntervalMs ?? 15_000,
      idleUnloadMs: opts.idleUnloadMs ?? 30_000,
      compactAfterUpdates: opts.compactAfterUpdates ?? 500,
      maxBufferedBytes: opts.maxBufferedBytes ?? 16 * 1024 * 1024,
    };
    this.keepalive = setInterval(() => this.keepaliveRound(), this.opts.pingIntervalMs);
    this.keepalive.unref?.();
  }

  /**
   * Attaches a socket to a room. Call it synchronously when the socket opens, before any await,
   * and feed the returned connection from the socket's events.
   */
  connect(socket: RelaySocket, roomName: string, role: Role): RelayConnection {
    if (this.closing) {
      socket.close(CloseCode.ServiceRestart, 'server restarting');
      return { receive() {}, pong() {}, closed() {} };
    }
    const loaded = this.rooms.get(roomName);
    if (loaded && !loaded.compacting) {
      const conn = this.attach(socket, role, loaded);
      conn.start();
      return conn;
    }
    // R1: the room loads asynchronously; frames that arrive meanwhile wait here, in order.
    const early: Uint8Array[] = [];
    let conn: Connection | null = null;
    let gone = false;
    this.loadRoom(roomName).then(
      (room) => {
        if (gone) return;
        if (this.closing) {
          socket.close(CloseCode.ServiceRestart, 'server restarting');
          return;
        }
        conn = this.attach(socket, role, room);
        conn.start();
        for (const d of early.splice(0)) conn.receive(d);
      },
      (err: unknown) => {
        this.log.error({ err, room: roomName }, 'room failed to load');
        if (!gone) socket.close(CloseCode.InternalError, 'room failed to load');
      },
    );
    return {
      receive: (d) => (conn ? conn.receive(d) : void early.push(d)),
      pong: () => conn?.pong(),
      closed: () => (conn ? conn.closed() : void (gone = true)),
    };
  }

  private limits() {
    return { maxMessageBytes: this.opts.maxMessageBytes, maxMessagesPerSecond: this.opts.maxMessagesPerSecond, maxBufferedBytes: this.opts.maxBufferedBytes };
  }

  private attach(socket: RelaySocket, role: Role, room: Room): Connection {
    const conn = new Connection(socket, role, room, this.limits(), (c) => this.detach(c));
    room.connections.add(conn);
    if (room.idleTimer) {
      clearTimeout(room.idleTimer);
      room.idleTimer = null;
    }
    return conn;
  }

  private detach(conn: Connection): void {
    const room = conn.room;
    if (!room.connections.delete(conn)) return;
    room.dropAwareness(conn);
    this.scheduleIdle(room);
  }

  /** Loads a room (and, for a content room, its facilitation room, whose lock governs it). Concurrent calls share one load. */
  private loadRoom(name: string): Promise<Room> {
    const existing = this.rooms.get(name);
    if (existing && !existing.compacting) return Promise.resolve(existing);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.doLoad(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async doLoad(name: string): Promise<Room> {
    const unloading = this.rooms.get(name)?.compacting;
    if (unloading) await unloading;
    const controlName = controlRoomOf(name);
    const control = controlName ? await this.loadRoom(controlName) : null;
    const stored = await this.storage.loadRoom(name);
    const room = new Room(name, this);
    if (stored.update) Y.applyUpdate(room.doc, stored.update, room);
    room.lastSeq = stored.lastSeq;
    room.logLength = stored.logLength;
    room.loaded = true;
    if (control) control.dependents++;
    this.rooms.set(name, room);
    if (this.pubsub) this.unsubscribe.set(room, this.pubsub.subscribe(name, (data) => this.fromPeer(room, data)));
    this.scheduleIdle(room);
    return room;
  }

  isLocked(room: Room): boolean {
    const controlName = controlRoomOf(room.name);
    if (!controlName) return false;
    return this.rooms.get(controlName)?.doc.getMap('session').get('locked') === true;
  }

  queueWrite(room: Room, from: Connection, update: Uint8Array): void {
    let p = this.pendingWrites.get(room);
    if (!p) this.pendingWrites.set(room, (p = { updates: [], writers: new Set() }));
    p.updates.push(update);
    p.writers.add(from);
    this.scheduleFlush();
  }

  queueAwareness(room: Room, entries: AwarenessEntry[]): void {
    let p = this.pendingAwareness.get(room);
    if (!p) this.pendingAwareness.set(room, (p = new Map()));
    for (const e of entries) p.set(e.clientId, e);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // Flushes run one after another so updates reach storage and peers in arrival order.
      this.flushing = this.flushing.then(() => this.flush());
    });
  }

  /**
   * R2 + R3: one storage transaction for every update of every room received this tick; only
   * then apply, merge per room, encode once and broadcast.
   */
  private async flush(): Promise<void> {
    const awareness = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    for (const [room, entries] of awareness) {
      if (!this.rooms.has(room.name)) continue;
      const frame = encodeAwarenessMessage(entries.values());
      room.broadcast(frame);
      this.publish(room, 1, frame);
    }

    const writes = [...this.pendingWrites];
    this.pendingWrites.clear();
    if (writes.length === 0) return;
    const batch = writes.flatMap(([room, p]) => p.updates.map((update) => ({ room: room.name, update })));
    let seqs: number[];
    try {
      seqs = await this.storage.appendUpdates(batch);
    } catch (err) {
      this.log.error({ err, updates: batch.length }, 'storage append failed; closing writers so they resync');
      for (const [, p] of writes) for (const c of p.writers) c.close(CloseCode.InternalError, 'storage unavailable');
      return;
    }
    let i = 0;
    for (const [room, p] of writes) {
      const last = seqs[i + p.updates.length - 1] ?? room.lastSeq;
      i += p.updates.length;
      room.lastSeq = Math.max(room.lastSeq, last);
      room.logLength += p.updates.length;
      const merged = room.applyAndBroadcast(p.updates, p.writers);
      this.publish(room, 0, encodeSyncUpdate(merged));
      if (room.logLength >= this.opts.compactAfterUpdates && !room.compacting) void this.compact(room);
    }
  }

  private publish(room: Room, kind: 0 | 1, frame: Uint8Array): void {
    if (!this.pubsub) return;
    const tag = new TextEncoder().encode(this.instance);
    const msg = new Uint8Array(1 + 1 + tag.length + frame.length);
    msg[0] = kind;
    msg[1] = tag.length;
    msg.set(tag, 2);
    msg.set(frame, 2 + tag.length);
    this.pubsub.publish(room.name, msg);
  }

  /** A frame from another instance: its origin already stored it, so apply and fan out only. */
  private fromPeer(room: Room, msg: Uint8Array): void {
    const tagLength = msg[1] ?? 0;
    const origin = new TextDecoder().decode(msg.subarray(2, 2 + tagLength));
    if (origin === this.instance || !this.rooms.has(room.name)) return;
    const frame = msg.subarray(2 + tagLength);
    if (msg[0] === 0) {
      // frame = [0, 2, varUint8Array(update)]: apply through the sync payload
      const update = frame.subarray(2 + varUintLength(frame, 2));
      Y.applyUpdate(room.doc, update, 'peer');
    }
    room.broadcast(frame);
  }

  private async compact(room: Room): Promise<void> {
    const state = Y.encodeStateAsUpdate(room.doc);
    const through = room.lastSeq;
    const entries = room.logLength;
    try {
      await this.storage.compactRoom(room.name, state, through);
      room.logLength -= entries;
    } catch (err) {
      this.log.warn({ err, room: room.name }, 'compaction failed; the log stays and is retried later');
    }
  }

  private scheduleIdle(room: Room): void {
    if (room.connections.size > 0 || room.dependents > 0 || room.idleTimer || this.closing) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      void this.unload(room);
    }, this.opts.idleUnloadMs);
    room.idleTimer.unref?.();
  }

  /** R7: compact and forget an idle room; a later connection loads it again from storage. */
  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0 || room.dependents > 0 || this.rooms.get(room.name) !== room) return;
    room.compacting = (async () => {
      await this.flushing;
      if (room.logLength > 0) await this.compact(room);
    })();
    await room.compacting;
    if (room.connections.size > 0) {
      // Someone arrived while we compacted: keep the room.
      room.compacting = null;
      return;
    }
    this.rooms.delete(room.name);
    this.unsubscribe.get(room)?.();
    this.unsubscribe.delete(room);
    room.destroy();
    const controlName = controlRoomOf(room.name);
    const control = controlName ? this.rooms.get(controlName) : undefined;
    if (control) {
      control.dependents--;
      this.scheduleIdle(control);
    }
    this.log.debug({ room: room.name }, 'room unloaded');
  }

  /** R6: ping every socket; terminate those that did not answer the previous ping. */
  private keepaliveRound(): void {
    for (const room of this.rooms.values()) {
      for (const conn of [...room.connections]) {
        if (!conn.alive) {
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
        conn.send(KEEPALIVE_FRAME);
      }
    }
  }

  /** The durable state of a room as one update, loading it if needed. */
  async getRoomState(name: string): Promise<Uint8Array> {
    await this.flushing;
    const room = this.rooms.get(name);
    if (room && !room.compacting) return Y.encodeStateAsUpdate(room.doc);
    const stored = await this.storage.loadRoom(name);
    return stored.update ?? Y.encodeStateAsUpdate(new Y.Doc());
  }

  stats(): { rooms: number; connections: number } {
    let connections = 0;
    for (const r of this.rooms.values()) connections += r.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /** R8: refuse new sockets, flush pending writes, compact rooms, close every socket with 1012. */
  async close(): Promise<void> {
    if (this.closing) return this.flushing;
    this.closing = true;
    clearInterval(this.keepalive);
    await Promise.allSettled(this.loading.values());
    await this.flushing;
    await this.flush();
    for (const room of this.rooms.values()) {
      if (room.logLength > 0) await this.compact(room);
      for (const conn of [...room.connections]) conn.close(CloseCode.ServiceRestart, 'server restarting');
      this.unsubscribe.get(room)?.();
      room.destroy();
    }
    this.rooms.clear();
    this.unsubscribe.clear();
  }
}

function varUintLength(buf: Uint8Array, offset: number): number {
  let n = 0;
  while (offset + n < buf.length && (buf[offset + n]! & 0x80) !== 0) n++;
  return n + 1;
}
