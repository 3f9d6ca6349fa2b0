import * as Y from 'yjs';
import type { RoomStore } from '@accord/storage';
import { CloseCode } from './closeCodes.ts';
import { compactRoom } from './compaction.ts';
import { Room, type BoundJudge, type RoomHost } from './room.ts';
import { readRoomDoc, readRoomState } from './roomReads.ts';
import type { PubSub, RelayEvents, RelayLogger } from './types.ts';

/** What the loaded rooms need from the relay that owns them. */
export interface LoadedRoomsHost {
  readonly store: RoomStore;
  readonly pubsub: PubSub | undefined;
  readonly log: RelayLogger;
  readonly events: RelayEvents;
  readonly roomHost: RoomHost;
  /** R7: how long a room stays loaded without connections, ms. */
  readonly idleUnloadMs: number;
  /** The policy's governing room of `room`, or null (R4). */
  controlRoomOf(room: string): string | null;
  /** The policy's judge of a freshly loaded room's writes, or null. */
  judge(room: Room): BoundJudge | null;
  /** Resolves once every write queued so far is durable and applied (R2). */
  whenFlushed(): Promise<void>;
  /** A frame another instance published for a loaded room. */
  fromPeer(room: Room, data: Uint8Array): void;
  /** True once the relay shuts down (R8): nothing is unloaded on a timer any more. */
  closing(): boolean;
}

/**
 * The rooms one relay holds in memory, and their lifecycle: a room is loaded once however many
 * connect meanwhile (R1), after the room that governs it, which then stays loaded as long as it
 * does (R4); a room is compacted when its log grows, and compacted and unloaded when idle, its
 * governing room with it (R7); a room whose doc can no longer be trusted is evicted with the rooms
 * it governs.
 */
export class LoadedRooms {
  private readonly host: LoadedRoomsHost;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();

  constructor(host: LoadedRoomsHost) {
    this.host = host;
  }

  /** The loaded room of that name, unless it is being unloaded. */
  ready(name: string): Room | undefined {
    const room = this.rooms.get(name);
    return room && !room.unloading ? room : undefined;
  }

  /** Is `room` still the loaded room of its name (neither unloaded nor evicted)? */
  isCurrent(room: Room): boolean {
    return this.rooms.get(room.name) === room;
  }

  get size(): number {
    return this.rooms.size;
  }

  values(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The doc of the room governing `room`, for the policy (R4); null when it has none. */
  controlDoc(room: Room): Y.Doc | null {
    const controlName = this.host.controlRoomOf(room.name);
    return (controlName && this.rooms.get(controlName)?.doc) || null;
  }

  /** Loads a room, its governing room first. Concurrent calls share one load (R1). */
  load(name: string): Promise<Room> {
    const existing = this.ready(name);
    if (existing) return Promise.resolve(existing);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.loadGoverned(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async loadGoverned(name: string): Promise<Room> {
    const unloading = this.rooms.get(name)?.unloading;
    if (unloading) await unloading;
    const controlName = this.host.controlRoomOf(name);
    const control = controlName ? await this.load(controlName) : null;
    // Held from here, so the governing room cannot idle out while this one loads.
    if (control) {
      control.dependents.add(name);
      this.keep(control);
    }
    let room: Room;
    try {
      room = await this.loadOne(name);
    } catch (err) {
      if (control) this.release(control, name);
      throw err;
    }
    if (control && !this.isCurrent(control)) {
      // Evicted while we loaded: a room must not be served without the room that governs its writes.
      this.forget(room);
      throw new Error(`${controlName} was reset while ${name} loaded`);
    }
    return room;
  }

  private async loadOne(name: string): Promise<Room> {
    const { store, pubsub } = this.host;
    // Subscribe before reading the store, so nothing another instance commits in between is missed;
    // what arrives during the read is applied after it (Yjs ignores what it has twice).
    const early: Uint8Array[] = [];
    let target: Room | null = null;
    const unsubscribe = pubsub?.subscribe(name, (data) => (target ? this.host.fromPeer(target, data) : void early.push(data))) ?? null;
    const room = new Room(name, this.host.roomHost);
    room.unsubscribe = unsubscribe;
    try {
      // R10: the head first, so the load holds every entry through it however the log was compacted.
      const head = pubsub ? ((await store.roomHeads([name])).get(name) ?? 0) : 0;
      const stored = await store.loadRoom(name);
      if (stored.update) Y.applyUpdate(room.doc, stored.update, room);
      room.countStoredBytes(stored.update?.byteLength ?? 0);
      room.lastSeq = stored.lastSeq;
      room.log.reached(Math.max(head, stored.lastSeq));
      room.logLength = stored.logLength;
      room.judge = this.host.judge(room);
    } catch (err) {
      room.destroy();
      throw err;
    }
    this.rooms.set(name, room);
    target = room;
    for (const data of early) this.host.fromPeer(room, data);
    this.scheduleIdle(room);
    return room;
  }

  /** A connection joined `room`: it stays loaded. */
  keep(room: Room): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
  }

  /** A connection left `room`, or the room `dependent` it governed is gone: unload it once idle. */
  release(room: Room, dependent?: string): void {
    if (dependent !== undefined) room.dependents.delete(dependent);
    this.scheduleIdle(room);
  }

  /** R7: folds the room's log into its snapshot. One at a time per room; failures leave the log as it was. */
  compact(room: Room): Promise<void> {
    room.compaction ??= compactRoom(room, this.host).finally(() => (room.compaction = null));
    return room.compaction;
  }

  private isIdle(room: Room): boolean {
    return room.connections.size === 0 && room.dependents.size === 0;
  }

  private scheduleIdle(room: Room): void {
    if (!this.isIdle(room) || room.idleTimer || room.unloading || this.host.closing() || !this.isCurrent(room)) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      void this.unload(room);
    }, this.host.idleUnloadMs);
    room.idleTimer.unref?.();
  }

  /** R7: compact and forget an idle room, then its governing room if that is idle; a later connect loads it again. */
  private async unload(room: Room): Promise<void> {
    if (!this.isIdle(room) || room.unloading || this.host.closing() || !this.isCurrent(room)) return;
    room.unloading = (async () => {
      await this.host.whenFlushed();
      await room.compaction;
      if (room.logLength > 0) await this.compact(room);
    })();
    await room.unloading;
    // Connects meanwhile waited for `unloading` and load a fresh room, so this one has no one left.
    this.forget(room);
    this.host.log.debug({ room: room.name }, 'room unloaded');
    const control = this.controlOf(room);
    if (control) {
      control.dependents.delete(room.name);
      // A room and the room governing it go together.
      if (this.isIdle(control)) void this.unload(control);
    }
  }

  /** The loaded room governing `room` (R4), if any. */
  controlOf(room: Room): Room | undefined {
    const controlName = this.host.controlRoomOf(room.name);
    return controlName ? this.rooms.get(controlName) : undefined;
  }

  private forget(room: Room): void {
    if (this.isCurrent(room)) this.rooms.delete(room.name);
    room.destroy();
  }

  /**
   * Drops a room whose doc can no longer be trusted; its sockets reconnect and reload it from the
   * store. The rooms it governs are evicted with it.
   */
  evict(room: Room): void {
    if (!this.isCurrent(room)) return;
    // Out of the map first, so the detaches below do not schedule an idle unload.
    this.rooms.delete(room.name);
    for (const conn of [...room.connections]) conn.close(CloseCode.InternalError, 'room reset');
    room.destroy();
    const control = this.controlOf(room);
    if (control) this.release(control, room.name);
    for (const name of [...room.dependents]) {
      const dependent = this.rooms.get(name);
      if (dependent) this.evict(dependent);
    }
  }

  /** A room's durable state as one update, without loading it ({@link readRoomState}). */
  async readState(name: string): Promise<Uint8Array> {
    return readRoomState(this.servedFromDoc(name), this.host.store, name);
  }

  /** Hands a room's durable state to `read` in place, without loading it ({@link readRoomDoc}). */
  async readDoc<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    return readRoomDoc(this.servedFromDoc(name), this.host.store, name, read, (room) => this.evict(room));
  }

  /** The loaded room whose doc answers reads: none when scaled out (the store holds what other instances wrote). */
  private servedFromDoc(name: string): Room | undefined {
    return this.host.pubsub ? undefined : this.ready(name);
  }

  /** R8: resolves once every load in flight has finished or failed. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.loading.values());
  }

  /** R8: compacts every loaded room with log entries (call once writes are flushed). */
  async compactAll(): Promise<void> {
    for (const room of this.rooms.values()) {
      await room.unloading?.catch(() => {});
      await room.compaction;
      if (room.logLength > 0 && this.isCurrent(room)) await this.compact(room);
    }
  }

  /** R8: hands each room to `close` (to close its sockets), then forgets them all. */
  releaseAll(close: (room: Room) => void): void {
    for (const room of [...this.rooms.values()]) {
      close(room);
      this.forget(room);
    }
    this.rooms.clear();
  }
}
