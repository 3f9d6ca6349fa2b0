import type { RoomStore, RoomUpdate } from '@accord/storage';
import { CloseCode } from './closeCodes.ts';
import type { Connection } from './connection.ts';
import { encodePermissionDenied, type AwarenessEntry } from './protocol.ts';
import type { Room } from './room.ts';
import type { RelayLogger } from './types.ts';

/** What the group commit needs from the relay. */
export interface CommitHost {
  readonly store: RoomStore;
  readonly log: RelayLogger;
  /** R4, asked again right before the append: why `conn` may no longer write to `room`, or null. */
  refusal(room: Room, conn: Connection): string | null;
  /** The updates are durable, `lastSeq` is the last of their sequence numbers: apply and fan out. */
  committed(room: Room, updates: Uint8Array[], writers: ReadonlySet<Connection | null>, lastSeq: number): void;
  /** An accepted write will never be stored (refused at commit time, or the append failed). */
  dropped(room: Room, update: Uint8Array): void;
  /** Awareness gathered this tick, newest entry per client id. */
  awareness(room: Room, entries: AwarenessEntry[]): void;
  /** Who wrote through `conn` (null: the server itself), stored with the write for the room's history. */
  authorOf(conn: Connection | null): string | null;
}

/** Told when a write is durable, with its sequence number, or that it will never be, with the error. */
export type WriteDone = (err: Error | null, seq?: number) => void;

interface Write {
  /** Null for a change the server itself makes (`Relay.changeRoom`). */
  conn: Connection | null;
  update: Uint8Array;
  done?: WriteDone;
}

/**
 * R2 + R3: accepted writes wait here; once per event-loop tick every queued write of every room
 * goes to storage in ONE `appendUpdates` call, and only when that resolves are they applied and
 * broadcast. Commits run one after another: while one is in flight the queue keeps filling, and
 * the next commit takes all of it, so batches grow when storage is slow instead of piling up calls.
 */
export class GroupCommit {
  private readonly host: CommitHost;
  private readonly writes = new Map<Room, Write[]>();
  private readonly pendingAwareness = new Map<Room, Map<number, AwarenessEntry>>();
  private waiters: Array<() => void> = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  /** Bytes of updates queued and not yet durable. */
  queuedBytes = 0;

  constructor(host: CommitHost) {
    this.host = host;
  }

  queueWrite(room: Room, conn: Connection | null, update: Uint8Array, done?: WriteDone): void {
    let list = this.writes.get(room);
    if (!list) this.writes.set(room, (list = []));
    list.push({ conn, update, ...(done ? { done } : {}) });
    this.queuedBytes += update.byteLength;
    this.schedule();
  }

  queueAwareness(room: Room, entries: AwarenessEntry[]): void {
    let byClient = this.pendingAwareness.get(room);
    if (!byClient) this.pendingAwareness.set(room, (byClient = new Map()));
    for (const e of entries) byClient.set(e.clientId, e);
    this.schedule();
  }

  /** Resolves once everything queued so far is durable and applied (or refused, or failed). */
  whenFlushed(): Promise<void> {
    if (this.writes.size === 0) return this.chain;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Awareness is not stored, so it goes out at once rather than behind a slow append.
      try {
        this.sendAwareness();
      } catch (err) {
        this.host.log.error({ err }, 'awareness broadcast failed');
      }
      if (this.writes.size > 0) this.chain = this.chain.then(() => this.commit());
    });
  }

  private sendAwareness(): void {
    const pending = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    for (const [room, byClient] of pending) this.host.awareness(room, [...byClient.values()]);
  }

  private async commit(): Promise<void> {
    const rooms = [...this.writes];
    this.writes.clear();
    this.queuedBytes = 0;
    const waiters = this.waiters;
    this.waiters = [];
    try {
      await this.append(rooms);
    } catch (err) {
      // Never let one bad commit break the chain: later commits would silently never run.
      this.host.log.error({ err }, 'group commit failed');
    } finally {
      for (const resolve of waiters) resolve();
    }
  }

  private async append(rooms: Array<[Room, Write[]]>): Promise<void> {
    const { store, log } = this.host;
    // R4 again: a lock that became durable after these writes were accepted still stops them.
    const accepted: Array<[Room, Write[]]> = [];
    for (const [room, writes] of rooms) {
      const kept = writes.filter((w) => {
        const refusal = w.conn && this.host.refusal(room, w.conn);
        if (!refusal) return true;
        w.conn!.send(encodePermissionDenied(refusal));
        this.host.dropped(room, w.update);
        return false;
      });
      if (kept.length > 0) accepted.push([room, kept]);
    }
    const batch: RoomUpdate[] = accepted.flatMap(([room, writes]) => writes.map((w) => ({ room: room.name, update: w.update, author: this.host.authorOf(w.conn) })));
    if (batch.length === 0) return;
    let seqs: number[];
    try {
      seqs = await store.appendUpdates(batch);
    } catch (err) {
      log.error({ err, updates: batch.length }, 'storage append failed; closing the writers so they resync');
      for (const [room, writes] of accepted) {
        for (const w of writes) {
          this.host.dropped(room, w.update);
          w.conn?.close(CloseCode.InternalError, 'storage unavailable');
          w.done?.(err instanceof Error ? err : new Error(String(err)));
        }
      }
      return;
    }
    let i = 0;
    for (const [room, writes] of accepted) {
      const first = i;
      i += writes.length;
      const lastSeq = seqs[i - 1] ?? 0;
      // The server (null) counts as a writer too: its change must reach every socket.
      const writers = new Set(writes.map((w) => w.conn));
      this.host.committed(room, writes.map((w) => w.update), writers, lastSeq);
      writes.forEach((w, k) => w.done?.(null, seqs[first + k]));
    }
  }
}
