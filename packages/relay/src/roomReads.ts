import * as Y from 'yjs';
import type { RoomStore } from '@accord/storage';
import type { Room } from './room.ts';

// Reading a room's durable state without loading it. `loaded` is the loaded room whose doc may
// answer, or undefined to read the store: when the room is not loaded, and always when scaled out
// (the store holds everything the doc does, and writes other instances stored may not have reached
// the doc yet).

/** A room's durable state as one update: from the loaded doc, else from the store. */
export async function readRoomState(loaded: Room | undefined, store: RoomStore, name: string): Promise<Uint8Array> {
  if (loaded) return Y.encodeStateAsUpdate(loaded.doc);
  const stored = await store.loadRoom(name);
  return stored.update ?? Y.encodeStateAsUpdate(new Y.Doc());
}

/**
 * Hands a room's durable state to `read` in place: the loaded doc, else a doc made from the store.
 * A `read` that writes to a loaded doc makes it untrustworthy (the write was never stored): the
 * room is `evict`ed and the call rejects.
 */
export async function readRoomDoc<T>(loaded: Room | undefined, store: RoomStore, name: string, read: (doc: Y.Doc) => T, evict: (room: Room) => void): Promise<T> {
  if (loaded) {
    let wrote = false;
    const onUpdate = () => {
      wrote = true;
    };
    loaded.doc.on('update', onUpdate);
    let result: T;
    try {
      result = read(loaded.doc);
    } finally {
      loaded.doc.off('update', onUpdate);
      if (wrote) evict(loaded);
    }
    if (wrote) throw new Error(`a read of room ${name} changed it; the room is reloaded from storage`);
    return result;
  }
  const stored = await store.loadRoom(name);
  const doc = new Y.Doc();
  try {
    if (stored.update) Y.applyUpdate(doc, stored.update);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
