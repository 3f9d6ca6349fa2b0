import * as Y from 'yjs';
import type { BoardRow, LoadedRoom, RoomUpdate, Storage, StoredAsset, StoredRecord } from '@accord/storage';

type Hook<A> = (arg: A) => void | Promise<void>;

/** A transaction as the memory store saw it. */
export type MemoryTransaction = { kind: 'append'; size: number; rooms: string[] } | { kind: 'compact'; room: string; throughSeq: number };

/**
 * An in-memory `Storage` for the relay's tests. Room methods behave like the real stores (one
 * global sequence, compaction keeps entries after `throughSeq`); every call can be delayed or
 * failed through `before`, held at a gate with `hold`, and each transaction is recorded.
 */
export class MemoryStorage implements Storage {
  log: Array<{ seq: number; room: string; update: Uint8Array }> = [];
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
  private readonly boards = new Map<string, BoardRow>();
  private readonly records = new Map<string, StoredRecord>();
  private readonly assets = new Map<string, StoredAsset>();

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
      this.log.push({ seq: ++this.seq, room: b.room, update: b.update.slice() });
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

  async createBoard(b: BoardRow): Promise<void> {
    this.boards.set(b.id, b);
  }
  async getBoard(id: string): Promise<BoardRow | null> {
    return this.boards.get(id) ?? null;
  }
  async updateBoardTitle(id: string, title: string, updatedAt: number): Promise<BoardRow | null> {
    const b = this.boards.get(id);
    if (!b) return null;
    const next = { ...b, title, updatedAt };
    this.boards.set(id, next);
    return next;
  }
  async insertRecord(r: StoredRecord): Promise<void> {
    const key = `${r.boardId}#${r.seq}`;
    if (this.records.has(key)) throw new Error('record seq taken');
    this.records.set(key, r);
  }
  async listRecords(boardId: string): Promise<StoredRecord[]> {
    return [...this.records.values()].filter((r) => r.boardId === boardId).sort((a, b) => a.seq - b.seq);
  }
  async getRecord(boardId: string, id: string): Promise<StoredRecord | null> {
    return [...this.records.values()].find((r) => r.boardId === boardId && r.id === id) ?? null;
  }
  async putAsset(a: StoredAsset): Promise<void> {
    this.assets.set(`${a.boardId}/${a.id}`, a);
  }
  async getAsset(boardId: string, id: string): Promise<StoredAsset | null> {
    return this.assets.get(`${boardId}/${id}`) ?? null;
  }
  async close(): Promise<void> {}
}
