import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { encodeSyncUpdate } from './protocol.ts';
import type { Room } from './room.ts';

/**
 * Frames between relay instances over `PubSub` (scaled out). A peer frame is
 * `[origin length][origin utf-8][prevSeq varuint][lastSeq varuint][y-websocket message]`: the
 * message is exactly what local sockets got (a merged sync update or an awareness update); the
 * origin lets an instance drop its own frames when the pub/sub echoes them back; and a sync
 * update says which stretch of the room's storage log it carries — the entries after `prevSeq`
 * through `lastSeq` — so a receiver knows when it missed one (R10). Awareness, never stored, says 0, 0.
 */

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** A stretch of one room's storage log: the entries after `prevSeq` through `lastSeq`, none missing. */
export interface LogSpan {
  readonly prevSeq: number;
  readonly lastSeq: number;
}

/** A decoded peer frame. */
export interface PeerFrame {
  origin: string;
  /** The log stretch a sync update carries; null for awareness. */
  span: LogSpan | null;
  message: Uint8Array;
}

/** Wraps a y-websocket message for other instances; `span` for a durable update. */
export function encodePeerFrame(origin: string, message: Uint8Array, span: LogSpan | null = null): Uint8Array {
  const tag = utf8.encode(origin);
  if (tag.length > 255) throw new RangeError('origin tag too long');
  const e = encoding.createEncoder();
  encoding.writeUint8(e, tag.length);
  encoding.writeUint8Array(e, tag);
  encoding.writeVarUint(e, span?.prevSeq ?? 0);
  encoding.writeVarUint(e, span?.lastSeq ?? 0);
  encoding.writeUint8Array(e, message);
  return encoding.toUint8Array(e);
}

/** Unwraps a peer frame; null when it is too short to be one. */
export function decodePeerFrame(data: Uint8Array): PeerFrame | null {
  const tagLength = data[0];
  if (tagLength === undefined || data.length < 1 + tagLength) return null;
  const d = decoding.createDecoder(data.subarray(1 + tagLength));
  let prevSeq: number;
  let lastSeq: number;
  try {
    prevSeq = decoding.readVarUint(d);
    lastSeq = decoding.readVarUint(d);
  } catch {
    return null;
  }
  const span = lastSeq > 0 && lastSeq > prevSeq ? { prevSeq, lastSeq } : null;
  return { origin: utf8Decoder.decode(data.subarray(1, 1 + tagLength)), span, message: decoding.readTailAsUint8Array(d) };
}

/**
 * Applies durable state (from a peer or read back from storage) to a room and fans out what was
 * new to it: the doc, the judge and the room's sockets learn only the part they lacked. Returns
 * that part, or null when the room held all of it. Throws on an update that does not apply.
 */
export function applyDurable(room: Room, update: Uint8Array): Uint8Array | null {
  const changes: Uint8Array[] = [];
  const collect = (u: Uint8Array) => void changes.push(u);
  room.doc.on('update', collect);
  try {
    Y.applyUpdate(room.doc, update, 'peer');
  } finally {
    room.doc.off('update', collect);
  }
  if (changes.length === 0) return null;
  const news = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  room.judge?.absorb(news);
  room.broadcast(encodeSyncUpdate(news));
  return news;
}
