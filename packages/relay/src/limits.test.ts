import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { BOARD, setup } from './test/harness.ts';
import { awarenessFrame, textUpdate, ticks, until, updateFrame } from './test/fakes.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('R5 limits', () => {
  it('[R5] closes a socket that sends a message over the size limit with 1009; the room goes on', async () => {
    const { client, join } = setup({ maxMessageBytes: 1000 });
    const a = client();
    const b = client();
    const big = join();
    await until(() => a.synced && b.synced, 'sync');
    big.conn.receive(updateFrame(textUpdate('x'.repeat(2000), 3)));
    expect(big.socket.closedWith).toBe(CloseCode.MessageTooBig);
    a.doc.getText('t').insert(0, 'still syncing');
    await until(() => b.doc.getText('t').toString() === 'still syncing', 'others keep syncing');
  });

  it('[R5] closes only the socket over the message rate with 1008', async () => {
    const { join, client } = setup({ maxMessagesPerSecond: 5 });
    const spammer = join();
    const a = client();
    const b = client();
    await until(() => a.synced && b.synced, 'sync');
    for (let i = 0; i < 30; i++) spammer.conn.receive(awarenessFrame([]));
    expect(spammer.socket.closedWith).toBe(CloseCode.PolicyViolation);
    a.doc.getText('t').insert(0, 'calm');
    await until(() => b.doc.getText('t').toString() === 'calm', 'others keep syncing');
    expect(a.closes).toEqual([]);
  });

  it('[R5] the rate is a token bucket: bursts to twice the rate, then the sustained rate', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { join } = setup({ maxMessagesPerSecond: 10 });
    const c = join();
    await ticks();
    for (let i = 0; i < 20; i++) c.conn.receive(awarenessFrame([]));
    expect(c.socket.closedWith).toBeNull();
    // Sustained: 10 per second for a few seconds is fine.
    for (let s = 0; s < 3; s++) {
      now += 1000;
      for (let i = 0; i < 10; i++) c.conn.receive(awarenessFrame([]));
      expect(c.socket.closedWith).toBeNull();
    }
    c.conn.receive(awarenessFrame([]));
    expect(c.socket.closedWith).toBe(CloseCode.PolicyViolation);
  });

  it('[R5] closes a socket that sends malformed frames with 1002, each alone, the room goes on', async () => {
    const { join, client, store } = setup();
    const a = client();
    const b = client();
    await until(() => a.synced && b.synced, 'sync');
    const bad = [
      new Uint8Array([]),
      new Uint8Array([0x80]),
      new Uint8Array([42]),
      new Uint8Array([0, 2, 100, 1]),
      updateFrame(new Uint8Array([9, 9, 9])),
      new Uint8Array([1, 3, 1, 1, 1]),
    ];
    const sockets = bad.map((frame) => {
      const s = join();
      s.conn.receive(frame);
      return s;
    });
    await ticks();
    for (const s of sockets) expect(s.socket.closedWith).toBe(CloseCode.ProtocolError);
    expect(store.log).toHaveLength(0);
    a.doc.getText('t').insert(0, 'unbothered');
    await until(() => b.doc.getText('t').toString() === 'unbothered', 'others keep syncing');
  });

  it('[R5] limits apply while the room loads too; held frames are capped', async () => {
    const { join, store, relay } = setup({ maxBufferedBytes: 3000, maxMessageBytes: 2000 });
    const release = store.hold('load');
    const malformed = join();
    malformed.conn.receive(new Uint8Array([42]));
    expect(malformed.socket.closedWith).toBe(CloseCode.ProtocolError);
    const hoarder = join();
    for (let i = 0; i < 3; i++) hoarder.conn.receive(updateFrame(textUpdate('y'.repeat(1500), 10 + i)));
    expect(hoarder.socket.closedWith).toBe(CloseCode.TryAgainLater);
    const fine = join();
    fine.conn.receive(updateFrame(textUpdate('small', 20)));
    expect(relay.stats().pendingBytes).toBeGreaterThan(0);
    release();
    await until(() => store.log.length === 1, 'the fine one stored');
    expect(store.doc(BOARD).getText('t').toString()).toBe('small');
  });
});

describe('R9 backpressure', () => {
  it('[R9] closes a socket whose send buffer is over the bound with 1013 instead of queueing more, and cuts it off if it lingers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { join } = setup({ maxBufferedBytes: 1000 });
    const writer = join();
    const slow = join(undefined, 'viewer');
    const fine = join(undefined, 'viewer');
    await ticks();
    slow.socket.bufferedAmount = 5000;
    const slowBefore = slow.socket.sent.length;
    writer.conn.receive(updateFrame(textUpdate('fan out', 8)));
    await ticks();
    expect(slow.socket.closedWith).toBe(CloseCode.TryAgainLater);
    expect(slow.socket.sent.length).toBe(slowBefore);
    expect(fine.socket.closedWith).toBeNull();
    expect(fine.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('fan out');
    expect(slow.socket.terminated).toBe(false);
    vi.advanceTimersByTime(6000);
    expect(slow.socket.terminated).toBe(true);
  });
});
