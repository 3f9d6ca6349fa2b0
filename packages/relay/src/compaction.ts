import * as Y from 'yjs';
import type { RoomStore } from '@accord/storage';
import type { Room } from './room.ts';
import type { PubSub, RelayEvents, RelayLogger } from './types.ts';

/**
 * R7: folds a loaded room's log into its stored snapshot, through the room's last seq. Scaled out
 * (`pubsub` given), other instances append to the room too and what they stored may not have
 * reached this doc yet: everything the store holds is folded in first, so deleting the log up to
 * `through` loses nothing. A failure leaves the log as it was (reported; compaction is retried later).
 */
export async function compactRoom(room: Room, host: { store: RoomStore; pubsub: PubSub | undefined; log: RelayLogger; events: RelayEvents }): Promise<void> {
  const { store, pubsub, log } = host;
  let state = Y.encodeStateAsUpdate(room.doc);
  let through = room.lastSeq;
  const entries = room.logLength;
  try {
    if (pubsub) {
      const stored = await store.loadRoom(room.name);
      if (stored.update) state = Y.mergeUpdates([stored.update, state]);
      through = Math.max(through, stored.lastSeq);
    }
    await store.compactRoom(room.name, state, through);
    room.logLength = Math.max(0, room.logLength - entries);
  } catch (err) {
    host.events.storageFailed('compact');
    log.warn({ err, room: room.name }, 'compaction failed; the log stays and is retried later');
  }
}
