import * as Y from 'yjs';
import type { AppendedUpdate, LoadedRoom, RoomDelta, RoomStore, RoomUpdate } from '@accord/storage';

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
  readonly before: { append?: Hook<readonly RoomUpdate[]>; load?: Hook<string>; compact?: Hook<string>; heads?: Hook<readonly string[]>; since?: Hook<string> } = {};
  /** Each room's newest seq, kept across compaction. */
  readonly heads = new Map<string, number>();
  /** Calls of `roomHeads` and `readRoomSince`, in order. */
  readonly reads: Array<{ kind: 'heads'; rooms: string[] } | { kind: 'since'; room: string; afterSeq: number }> = [];
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

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<AppendedUpdate[]> {
    await this.before.append?.(batch);
    if (this.failAppends) throw new Error('disk on fire');
    this.transactions.push({ kind: 'append', size: batch.length, rooms: batch.map((b) => b.room) });
    return batch.map((b) => {
      this.log.push({ seq: ++this.seq, room: b.room, update: b.update.slice(), author: b.author ?? null });
      const prevSeq = this.heads.get(b.room) ?? 0;
      this.heads.set(b.room, this.seq);
      return { seq: this.seq, prevSeq };
    });
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    this.reads.push({ kind: 'heads', rooms: [...rooms] });
    await this.before.heads?.(rooms);
    return new Map(rooms.flatMap((room) => (this.heads.has(room) ? [[room, this.heads.get(room)!] as const] : [])));
  }

  async readRoomSince(room: string, afterSeq: number): Promise<RoomDelta | null> {
    this.reads.push({ kind: 'since', room, afterSeq });
    await this.before.since?.(room);
    const head = this.heads.get(room) ?? 0;
    if (head <= afterSeq) return { head, updates: [] };
    const mine = this.log.filter((l) => l.room === room && l.seq >= afterSeq);
    if (afterSeq === 0 || mine[0]?.seq !== afterSeq) return null;
    return { head, updates: mine.slice(1).map((l) => l.update) };
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
