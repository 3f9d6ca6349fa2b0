import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { connectClient, startServer, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { getCell, setCell } from './test/cells.ts';
import { rawClient, updateFrame } from './test/protocol.ts';

const MAX = 64 * 1024;
let s: RunningServer;
let board: { id: string; tokens: { facilitator: string; participant: string; viewer: string } };

beforeAll(async () => {
  s = await startServer({ relay: { maxMessageBytes: MAX } });
  board = await s.createBoard();
});
afterAll(async () => {
  await s.stop();
});

function varuints(...values: number[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const v of values) encoding.writeVarUint(e, v);
  return encoding.toUint8Array(e);
}

/** Deterministic pseudo-random bytes (mulberry32) so a failure can be replayed. */
function randomBytes(seed: number, n: number): Uint8Array {
  let a = seed;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const hostileFrames: Array<[string, Uint8Array, number]> = [
  ['an empty frame', new Uint8Array(0), 1002],
  ['a truncated varint', new Uint8Array([0x80]), 1002],
  ['a sync message without a sub-type', varuints(0), 1002],
  ['an unknown sync sub-type', varuints(0, 9), 1002],
  ['an unknown message type', varuints(42), 1002],
  ['a huge declared length', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]), 1002],
  ['an update that is not a Yjs update', updateFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])), 1002],
  ['an awareness message with garbage', new Uint8Array([1, 5, 1, 200, 200, 200, 200]), 1002],
  ['random bytes', randomBytes(7, 300), 1002],
  ['a frame over the size limit', new Uint8Array(MAX + 1024), 1009],
];

describe('[R5] hostile input closes only the offending socket', () => {
  it.each(hostileFrames)('[R5] %s → close %i, room goes on', async (_name, frame, expected) => {
    const a = connectClient(s.ws, board.id, board.tokens.participant);
    const b = connectClient(s.ws, board.id, board.tokens.participant);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);

    const attacker = await rawClient(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    attacker.ws.send(frame);
    const code = await attacker.closed;
    expect(code).toBe(expected);

    const key = `k${Math.random().toString(36).slice(2)}`;
    setCell(a.doc, key, 'still syncing');
    await waitFor(() => getCell(b.doc, key) === 'still syncing', 'sync after hostile frame');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    const health = await fetch(`${s.http}/healthz`);
    expect(health.status).toBe(200);
    a.provider.destroy();
    b.provider.destroy();
  });

  it('[R5] random frames from a seeded generator never take the process down', async () => {
    const watcher = connectClient(s.ws, board.id, board.tokens.participant);
    await waitSynced(watcher.provider);
    for (let seed = 1; seed <= 25; seed++) {
      const attacker = await rawClient(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
      attacker.ws.send(randomBytes(seed, 1 + (seed * 37) % 500));
      const code = await Promise.race([attacker.closed, new Promise<number>((r) => setTimeout(() => r(-1), 300))]);
      // Random bytes may happen to form a valid message (kept open) — but never crash the server.
      expect([1002, 1009, -1]).toContain(code);
      attacker.ws.terminate();
    }
    const writer = connectClient(s.ws, board.id, board.tokens.participant);
    await waitSynced(writer.provider);
    setCell(writer.doc, 'after-fuzz', 1);
    await waitFor(() => getCell(watcher.doc, 'after-fuzz') === 1, 'sync after fuzz');
    writer.provider.destroy();
    watcher.provider.destroy();
  });
});
