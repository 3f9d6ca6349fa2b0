import type { RoomStore } from '@accord/storage';
import type { LoadedRooms } from './loadedRooms.ts';
import { CatchUp } from './catchUp.ts';
import { applyDurable, decodePeerFrame, encodePeerFrame, type LogSpan } from './peers.ts';
import { encodeAwarenessMessage, parseMessage } from './protocol.ts';
import type { Room } from './room.ts';
import type { PubSub, RelayEvents, RelayLogger } from './types.ts';

/** What the scale-out needs from the relay. */
export interface ScaleOutHost {
  readonly store: RoomStore;
  readonly pubsub: PubSub;
  readonly log: RelayLogger;
  readonly events: RelayEvents;
  readonly rooms: LoadedRooms;
  /** Tags our frames so we can drop our own echoes. */
  readonly instance: string;
  readonly syncCheckMs: number;
  readonly gapGraceMs: number;
}

/**
 * Before a commit, how long a room a little behind storage may wait for the frames in flight (a
 * peer's commit of a moment ago) before it is read from storage instead, ms.
 */
const IN_FLIGHT_WAIT_MS = 25;

/**
 * R10: several instances over one store and an at-most-once pub/sub, without silent gaps. Peer
 * frames carry the stretch of the room's log they hold; a room that sees a hole for `gapGraceMs`,
 * or whose head in storage stays ahead of it from one periodic check to the next, or any room
 * behind storage once the pub/sub is back (or while it is down), is caught up from storage and its
 * sockets get what they missed. Before each group commit the rooms written and the rooms governing
 * them are brought up to storage's heads, so writes are judged by durable state (R4), not by what
 * the pub/sub happened to deliver.
 */
export class ScaleOut {
  private readonly host: ScaleOutHost;
  /** Whether the pub/sub delivers, as it last said. */
  connected = true;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unwatch: (() => void) | null;
  private readonly holeTimers = new Map<Room, ReturnType<typeof setTimeout>>();
  private readonly catchUps: CatchUp;
  /** Commits waiting for frames in flight: resolved once the room heard through `seq`. */
  private readonly waiters = new Map<Room, Array<{ seq: number; resolve: () => void }>>();
  private sweeping: Promise<void> | null = null;
  private reconnectSweepDue = false;
  private storageFailing = false;
  private closed = false;

  constructor(host: ScaleOutHost) {
    this.host = host;
    this.catchUps = new CatchUp({ store: host.store, rooms: host.rooms, events: host.events, log: host.log, heard: (room) => this.heard(room) });
    this.timer = setInterval(() => void this.sweep('periodic'), host.syncCheckMs);
    this.timer.unref?.();
    this.unwatch = host.pubsub.onStatus?.((up) => this.status(up)) ?? null;
  }

  /** Rooms whose doc is known to lack entries storage holds. */
  get lagging(): number {
    let n = 0;
    for (const room of this.host.rooms.values()) if (room.log.hole) n++;
    return n;
  }

  /** Sends a message to the other instances; `span` for a durable update. */
  publish(room: Room, message: Uint8Array, span: LogSpan | null): void {
    this.host.pubsub.publish(room.name, encodePeerFrame(this.host.instance, message, span));
  }

  /** This instance stored `span` of the room's log, and its doc holds it. */
  committed(room: Room, span: LogSpan): void {
    room.log.add(span);
    this.heard(room);
  }

  /** A frame another instance published: its origin stored the update; apply and fan out only. */
  fromPeer(room: Room, data: Uint8Array): void {
    if (!this.host.rooms.isCurrent(room)) return;
    try {
      const peer = decodePeerFrame(data);
      if (!peer || peer.origin === this.host.instance) return;
      const msg = parseMessage(peer.message);
      if (msg.kind === 'write') {
        if (applyDurable(room, msg.update)) this.host.events.updatesSent(room.connections.size);
        if (peer.span) room.log.add(peer.span);
        this.heard(room);
      } else if (msg.kind === 'awareness') {
        const kept = room.applyPeerAwareness(msg.entries);
        if (kept.length > 0) room.broadcast(encodeAwarenessMessage(kept));
      }
    } catch (err) {
      // Called from the pub/sub client's event handler: nothing may escape. Storage has it all.
      this.host.log.warn({ err, room: room.name }, 'dropped a frame from a peer instance');
    }
  }

  /**
   * Before a group commit: brings `rooms` and the rooms governing them up to storage's heads.
   * Resolves to the rooms whose writes must be judged again; rejects when storage cannot be read.
   */
  async freshen(rooms: Room[]): Promise<ReadonlySet<Room>> {
    const { rooms: loaded, store } = this.host;
    const involved = new Map<string, Room>();
    for (const room of rooms) {
      involved.set(room.name, room);
      const control = loaded.controlOf(room);
      if (control) involved.set(control.name, control);
    }
    let heads: Map<string, number>;
    try {
      heads = await store.roomHeads([...involved.keys()]);
    } catch (err) {
      this.host.events.storageFailed('heads');
      throw err;
    }
    const behind = [...involved.values()].flatMap((room) => {
      const head = heads.get(room.name) ?? 0;
      return head > room.log.heard ? [[room, head] as const] : [];
    });
    // Usually a peer's commit of a moment ago whose frame is on its way: wait for those briefly.
    if (behind.length > 0 && this.connected) await Promise.all(behind.map(([room, head]) => this.hearing(room, head, IN_FLIGHT_WAIT_MS)));
    const changedRooms = new Set<Room>();
    for (const [room, head] of behind) {
      // Still behind: storage holds what the pub/sub did not bring. The judge must see it first.
      if (head > room.log.heard && (await this.catchUps.to(room, head, 'commit'))) changedRooms.add(room);
    }
    const again = new Set<Room>();
    for (const room of rooms) {
      const control = loaded.controlOf(room);
      if (changedRooms.has(room) || (control && changedRooms.has(control))) again.add(room);
    }
    return again;
  }

  /** R10: compares every loaded room with storage's heads and catches up those behind. One at a time. */
  sweep(reason: 'periodic' | 'reconnect'): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.sweeping) {
      // A sweep in flight may have read the heads before the reconnect: go again after it.
      if (reason === 'reconnect') this.reconnectSweepDue = true;
      return this.sweeping;
    }
    this.sweeping = this.sweepNow(reason).finally(() => {
      this.sweeping = null;
      if (!this.reconnectSweepDue) return;
      this.reconnectSweepDue = false;
      void this.sweep('reconnect');
    });
    return this.sweeping;
  }

  private async sweepNow(reason: 'periodic' | 'reconnect'): Promise<void> {
    const { rooms, store, log, events } = this.host;
    const current = [...rooms.values()].filter((room) => rooms.isCurrent(room) && !room.unloading);
    if (current.length === 0) return;
    let heads: Map<string, number>;
    try {
      heads = await store.roomHeads(current.map((room) => room.name));
    } catch (err) {
      events.storageFailed('heads');
      if (!this.storageFailing) log.warn({ err }, 'cannot read room heads from storage; retrying at the next check');
      this.storageFailing = true;
      return;
    }
    if (this.storageFailing) log.info({}, 'room heads readable again');
    this.storageFailing = false;
    const due: Array<[Room, number]> = [];
    for (const room of current) {
      const head = heads.get(room.name) ?? 0;
      // Connected, a room a little behind is usually a frame in flight: catch up only what was
      // already in storage at the previous check. Otherwise nothing is in flight: catch up now.
      const missed = reason === 'reconnect' || !this.connected || room.log.checkedHead > room.log.heard;
      room.log.checkedHead = head;
      if (head > room.log.heard && missed) due.push([room, head]);
    }
    await this.catchUps.many(due, reason);
  }

  /** Resolves once `room` heard through `seq`, or after `ms`. */
  private hearing(room: Room, seq: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let list = this.waiters.get(room);
      if (!list) {
        list = [];
        this.waiters.set(room, list);
      }
      const waiter = { seq, resolve };
      list.push(waiter);
      setTimeout(() => {
        const left = this.waiters.get(room)?.filter((w) => w !== waiter) ?? [];
        if (left.length > 0) this.waiters.set(room, left);
        else this.waiters.delete(room);
        resolve();
      }, ms).unref?.();
    });
  }

  /** The room's log position moved: wake the commits waiting for it, watch for a hole. */
  private heard(room: Room): void {
    const list = this.waiters.get(room);
    if (list) {
      const left = list.filter((w) => (w.seq <= room.log.heard ? void w.resolve() : true));
      if (left.length > 0) this.waiters.set(room, left);
      else this.waiters.delete(room);
    }
    this.watchHole(room);
  }

  /** R10: a hole that stays open for `gapGraceMs` (no frame fills it) is filled from storage. */
  private watchHole(room: Room): void {
    if (!room.log.hole || this.holeTimers.has(room) || this.closed) return;
    const timer = setTimeout(() => {
      this.holeTimers.delete(room);
      if (!room.log.hole || !this.host.rooms.isCurrent(room)) return;
      const open = Date.now() - (room.log.holeSince ?? Date.now());
      if (open + 5 < this.host.gapGraceMs) return this.watchHole(room);
      void this.catchUps.to(room, 0, 'gap')
        .catch(() => {})
        .finally(() => this.watchHole(room));
    }, this.host.gapGraceMs);
    timer.unref?.();
    this.holeTimers.set(room, timer);
  }

  private status(up: boolean): void {
    if (this.closed) return;
    // Told "up" while we thought so too: a reconnect we did not see go down. Catch up all the same.
    if (up && this.connected) return void this.sweep('reconnect');
    if (up === this.connected) return;
    this.connected = up;
    this.host.events.pubsubStatus(up);
    if (!up) {
      this.host.log.warn({}, 'pub/sub connection lost: rooms are compared with storage at every check until it is back');
      return;
    }
    this.host.log.info({}, 'pub/sub connection back: catching up every loaded room from storage');
    void this.sweep('reconnect');
  }

  /** Stops the timers and waits for catch-ups in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.unwatch?.();
    for (const timer of this.holeTimers.values()) clearTimeout(timer);
    this.holeTimers.clear();
    for (const list of this.waiters.values()) for (const w of list) w.resolve();
    this.waiters.clear();
    await this.sweeping;
    await this.catchUps.settle();
  }
}
