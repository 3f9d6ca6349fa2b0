import * as Y from 'yjs';
import { Refusal } from './closeCodes.ts';
import type { Connection } from './connection.ts';
import { LogPosition } from './logPosition.ts';
import { RoomAwareness } from './roomAwareness.ts';
import type { AwarenessEntry, ClientMessage } from './protocol.ts';
import {
  deletionsKnown,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol.ts';

/** An update that changes nothing (what `Y.encodeStateAsUpdate` gives for an empty doc). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** What a room needs from the relay that owns it. */
export interface RoomHost {
  /** Queues an accepted write for the next group commit (R2). */
  queueWrite(room: Room, from: Connection, update: Uint8Array): void;
  /** Queues awareness entries to broadcast at the end of this tick. */
  queueAwareness(room: Room, entries: AwarenessEntry[]): void;
  /** R4: why `conn` may not write to `room` now (the policy's answer), or null. */
  refusal(room: Room, conn: Connection): string | null;
  /** The policy's view of an awareness state `conn` sent: as the room shows it, or null to drop it. */
  stampAwareness(conn: Connection, entry: AwarenessEntry): AwarenessEntry | null;
  /** Quota: the largest state the room may grow to, in bytes of `Y.encodeStateAsUpdate`. */
  readonly maxRoomBytes: number;
}

/** A room's judge as the relay holds it: the policy's `RoomJudge` with the principal bound by each connection. */
export interface BoundJudge {
  /** Null when `conn`'s update is admitted, else why not; `conn` null is the server itself. */
  admit(conn: Connection | null, update: Uint8Array): string | null;
  settled(update: Uint8Array): void;
  dropped(update: Uint8Array): void;
  absorb(update: Uint8Array): void;
  destroy(): void;
}

/**
 * A loaded Yjs room. Its doc holds only durable state: updates are applied after storage took
 * them (R2), so a step 1 is always answered with what survives a crash.
 */
export class Room {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  /** The policy's judge of this room's writes, made once the doc has loaded; null without one. */
  judge: BoundJudge | null = null;
  readonly connections = new Set<Connection>();
  /** Who is here: the latest awareness entry per client id, and which connection owns it (R4). */
  readonly awareness = new RoomAwareness();
  /** Sequence number of the last log entry this doc holds, and log entries since the last compaction (R7). */
  lastSeq = 0;
  logLength = 0;
  /** R10, scaled out: how much of the room's storage log the doc holds, without holes. */
  readonly log = new LogPosition();
  /** Rooms this one governs (R4), loaded or loading: they keep it loaded. */
  readonly dependents = new Set<string>();
  idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while the room is compacted for unloading; connects then wait and load it afresh. */
  unloading: Promise<void> | null = null;
  /** The compaction in flight, so two never overlap. */
  compaction: Promise<void> | null = null;
  /** Stops the pub/sub subscription, when scaled out. */
  unsubscribe: (() => void) | null = null;
  destroyed = false;
  private readonly host: RoomHost;
  /**
   * Bytes of the room's state, counted: from what storage gave at the load (`countStoredBytes`),
   * then up by each committed batch — an over-estimate, as merging only shrinks state. Measured
   * exactly (`Y.encodeStateAsUpdate`, the whole doc) only when the count says a write would cross
   * `maxRoomBytes` and the room grew by more than a 64th of it since the last measure, so a writer
   * near the limit cannot make every write encode the whole room.
   */
  private stateBytes: number | null = null;
  private measuredAt = Number.NEGATIVE_INFINITY;

  constructor(name: string, host: RoomHost) {
    this.name = name;
    this.host = host;
  }

  /** The first frames a client gets, as y-websocket's server sends them: our state vector (so it sends what we lack) and who is here. */
  greet(conn: Connection): void {
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.states.size > 0) conn.send(encodeAwarenessMessage(this.awareness.states.values()));
  }

  handle(conn: Connection, msg: ClientMessage): void {
    switch (msg.kind) {
      case 'step1':
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, msg.stateVector)));
        return;
      case 'write': {
        // A step 2 always carries the sender's whole delete set; when that is all it carries and
        // we know it already (a viewer's or a fresh client's step 2 after connect), there is
        // nothing to store, send or refuse.
        if (msg.empty || (msg.deletesOnly && deletionsKnown(this.doc, msg.deletesOnly))) return;
        // A copy: the frame may be a view into a larger socket buffer we should not keep alive.
        const update = msg.update.slice();
        const refusal = this.host.refusal(this, conn) ?? this.sizeRefusal(update.byteLength) ?? this.judge?.admit(conn, update) ?? null;
        if (refusal) {
          conn.send(encodePermissionDenied(refusal));
          return;
        }
        this.host.queueWrite(this, conn, update);
        return;
      }
      case 'awareness': {
        const kept = this.awareness.receive(conn, msg.entries, (c, entry) => this.host.stampAwareness(c, entry));
        if (kept.length > 0) this.host.queueAwareness(this, kept);
        return;
      }
      case 'query-awareness':
        conn.send(encodeAwarenessMessage(this.awareness.states.values()));
        return;
    }
  }

  /** The room was loaded from `bytes` of stored state: the size count starts there, unmeasured. */
  countStoredBytes(bytes: number): void {
    this.stateBytes = bytes;
    this.measuredAt = Number.NEGATIVE_INFINITY;
  }

  /** Quota: why a write of `bytes` may not be stored (the room is full), or null. Nothing stored is touched. */
  private sizeRefusal(bytes: number): string | null {
    const max = this.host.maxRoomBytes;
    if (this.stateBytes === null || (this.stateBytes + bytes > max && this.stateBytes - this.measuredAt > max / 64)) {
      this.stateBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.measuredAt = this.stateBytes;
    }
    if (this.stateBytes + bytes <= max) return null;
    const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
    return `${Refusal.RoomFull}: this board holds ${mib(this.stateBytes)}, its limit is ${mib(max)}; changes are no longer saved`;
  }

  /** Awareness relayed by another instance (scaled out): no owner here, so ids owned locally win. */
  applyPeerAwareness(entries: AwarenessEntry[]): AwarenessEntry[] {
    return this.awareness.fromPeer(entries);
  }

  /** Removes a departed connection's awareness and tells the others (R4, R6). */
  dropAwareness(conn: Connection): void {
    const gone = this.awareness.drop(conn);
    if (gone.length > 0) this.host.queueAwareness(this, gone);
  }

  /**
   * Applies durable updates (after the group commit) and fans them out as one frame, encoded
   * once, the same bytes for every socket (R3). When a single connection wrote them, it is
   * skipped: it has them already. With several writers each gets the frame, and Yjs ignores the
   * part it has; a change of the server's (writer `null`) goes to everyone. Returns the merged
   * update (for pub/sub).
   *
   * Several updates are applied in one transaction and the frame is what Yjs encodes for that
   * transaction: the same content as `Y.mergeUpdates`, without re-parsing every update — on a burst
   * of 2 000 updates that merge was 40% of the server's time (`bench/relay-fanout.bench.ts`).
   */
  applyAndBroadcast(updates: Uint8Array[], writers: ReadonlySet<Connection | null>): Uint8Array {
    const merged = updates.length === 1 ? this.apply(updates[0]!) : this.applyAll(updates);
    if (merged === null) return EMPTY_UPDATE;
    if (this.stateBytes !== null) this.stateBytes += merged.byteLength;
    const frame = encodeSyncUpdate(merged);
    const soleWriter = writers.size === 1 ? (writers.values().next().value ?? undefined) : undefined;
    for (const conn of this.connections) if (conn !== soleWriter) conn.send(frame);
    return merged;
  }

  private apply(update: Uint8Array): Uint8Array {
    Y.applyUpdate(this.doc, update, this);
    return update;
  }

  /** Applies `updates` together; what they changed as one update, or null when they changed nothing. */
  private applyAll(updates: Uint8Array[]): Uint8Array | null {
    let changed: Uint8Array | null = null;
    const capture = (update: Uint8Array) => {
      changed = update;
    };
    this.doc.on('update', capture);
    try {
      Y.transact(this.doc, () => {
        for (const update of updates) Y.applyUpdate(this.doc, update, this);
      }, this);
    } finally {
      this.doc.off('update', capture);
    }
    return changed;
  }

  /** Broadcasts one already-encoded frame to every connection. */
  broadcast(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  /** Releases the doc and timers; the room must not be used afterwards. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.judge?.destroy();
    this.judge = null;
    this.doc.destroy();
    this.awareness.clear();
  }
}
