import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { BoardRow, LoadedRoom, RoomUpdate, Storage, StoredAsset, StoredRecord } from '@accord/storage';
import type { RelaySocket } from '../types.ts';

/** An in-memory Storage that counts transactions and can be slowed or broken. */
export class MemoryStorage implements Storage {
  log: Array<{ seq: number; room: string; update: Uint8Array }> = [];
  snapshots = new Map<string, Uint8Array>();
  appendCalls: number[] = [];
  compactions: string[] = [];
  loadDelayMs = 0;
  failAppends = false;
  private seq = 0;
  private boards = new Map<string, BoardRow>();

  async appendUpdates(batch: readonly RoomUpdate[]): Promise<number[]> {
    if (this.failAppends) throw new Error('disk on fire');
    this.appendCalls.push(batch.length);
    return batch.map((b) => {
      this.log.push({ seq: ++this.seq, room: b.room, update: b.update });
      return this.seq;
    });
  }
  async loadRoom(room: string): Promise<LoadedRoom> {
    if (this.loadDelayMs) await new Promise((r) => setTimeout(r, this.loadDelayMs));
    const parts = [...(this.snapshots.has(room) ? [this.snapshots.get(room)!] : []), ...this.log.filter((l) => l.room === room).map((l) => l.update)];
    const mine = this.log.filter((l) => l.room === room);
    return { update: parts.length ? Y.mergeUpdates(parts) : null, lastSeq: mine.at(-1)?.seq ?? 0, logLength: mine.length };
  }
  async compactRoom(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactions.push(room);
    this.snapshots.set(room, state);
    this.log = this.log.filter((l) => l.room !== room || l.seq > throughSeq);
  }
  /** The stored state of a room as a doc. */
  async doc(room: string): Promise<Y.Doc> {
    const d = new Y.Doc();
    const { update } = await this.loadRoom(room);
    if (update) Y.applyUpdate(d, update);
    return d;
  }
  async createBoard(b: BoardRow) {
    this.boards.set(b.id, b);
  }
  async getBoard(id: string) {
    return this.boards.get(id) ?? null;
  }
  async updateBoardTitle() {
    return null;
  }
  async insertRecord(_r: StoredRecord) {}
  async listRecords() {
    return [];
  }
  async getRecord() {
    return null;
  }
  async putAsset(_a: StoredAsset) {}
  async getAsset() {
    return null;
  }
  async close() {}
}

/** A socket that records frames and close codes; `bufferedAmount` can be set to simulate a slow peer. */
export class FakeSocket implements RelaySocket {
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  terminated = false;
  pings = 0;
  bufferedAmount = 0;
  send(data: Uint8Array) {
    if (this.closedWith !== null || this.terminated) throw new Error('send on closed socket');
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith ??= code;
  }
  terminate() {
    this.terminated = true;
  }
  ping() {
    this.pings++;
  }
  /** Message types of received frames. */
  types() {
    return this.sent.map((f) => decoding.readVarUint(decoding.createDecoder(f)));
  }
  /** Applies every sync frame received so far to `doc`. */
  applyTo(doc: Y.Doc) {
    for (const f of this.sent) {
      const d = decoding.createDecoder(f);
      if (decoding.readVarUint(d) !== 0) continue;
      const sub = decoding.readVarUint(d);
      if (sub === 1 || sub === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
  }
}

export function updateFrame(update: Uint8Array, sub = 2): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function step1Frame(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Decodes awareness frames received: clientId -> state (null when removed). */
export function awarenessSeen(sock: FakeSocket): Map<number, unknown> {
  const seen = new Map<number, unknown>();
  for (const f of sock.sent) {
    const d = decoding.createDecoder(f);
    if (decoding.readVarUint(d) !== 1) continue;
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(inner);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(inner);
      decoding.readVarUint(inner);
      seen.set(id, JSON.parse(decoding.readVarString(inner)));
    }
  }
  return seen;
}

export const tick = () => new Promise((r) => setImmediate(r));
export async function ticks(n = 5) {
  for (let i = 0; i < n; i++) await tick();
}

export function textUpdate(text: string, clientID?: number): Uint8Array {
  const d = new Y.Doc();
  if (clientID !== undefined) d.clientID = clientID;
  d.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(d);
}
