import * as Y from 'yjs';
import type { GroupCommit } from './groupCommit.ts';
import type { LoadedRooms } from './loadedRooms.ts';

/**
 * `Relay.changeRoom`: the server's own change to a room, made on a copy of its durable state; what
 * the change emits is judged as the server's (writer null), queued like any write (authored
 * `SERVER_AUTHOR`) and resolved once durable (R2) with its sequence number, or null when the
 * change changed nothing (nothing is stored). The room stays loaded meanwhile.
 */
export async function changeRoom(rooms: LoadedRooms, commits: GroupCommit, name: string, change: (doc: Y.Doc) => void): Promise<number | null> {
  const room = await rooms.load(name);
  rooms.keep(room);
  try {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    // What the change emits, not a diff against a state vector: that would carry the room's whole
    // delete set, so a change that changed nothing would still look like one.
    const emitted: Uint8Array[] = [];
    copy.on('update', (u: Uint8Array) => emitted.push(u));
    try {
      change(copy);
    } finally {
      copy.destroy();
    }
    if (emitted.length === 0) return null;
    const update = emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
    const refusal = room.judge?.admit(null, update) ?? null;
    if (refusal) throw new Error(`the room refused the server's change: ${refusal}`);
    return await new Promise<number>((resolve, reject) => commits.queueWrite(room, null, update, (err, seq) => (err ? reject(err) : resolve(seq ?? 0))));
  } finally {
    rooms.release(room);
  }
}
