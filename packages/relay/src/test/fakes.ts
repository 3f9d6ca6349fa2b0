import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { decodePeerFrame } from '../peers.ts';
import type { PubSub, RelaySocket } from '../types.ts';

export { MemoryRoomStore } from './memoryRoomStore.ts';

/**
 * An in-process socket: records frames, close codes, pings and terminations. `bufferedAmount` can
 * be set to play a slow peer; `onFrame` delivers frames to a client (asynchronously, as a network would).
 */
export class FakeSocket implements RelaySocket {
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  closeReason: string | null = null;
  terminated = false;
  pings = 0;
  bufferedAmount = 0;
  onFrame: ((frame: Uint8Array) => void) | null = null;
  /** Called when the relay closes or terminates the socket (a client reconnects from there). */
  onClose: ((code: number) => void) | null = null;

  send(data: Uint8Array): void {
    if (this.closedWith !== null || this.terminated) throw new Error('send on closed socket');
    this.sent.push(data);
    const deliver = this.onFrame;
    if (deliver) queueMicrotask(() => deliver(data));
  }
  close(code: number, reason: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = code;
    this.closeReason = reason;
    const onClose = this.onClose;
    if (onClose) queueMicrotask(() => onClose(code));
  }
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    const onClose = this.onClose;
    if (onClose && this.closedWith === null) queueMicrotask(() => onClose(1006));
  }
  ping(): void {
    this.pings++;
  }
  /** Message types of received frames. */
  types(): number[] {
    return this.sent.map((f) => decoding.readVarUint(decoding.createDecoder(f)));
  }
  /** [type, sub-type] of each received frame. */
  kinds(): Array<[number, number]> {
    return this.sent.map((f) => {
      const d = decoding.createDecoder(f);
      const t = decoding.readVarUint(d);
      return [t, t === 0 || t === 2 ? decoding.readVarUint(d) : -1];
    });
  }
  /** Applies every sync frame received so far to `doc`. */
  applyTo(doc: Y.Doc): Y.Doc {
    for (const f of this.sent) {
      const d = decoding.createDecoder(f);
      if (decoding.readVarUint(d) !== 0) continue;
      const sub = decoding.readVarUint(d);
      if (sub === 1 || sub === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
    return doc;
  }
}

/** One instance's view of a `MemoryPubSub`, which a test can cut off and restore. */
export interface MemoryPubSubClient extends PubSub {
  /** The connection drops: nothing is delivered to this instance (or sent from it) until `restore`. */
  cut(): void;
  /** The connection is back with its subscriptions. */
  restore(): void;
  /** Loses the next `n` durable-update frames delivered to this instance without telling it (a silent loss). */
  lose(n: number): void;
}

/** A pub/sub between relay instances in one process; delivery is asynchronous, like Redis. */
export class MemoryPubSub {
  private readonly channels = new Map<string, Set<{ onMessage: (data: Uint8Array) => void; gate: { down: boolean; losing: number } }>>();
  published = 0;

  /** A view for one instance (each instance subscribes and publishes through its own). */
  client(): MemoryPubSubClient {
    const gate = { down: false, losing: 0 };
    const listeners = new Set<(connected: boolean) => void>();
    return {
      publish: (room, data) => {
        if (gate.down) return;
        this.published++;
        for (const sub of this.channels.get(room) ?? []) {
          if (sub.gate.down) continue;
          if (sub.gate.losing > 0 && decodePeerFrame(data)?.span) {
            sub.gate.losing--;
            continue;
          }
          setImmediate(() => !sub.gate.down && sub.onMessage(data));
        }
      },
      subscribe: (room, onMessage) => {
        let set = this.channels.get(room);
        if (!set) {
          set = new Set();
          this.channels.set(room, set);
        }
        const sub = { onMessage, gate };
        set.add(sub);
        return () => set.delete(sub);
      },
      onStatus: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: async () => {},
      cut: () => {
        gate.down = true;
        for (const l of listeners) l(false);
      },
      restore: () => {
        gate.down = false;
        for (const l of listeners) l(true);
      },
      lose: (n) => {
        gate.losing += n;
      },
    };
  }

  subscribers(room: string): number {
    return this.channels.get(room)?.size ?? 0;
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

/** Decodes the awareness frames received, in order: clientId -> state (null when removed). */
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

export const tick = () => new Promise<void>((r) => setImmediate(r));
export async function ticks(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await tick();
}
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `cond` every tick until it holds; fails after `maxTicks`. */
export async function until(cond: () => boolean, what = 'condition', maxTicks = 2000): Promise<void> {
  for (let i = 0; i < maxTicks; i++) {
    if (cond()) return;
    await (i < 100 ? tick() : sleep(1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** An update that inserts `text` into the text `t` of a fresh doc with the given client id. */
export function textUpdate(text: string, clientID?: number): Uint8Array {
  const d = new Y.Doc();
  if (clientID !== undefined) d.clientID = clientID;
  d.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(d);
}

/**
 * A corrupt update that `Y.decodeUpdate` accepts but `Y.applyUpdate` throws on (an item pointing
 * at its own client's future), found by seeded mutation of a real update.
 */
export function poisonUpdate(): Uint8Array {
  const gen = prng.create(42);
  const d = new Y.Doc();
  d.clientID = 3;
  d.getText('t').insert(0, 'hello world');
  d.getMap('m').set('k', 1);
  d.getText('t').insert(5, ',');
  const base = Y.encodeStateAsUpdate(d);
  for (let i = 0; i < 100_000; i++) {
    const u = base.slice();
    u[prng.uint32(gen, 0, u.length - 1)] = prng.uint32(gen, 0, 255);
    try {
      Y.decodeUpdate(u);
    } catch {
      continue;
    }
    try {
      Y.applyUpdate(new Y.Doc(), u);
    } catch {
      return u;
    }
  }
  throw new Error('no poison found');
}
