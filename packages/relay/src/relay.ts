import type * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { Connection, type ConnectionHost, type RelayConnection } from './connection.ts';
import { GroupCommit } from './groupCommit.ts';
// The subpath alone: the relay must not load the database drivers.
import { isStorageUnavailable } from '@accord/storage/unavailable';
import { keepaliveRound } from './keepalive.ts';
import { LoadedRooms } from './loadedRooms.ts';
import { FanOut } from './fanOut.ts';
import { Principals } from './principals.ts';
import type { Room } from './room.ts';
import { ScaleOut } from './scaleOut.ts';
import { changeRoom } from './serverChange.ts';
import { NO_EVENTS, SILENT, resolveTuning } from './defaults.ts';
import type { RelayEvents, RelayLogger, RelayOptions, RelaySocket, RelayStats, RelayTuning, RoomPolicy } from './types.ts';

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
  private readonly events: RelayEvents;
  /** R10: present when scaled out (a pub/sub was given). */
  private readonly scaleOut: ScaleOut | null;
  private readonly policy: RoomPolicy<P>;
  private readonly opts: Required<RelayTuning>;
  private readonly rooms: LoadedRooms;
  /** Connections whose room is still loading. */
  private readonly waiting = new Set<Connection>();
  private readonly commits: GroupCommit;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly connectionHost: ConnectionHost;
  private closing: Promise<void> | null = null;
  /** What the server attached to each connection, for the judge and awareness. */
  private readonly principals: Principals<P>;
  /** Tags our pub/sub frames so we can drop our own echoes. */
  private readonly instance = crypto.randomUUID();
  /** Rooms closed for good (`closeRooms`), until when they refuse connects. */
  private readonly retired = new Map<string, number>();

  constructor(opts: RelayOptions<P>) {
    this.policy = opts.policy;
    this.log = opts.logger ?? SILENT;
    const events = opts.events ?? NO_EVENTS;
    this.events = events;
    this.principals = new Principals(opts.policy, events);
    this.opts = resolveTuning(opts);
    const { maxRoomBytes } = this.opts;
    this.connectionHost = {
      limits: this.opts,
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
      pubsub: opts.pubsub,
      log: this.log,
      events,
      idleUnloadMs: this.opts.idleUnloadMs,
      roomHost: {
        queueWrite: (room, conn, update) => this.commits.queueWrite(room, conn, update),
        queueAwareness: (room, entries) => this.commits.queueAwareness(room, entries),
        refusal: (room, conn) => {
          const reason = refusal(room, conn);
          if (reason) events.writeRefused('permission');
          return reason;
        },
        stampAwareness: (conn, entry) => this.principals.stampAwareness(conn, entry),
        maxRoomBytes,
      },
      controlRoomOf: (room) => this.policy.controlRoomOf(room),
      judge: (room) => this.principals.bindJudge(room),
      whenFlushed: () => this.commits.whenFlushed(),
      fromPeer: (room, data) => this.scaleOut?.fromPeer(room, data),
      closing: () => this.closing !== null,
    });
    const { syncCheckMs, gapGraceMs } = this.opts;
    const scaleOut = opts.pubsub ? new ScaleOut({ store: opts.rooms, pubsub: opts.pubsub, log: this.log, events, rooms: this.rooms, instance: this.instance, syncCheckMs, gapGraceMs }) : null;
    this.scaleOut = scaleOut;
    const fanOut = new FanOut({ rooms: this.rooms, scaleOut, log: this.log, events, compactAfterUpdates: this.opts.compactAfterUpdates });
    this.commits = new GroupCommit({
      store: opts.rooms,
      log: this.log,
      events,
      ...(scaleOut ? { freshen: (rooms: Room[]) => scaleOut.freshen(rooms) } : {}),
      // R4 again at commit time: a lock made durable since the write was accepted still stops it.
      refusal,
      readmit: (room, conn, update) => room.judge?.admit(conn, update) ?? null,
      committed: (room, updates, writers, appended, queuedAt) => fanOut.committed(room, updates, writers, appended, queuedAt),
      dropped: (room, update) => room.judge?.dropped(update),
      awareness: (room, entries) => fanOut.awareness(room, entries),
      authorOf: (conn) => this.principals.authorOf(conn),
    });
    this.keepalive = setInterval(() => keepaliveRound(this.rooms.values(), this.log), this.opts.pingIntervalMs);
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
        this.events.storageFailed('load');
        // Storage away: the same code as a refused write, which clients explain and retry (R11).
        if (isStorageUnavailable(err)) {
          this.log.warn({ err, room: roomName }, 'room failed to load: storage unavailable');
          conn.close(CloseCode.StorageUnavailable, 'storage unavailable');
          return;
        }
        this.log.error({ err, room: roomName }, 'room failed to load');
        conn.close(CloseCode.InternalError, 'room failed to load');
      },
    );
    return conn;
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
    return changeRoom(this.rooms, this.commits, name, change);
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
    if (!room?.connections.delete(conn)) return;
    room.dropAwareness(conn);
    this.rooms.release(room);
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
    const pubsubConnected = this.scaleOut ? this.scaleOut.connected : null;
    return { rooms: this.rooms.size, connections, waiting: this.waiting.size, pendingBytes, pubsubConnected, lagging: this.scaleOut?.lagging ?? 0 };
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
    await this.scaleOut?.close();
    await this.rooms.settle();
    await this.commits.whenFlushed();
    await this.rooms.compactAll();
    for (const conn of [...this.waiting]) conn.close(CloseCode.ServiceRestart, 'server restarting');
    this.rooms.releaseAll((room) => {
      for (const conn of [...room.connections]) conn.close(CloseCode.ServiceRestart, 'server restarting');
    });
  }
}
