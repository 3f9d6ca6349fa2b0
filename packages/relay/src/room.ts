import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import type { AwarenessEntry, ClientMessage } from './protocol.ts';
import { encodeAwarenessMessage, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './protocol.ts';
import { writeRefusal } from './permissions.ts';

/** What a room needs from the relay that owns it. */
export interface RoomHost {
  /** Queues an accepted write for the next group commit (R2). */
  queueWrite(room: Room, from: Connection, update: Uint8Array): void;
  /** Queues awareness entries to broadcast at the end of this tick. */
  queueAwareness(room: Room, entries: AwarenessEntry[]): void;
  /** Is the board this content room belongs to locked (R4)? */
  isLocked(room: Room): boolean;
}

/**
 * A loaded Yjs room. Its doc holds only durable state: updates are applied after storage took
 * them, so a step 1 is always answered with what survives a crash.
 */
export class Room {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<Connection>();
  /** Latest awareness entry per client id (state "null" entries are dropped). */
  readonly awareness = new Map<number, AwarenessEntry>();
  /** Which connection owns each awareness client id. */
  readonly awarenessOwners = new Map<number, Connection>();
  loaded = false;
  /** Sequence number of the last update this doc holds, and log entries since the last compaction. */
  lastSeq = 0;
  logLength = 0;
  /** Rooms that keep this one loaded (a content room keeps its facilitation room). */
  dependents = 0;
  idleTimer: ReturnType<typeof setTimeout> | null = null;
  compacting: Promise<void> | null = null;
  private readonly host: RoomHost;

  constructor(name: string, host: RoomHost) {
    this.name = name;
    this.host = host;
  }

  /** The first frames a client gets: our state vector (so it sends what we lack) and who is here. */
  greet(conn: Connection): void {
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.size > 0) conn.send(encodeAwarenessMessage(this.awareness.values()));
  }

  handle(conn: Connection, msg: ClientMessage): void {
    switch (msg.kind) {
      case 'step1':
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, msg.stateVector)));
        return;
      case 'write': {
        // A client's routine step 2 with nothing new: nothing to store, send or refuse.
        if (msg.empty) return;
        const refusal = writeRefusal(conn.role, this.name, this.host.isLocked(this));
        if (refusal) {
          conn.send(encodePermissionDenied(refusal));
          return;
        }
        this.host.queueWrite(this, conn, msg.update);
        return;
      }
      case 'awareness':
        this.receiveAwareness(conn, msg.entries);
        return;
      case 'query-awareness':
        conn.send(encodeAwarenessMessage(this.awareness.values()));
        return;
    }
  }

  /** Keeps entries whose client id is this connection's (claiming new ids), drops the rest. */
  private receiveAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.awarenessOwners.get(entry.clientId);
      if (owner && owner !== conn) continue;
      const current = this.awareness.get(entry.clientId);
      if (current && current.clock > entry.clock) continue;
      if (!owner) {
        this.awarenessOwners.set(entry.clientId, conn);
        conn.awarenessIds.add(entry.clientId);
      }
      if (entry.state === 'null') this.awareness.delete(entry.clientId);
      else this.awareness.set(entry.clientId, entry);
      kept.push(entry);
    }
    if (kept.length > 0) this.host.queueAwareness(this, kept);
  }

  /** Removes a departed connection's awareness and tells the others (R6). */
  dropAwareness(conn: Connection): void {
    const gone: AwarenessEntry[] = [];
    for (const id of conn.awarenessIds) {
      const current = this.awareness.get(id);
      this.awareness.delete(id);
      this.awarenessOwners.delete(id);
      gone.push({ clientId: id, clock: (current?.clock ?? 0) + 1, state: 'null' });
    }
    conn.awarenessIds.clear();
    if (gone.length > 0) this.host.queueAwareness(this, gone);
  }

  /** Applies durable updates (after the group commit) and fans them out, encoded once (R3). */
  applyAndBroadcast(updates: Uint8Array[], writers: Set<Connection>): Uint8Array {
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    Y.applyUpdate(this.doc, merged, this);
    const frame = encodeSyncUpdate(merged);
    const soleWriter = writers.size === 1 ? [...writers][0] : undefined;
    for (const conn of this.connections) if (conn !== soleWriter) conn.send(frame);
    return merged;
  }

  /** Broadcasts one already-encoded frame to every connection. */
  broadcast(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.doc.destroy();
    this.awareness.clear();
    this.awarenessOwners.clear();
  }
}
