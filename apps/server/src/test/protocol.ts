import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type WebSocket from 'ws';
import { rawSocket, waitFor } from './helpers.ts';

/** y-websocket frame carrying one Yjs update (message 0, sync update). */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** A raw protocol client: sends hand-made frames and records what it receives, message type first. */
export interface RawClient {
  ws: WebSocket;
  received: Uint8Array[];
  /** Message types received so far (0 sync, 1 awareness, 2 auth, 3 query). */
  types(): number[];
  closed: Promise<number>;
}

export async function rawClient(url: string): Promise<RawClient> {
  const ws = await rawSocket(url);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return {
    ws,
    received,
    types: () => received.map((m) => decoding.readVarUint(decoding.createDecoder(m))),
    closed,
  };
}

/** Waits until the client got a permission-denied auth message (type 2). */
export async function waitDenied(c: RawClient): Promise<void> {
  await waitFor(() => c.types().includes(2), 'permission denied');
}

