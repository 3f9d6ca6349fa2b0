import type { AppendedUpdate, RoomStore, RoomUpdate } from '@accord/storage';
import { CloseCode } from './closeCodes.ts';
import type { Connection } from './connection.ts';
import { encodePermissionDenied, type AwarenessEntry } from './protocol.ts';
import type { Room } from './room.ts';
import type { RelayEvents, RelayLogger } from './types.ts';

/** What the group commit needs from the relay. */
export interface CommitHost {
  readonly store: RoomStore;
  readonly log: RelayLogger;
  readonly events: RelayEvents;
  /**
   * R10, scaled out: brings these rooms and the rooms governing them up to what storage holds,
   * right before the append; resolves to the rooms whose writes must be judged again (their room
   * or its governing room changed). Rejects when storage cannot be read.
   */
  freshen?(rooms: Room[]): Promise<ReadonlySet<Room>>;
  /** R4, asked again right before the append: why `conn` may no longer write to `room`, or null. */
  refusal(room: Room, conn: Connection): string | null;
  /** The judge again, for a write whose room changed since it was admitted: null to keep it. */
  readmit(room: Room, conn: Connection | null, update: Uint8Array): string | null;
  /**
   * The updates are durable: apply and fan out. `appended` says where each landed in the room's
   * log, `queuedAt` when each was accepted (`performance.now()`).
   */
  committed(room: Room, updates: Uint8Array[], writers: ReadonlySet<Connection | null>, appended: AppendedUpdate[], queuedAt: number[]): void;
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
  /** When it was accepted (`performance.now()`), for the fan-out latency. */
  at: number;
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
    if (!list) {
      list = [];
      this.writes.set(room, list);
    }
    list.push({ conn, update, at: performance.now(), ...(done ? { done } : {}) });
    this.host.events.writeAccepted();
    this.queuedBytes += update.byteLength;
    this.schedule();
  }

  queueAwareness(room: Room, entries: AwarenessEntry[]): void {
    let byClient = this.pendingAwareness.get(room);
    if (!byClient) {
      byClient = new Map();
      this.pendingAwareness.set(room, byClient);
    }
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
    const { store, log, events } = this.host;
    let changed: ReadonlySet<Room> = new Set();
    try {
      if (this.host.freshen) changed = await this.host.freshen(rooms.map(([room]) => room));
    } catch (err) {
      return this.failed(rooms, err, 'storage unreadable before the append; closing the writers');
    }
    const accepted: Array<[Room, Write[]]> = [];
    for (const [room, writes] of rooms) {
      const kept = this.judgeAgain(room, writes, changed.has(room)).filter((w) => {
        // R4 again: a lock that became durable after these writes were accepted still stops them.
        const refusal = w.conn && this.host.refusal(room, w.conn);
        if (!refusal) return true;
        this.refuse(room, w, refusal, 'permission');
        return false;
      });
      if (kept.length > 0) accepted.push([room, kept]);
    }
    const batch: RoomUpdate[] = accepted.flatMap(([room, writes]) => writes.map((w) => ({ room: room.name, update: w.update, author: this.host.authorOf(w.conn) })));
    if (batch.length === 0) return;
    let appended: AppendedUpdate[];
    const started = performance.now();
    try {
      appended = await store.appendUpdates(batch);
    } catch (err) {
      return this.failed(accepted, err, 'storage append failed; closing the writers so they resync');
    }
    events.committed((performance.now() - started) / 1000, batch.length);
    let i = 0;
    for (const [room, writes] of accepted) {
      const mine = appended.slice(i, i + writes.length);
      i += writes.length;
      // The server (null) counts as a writer too: its change must reach every socket.
      const writers = new Set(writes.map((w) => w.conn));
      try {
        this.host.committed(room, writes.map((w) => w.update), writers, mine, writes.map((w) => w.at));
      } catch (err) {
        log.error({ err, room: room.name }, 'applying a commit failed');
      }
      for (const [k, w] of writes.entries()) w.done?.(null, mine[k]?.seq);
    }
  }

  /**
   * R10: writes to a room that changed since they were admitted (storage held more than this
   * instance had heard) are judged again against what it now holds, in their order.
   */
  private judgeAgain(room: Room, writes: Write[], changed: boolean): Write[] {
    if (!changed) return writes;
    for (const w of writes) this.host.dropped(room, w.update);
    return writes.filter((w) => {
      const refusal = this.host.readmit(room, w.conn, w.update);
      if (!refusal) return true;
      // Dropped above already (the judge forgot it), and counted by the judge.
      this.refuse(room, w, refusal, null, false);
      return false;
    });
  }

  private refuse(room: Room, w: Write, reason: string, countAs: 'permission' | null, drop = true): void {
    if (drop) this.host.dropped(room, w.update);
    if (countAs) this.host.events.writeRefused(countAs);
    if (w.conn) w.conn.send(encodePermissionDenied(reason));
    w.done?.(new Error(`the room refused the change: ${reason}`));
  }

  /** Nothing of these writes was stored: their writers reconnect and send them again (R2, R11). */
  private failed(rooms: Array<[Room, Write[]]>, err: unknown, message: string): void {
    const { log, events } = this.host;
    const updates = rooms.reduce((n, [, writes]) => n + writes.length, 0);
    log.error({ err, updates }, message);
    events.storageFailed('append');
    for (const [room, writes] of rooms) {
      for (const w of writes) {
        this.host.dropped(room, w.update);
        events.writeRefused('storage');
        w.conn?.close(CloseCode.StorageUnavailable, 'storage unavailable');
        w.done?.(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
