import * as Y from 'yjs';
import { encodeAwarenessMessage, parseMessage } from './protocol.ts';
import type { Room } from './room.ts';

/**
 * Frames between relay instances over `PubSub` (scaled out). A peer frame is
 * `[origin length][origin utf-8][y-websocket message]`: the message is exactly what local sockets
 * got (a merged sync update or an awareness update), and the origin lets an instance drop its own
 * frames when the pub/sub echoes them back.
 */

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Wraps a y-websocket message for other instances. */
export function encodePeerFrame(origin: string, message: Uint8Array): Uint8Array {
  const tag = utf8.encode(origin);
  if (tag.length > 255) throw new RangeError('origin tag too long');
  const out = new Uint8Array(1 + tag.length + message.length);
  out[0] = tag.length;
  out.set(tag, 1);
  out.set(message, 1 + tag.length);
  return out;
}

/** Unwraps a peer frame; null when it is too short to be one. */
export function decodePeerFrame(data: Uint8Array): { origin: string; message: Uint8Array } | null {
  const tagLength = data[0];
  if (tagLength === undefined || data.length < 1 + tagLength) return null;
  return { origin: utf8Decoder.decode(data.subarray(1, 1 + tagLength)), message: data.subarray(1 + tagLength) };
}

/**
 * Applies a frame another instance published for `room` and fans it out locally. Its origin
 * already stored the update, so nothing is written here; the room's doc still holds only durable
 * state. Our own echoes are dropped. Throws on a frame that does not parse.
 */
export function applyPeerFrame(room: Room, data: Uint8Array, self: string): void {
  const peer = decodePeerFrame(data);
  if (!peer || peer.origin === self) return;
  const msg = parseMessage(peer.message);
  if (msg.kind === 'write') {
    Y.applyUpdate(room.doc, msg.update, 'peer');
    room.judge?.absorb(msg.update);
    room.broadcast(peer.message);
  } else if (msg.kind === 'awareness') {
    const kept = room.applyPeerAwareness(msg.entries);
    if (kept.length > 0) room.broadcast(encodeAwarenessMessage(kept));
  }
}
