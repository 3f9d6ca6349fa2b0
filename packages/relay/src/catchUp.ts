import * as Y from 'yjs';
import type { RoomStore } from '@accord/storage';
import type { LoadedRooms } from './loadedRooms.ts';
import { applyDurable } from './peers.ts';
import type { Room } from './room.ts';
import type { CatchUpReason, RelayEvents, RelayLogger } from './types.ts';

/** Catch-ups run at once, at most: a reconnect with many rooms behind must not hammer storage. */
const CATCH_UP_CONCURRENCY = 4;

/** What catching up needs from the scale-out. */
export interface CatchUpHost {
  readonly store: RoomStore;
  readonly rooms: LoadedRooms;
  readonly events: RelayEvents;
  readonly log: RelayLogger;
  /** The room's log position moved. */
  heard(room: Room): void;
}

/**
 * R10: brings a loaded room up to what storage holds — the log after what the room heard, or the
 * whole room when part of that was compacted away — applies what was missing and fans it out to
 * the room's sockets. One catch-up per room at a time; callers share the one in flight.
 */
export class CatchUp {
  private readonly host: CatchUpHost;
  private readonly inFlight = new Map<Room, Promise<boolean>>();

  constructor(host: CatchUpHost) {
    this.host = host;
  }

  /** Catches `room` up until it holds everything through `head` (0: once); true when that changed the doc. */
  async to(room: Room, head: number, reason: CatchUpReason): Promise<boolean> {
    let changed = false;
    // A catch-up in flight may have read before `head` was written: then go again (heads only grow).
    for (let round = 0; round < 3 && (round === 0 || room.log.heard < head) && this.host.rooms.isCurrent(room); round++) {
      let pending = this.inFlight.get(room);
      if (!pending) {
        pending = this.once(room, reason).finally(() => this.inFlight.delete(room));
        this.inFlight.set(room, pending);
      }
      if (await pending) changed = true;
    }
    return changed;
  }

  /** Reads what the room lacks — the log after what it heard, or the whole room — and applies it. */
  private async once(room: Room, reason: CatchUpReason): Promise<boolean> {
    const { store, rooms, events, log } = this.host;
    let update: Uint8Array | null;
    let head: number;
    try {
      const delta = await store.readRoomSince(room.name, room.log.heard);
      if (delta) {
        head = delta.head;
        update = delta.updates.length === 0 ? null : Y.mergeUpdates(delta.updates);
      } else {
        // Some of it is only in the snapshot now. The head is read first: the load then holds all through it.
        head = (await store.roomHeads([room.name])).get(room.name) ?? 0;
        const stored = await store.loadRoom(room.name);
        head = Math.max(head, stored.lastSeq);
        update = stored.update;
      }
    } catch (err) {
      events.storageFailed('catch-up');
      log.warn({ err, room: room.name, reason }, 'catch-up from storage failed; retried at the next check');
      throw err;
    }
    if (!rooms.isCurrent(room)) return false;
    let news: Uint8Array | null = null;
    try {
      news = update ? applyDurable(room, update) : null;
    } catch (err) {
      log.error({ err, room: room.name }, 'stored state failed to apply; evicting the room');
      rooms.evict(room);
      return false;
    }
    if (news) events.updatesSent(room.connections.size);
    room.log.reached(head);
    room.lastSeq = Math.max(room.lastSeq, head);
    this.host.heard(room);
    events.caughtUp(reason, news !== null);
    if (news) log.info({ room: room.name, reason }, 'caught up from storage');
    return news !== null;
  }

  /** Catches up each `[room, head]`, a few at a time; failures are logged and left for the next check. */
  async many(due: ReadonlyArray<readonly [Room, number]>, reason: CatchUpReason): Promise<void> {
    const work = due.values();
    const worker = async () => {
      for (const [room, head] of work) await this.to(room, head, reason).catch(() => {});
    };
    await Promise.all(Array.from({ length: Math.min(CATCH_UP_CONCURRENCY, due.length) }, worker));
  }

  /** Resolves once the catch-ups in flight are done. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.inFlight.values());
  }
}
