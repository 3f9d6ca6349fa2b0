import type { AppendedUpdate } from '@accord/storage';
import type { Connection } from './connection.ts';
import type { LoadedRooms } from './loadedRooms.ts';
import { encodeAwarenessMessage, encodeSyncUpdate, type AwarenessEntry } from './protocol.ts';
import type { Room } from './room.ts';
import type { ScaleOut } from './scaleOut.ts';
import type { RelayEvents, RelayLogger } from './types.ts';

/** What the fan-out works with: the loaded rooms, the peers when scaled out, and the compaction threshold. */
export interface FanOutDeps {
  rooms: LoadedRooms;
  scaleOut: ScaleOut | null;
  log: RelayLogger;
  events: RelayEvents;
  compactAfterUpdates: number;
}

/** What the relay does with what the group commit made durable, and with awareness: every socket of the room, then the peers. */
export class FanOut {
  private readonly deps: FanOutDeps;

  constructor(deps: FanOutDeps) {
    this.deps = deps;
  }

  /** After the group commit: apply, fan out, publish to peers, compact past the threshold (R2, R3, R7, R10). */
  committed(room: Room, updates: Uint8Array[], writers: ReadonlySet<Connection | null>, appended: AppendedUpdate[], queuedAt: number[]): void {
    // An evicted room: the updates are durable, and its clients reload them with the room.
    if (!this.deps.rooms.isCurrent(room)) return;
    for (const update of updates) room.judge?.settled(update);
    const span = { prevSeq: appended[0]?.prevSeq ?? 0, lastSeq: appended.at(-1)?.seq ?? 0 };
    room.lastSeq = Math.max(room.lastSeq, span.lastSeq);
    room.logLength += updates.length;
    let merged: Uint8Array;
    try {
      merged = room.applyAndBroadcast(updates, writers);
    } catch (err) {
      // Validation should make this impossible; if it happens the doc may be half-applied, so
      // drop it rather than serve it, and let clients reload the room from storage.
      this.deps.log.error({ err, room: room.name }, 'durable update failed to apply; evicting the room');
      this.deps.rooms.evict(room);
      return;
    }
    const now = performance.now();
    for (const at of queuedAt) this.deps.events.fannedOut((now - at) / 1000);
    this.deps.events.updatesSent(room.connections.size - (writers.size === 1 && !writers.has(null) ? 1 : 0));
    if (this.deps.scaleOut) {
      this.deps.scaleOut.committed(room, span);
      this.deps.scaleOut.publish(room, encodeSyncUpdate(merged), span);
    }
    if (room.logLength >= this.deps.compactAfterUpdates && !room.unloading) void this.deps.rooms.compact(room);
  }

  awareness(room: Room, entries: AwarenessEntry[]): void {
    if (!this.deps.rooms.isCurrent(room)) return;
    const frame = encodeAwarenessMessage(entries);
    room.broadcast(frame);
    this.deps.scaleOut?.publish(room, frame, null);
  }
}
