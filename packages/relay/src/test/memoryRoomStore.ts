import * as Y from 'yjs';
import type { LoadedRoom, RoomStore, RoomUpdate } from '@accord/storage';

type Hook<A> = (arg: A) => void | Promise<void>;

/** A transaction as the memory store saw it. */
export type MemoryTransaction = { kind: 'append'; size: number; rooms: string[] } | { kind: 'compact'; room: string; throughSeq: number };

/**
 * An in-memory `RoomStore` for the relay's tests. It behaves like the real stores (one global
 * sequence, compaction keeps entries after `throughSeq`); every call can be delayed or failed
 * through `before`, held at a gate with `hold`, and each transaction is recorded.
 */
export class MemoryRoomStore implements RoomStore {
  log: Array<{ seq: number; room: string; update: Uint8Array; author: string | null }> = [];
  readonly snapshots = new Map<string, Uint8Array>();
  /** One entry per `appendUpdates` / `compactRoom` transaction, in order. */
  readonly transactions: MemoryTransaction[] = [];
  /** Rooms passed to `loadRoom`, in order. */
  readonly loads: string[] = [];
  /** Runs before the call does anything: return a promise to delay it, throw to fail it. */
  readonly before: { append?: Hook<readonly RoomUpdate[]>; load?: Hook<string>; compact?: Hook<string> } = {};
  /** Runs after `loadRoom` has read the room and before it returns what it read. */
  readonly afterRead: { load?: Hook<string> } = {};
  /** Shorthands for `before`: delay every load; fail every append. */
  loadDelayMs = 0;
  failAppends = false;
  private seq = 0;

  /** Batch sizes of the append transactions. */
  get appendCalls(): number[] {
    return this.transactions.flatMap((t) => (t.kind === 'append' ? [t.size] : []));
  }

  /** Rooms compacted, in order. */
  get compactions(): string[] {
    return this.transactions.flatMap((t) => (t.kind === 'compact' ? [t.room] : []));
  }

  /** Holds every call of `kind` until the returned function is called. */
  hold(kind: 'append' | 'load' | 'compact'): () => void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.before[kind] = () => gate;
    return () => {
      delete this.before[kind];
      release();
    };
  }

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<number[]> {
    await this.before.append?.(batch);
    if (this.failAppends) throw new Error('disk on fire');
    this.transactions.push({ kind: 'append', size: batch.length, rooms: batch.map((b) => b.room) });
    return batch.map((b) => {
      this.log.push({ seq: ++this.seq, room: b.room, update: b.update.slice(), author: b.author ?? null });
      return this.seq;
    });
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    this.loads.push(room);
    if (this.loadDelayMs) await new Promise((r) => setTimeout(r, this.loadDelayMs));
    await this.before.load?.(room);
    const loaded = this.read(room);
    await this.afterRead.load?.(room);
    return loaded;
  }

  /** The stored state without counting a load or running hooks. */
  read(room: string): LoadedRoom {
    const mine = this.log.filter((l) => l.room === room);
    const snapshot = this.snapshots.get(room);
    const parts = [...(snapshot ? [snapshot] : []), ...mine.map((l) => l.update)];
    return { update: parts.length ? Y.mergeUpdates(parts) : null, lastSeq: mine.at(-1)?.seq ?? 0, logLength: mine.length };
  }

  async compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    await this.before.compact?.(room);
    this.transactions.push({ kind: 'compact', room, throughSeq });
    this.snapshots.set(room, state.slice());
    this.log = this.log.filter((l) => l.room !== room || l.seq > throughSeq);
  }

  /** The stored state of a room as a fresh doc. */
  doc(room: string): Y.Doc {
    const d = new Y.Doc();
    const { update } = this.read(room);
    if (update) Y.applyUpdate(d, update);
    return d;
  }
}
