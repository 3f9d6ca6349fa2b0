import * as Y from 'yjs';
import type { GroupCommit } from './groupCommit.ts';
import type { LoadedRooms } from './loadedRooms.ts';

/**
 * `Relay.changeRoom`: the server's own change to a room, made on a copy of its durable state; the
 * difference is judged as the server's (writer null), queued like any write and resolved once
 * durable (R2). The room stays loaded meanwhile.
 */
export async function changeRoom(rooms: LoadedRooms, commits: GroupCommit, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  const room = await rooms.load(name);
  rooms.keep(room);
  try {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(copy);
    change(copy);
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.length === 0 && ds.clients.size === 0) return;
    const refusal = room.judge?.admit(null, update) ?? null;
    if (refusal) throw new Error(`the room refused the server's change: ${refusal}`);
    await new Promise<void>((resolve, reject) => commits.queueWrite(room, null, update, (err) => (err ? reject(err) : resolve())));
  } finally {
    rooms.release(room);
  }
}
