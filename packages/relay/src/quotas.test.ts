import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { CloseCode, Refusal, refusalQuota } from './closeCodes.ts';
import { BOARD, FACILITATION, setup } from './test/harness.ts';
import * as Y from 'yjs';
import { awarenessFrame, awarenessSeen, sleep, step1Frame, textUpdate, ticks, until, updateFrame, type FakeSocket } from './test/fakes.ts';

/** Reasons of the permission-denied messages a socket received. */
function denials(socket: FakeSocket): string[] {
  return socket.sent.flatMap((f) => {
    const d = decoding.createDecoder(f);
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return [];
    return [decoding.readVarString(d)];
  });
}

describe('quotas: room size', () => {
  it('[R5] refuses writes past maxRoomBytes with "room full", keeps what is stored, and lets small writes in while there is room', async () => {
    const { join, client, store } = setup({ maxRoomBytes: 3000 });
    const watcher = client(BOARD, 'viewer');
    const writer = join();
    await until(() => watcher.synced, 'sync');
    writer.conn.receive(updateFrame(textUpdate('a'.repeat(2000), 11)));
    await until(() => store.log.length === 1, 'first write stored');
    writer.conn.receive(updateFrame(textUpdate('b'.repeat(1500), 12)));
    await ticks();
    const [reason] = denials(writer.socket);
    expect(refusalQuota(reason ?? '')).toBe(Refusal.RoomFull);
    expect(reason).toMatch(/limit is 0\.0 MiB/);
    writer.conn.receive(updateFrame(textUpdate('small', 13)));
    await until(() => store.log.length === 2, 'a write that fits is stored');
    await until(() => watcher.doc.getText('t').length === 2005, 'watcher sees what was stored');
    expect(watcher.doc.getText('t').toString()).not.toContain('b');
    expect(store.doc(BOARD).getText('t').toString()).toContain('a'.repeat(2000));
    expect(writer.socket.closedWith).toBeNull();
  });
});

describe('quotas: bytes per second', () => {
  it('[R5] closes a socket past maxBytesPerSecond with 4429; what it sent before is stored, the room goes on', async () => {
    const { join, client, store } = setup({ maxBytesPerSecond: 1000, maxMessageBytes: 2000 });
    const a = client();
    const b = client();
    const flood = join();
    await until(() => a.synced && b.synced, 'sync');
    // The bucket holds max(2 x 1000, 2000) bytes: two 900-byte frames pass, the third does not.
    for (let i = 0; i < 3; i++) flood.conn.receive(updateFrame(textUpdate(String(i).repeat(880), 20 + i)));
    expect(flood.socket.closedWith).toBe(CloseCode.TooMuchData);
    await until(() => store.log.length === 2, 'the two within the quota stored');
    a.doc.getText('other').insert(0, 'still here');
    await until(() => b.doc.getText('other').toString() === 'still here', 'others keep syncing');
  });
});

describe('quotas: awareness', () => {
  const big = (n: number) => ({ user: { name: 'x'.repeat(n) } });

  it('[R5] a state past maxAwarenessBytes is not shown; its sender is told once; a small one is shown', async () => {
    const { join, client } = setup({ maxAwarenessBytes: 1000 });
    const watcher = client(BOARD, 'viewer');
    const sender = join(BOARD, 'viewer');
    await until(() => watcher.synced, 'sync');
    sender.conn.receive(awarenessFrame([{ clientId: 77, clock: 1, state: big(1500) }]));
    sender.conn.receive(awarenessFrame([{ clientId: 77, clock: 2, state: big(1600) }]));
    // Far past the quota: refused before it is parsed.
    sender.conn.receive(awarenessFrame([{ clientId: 77, clock: 3, state: big(50_000) }]));
    await ticks();
    expect(watcher.awareness.getStates().has(77)).toBe(false);
    expect(denials(sender.socket).map(refusalQuota)).toEqual([Refusal.AwarenessTooLarge]);
    sender.conn.receive(awarenessFrame([{ clientId: 77, clock: 4, state: big(10) }]));
    await until(() => watcher.awareness.getStates().has(77), 'small state shown');
    expect(sender.socket.closedWith).toBeNull();
  });

  it('[R5] oversized awareness sent on and on counts against maxBytesPerSecond: the socket is closed with 4429', async () => {
    const { join } = setup({ maxAwarenessBytes: 1000, maxBytesPerSecond: 10_000, maxMessageBytes: 20_000 });
    const sender = join(BOARD, 'viewer');
    await ticks();
    for (let clock = 1; clock <= 3 && sender.socket.closedWith === null; clock++) sender.conn.receive(awarenessFrame([{ clientId: 7, clock, state: big(15_000) }]));
    expect(sender.socket.closedWith).toBe(CloseCode.TooMuchData);
  });

  it('[R5] counts every client id of a connection together', async () => {
    const { join } = setup({ maxAwarenessBytes: 1000 });
    const watcher = join(BOARD, 'viewer');
    const sender = join(BOARD, 'viewer');
    await ticks();
    sender.conn.receive(awarenessFrame([{ clientId: 1, clock: 1, state: big(600) }]));
    sender.conn.receive(awarenessFrame([{ clientId: 2, clock: 1, state: big(600) }]));
    await ticks();
    expect([...awarenessSeen(watcher.socket).keys()]).toEqual([1]);
    // Leaving frees the quota.
    sender.conn.receive(awarenessFrame([{ clientId: 1, clock: 2, state: null }]));
    sender.conn.receive(awarenessFrame([{ clientId: 2, clock: 2, state: big(600) }]));
    await ticks();
    expect(awarenessSeen(watcher.socket).get(2)).toEqual(big(600));
  });

  it('[R5] awareness past maxAwarenessPerSecond is held, and the latest state still arrives', async () => {
    const { join } = setup({ maxAwarenessPerSecond: 5 });
    const watcher = join(BOARD, 'viewer');
    const sender = join(BOARD, 'viewer');
    await ticks();
    const before = watcher.socket.sent.length;
    for (let clock = 1; clock <= 40; clock++) sender.conn.receive(awarenessFrame([{ clientId: 5, clock, state: { n: clock } }]));
    await ticks();
    // A burst of twice the rate goes through; the rest waits.
    expect(watcher.socket.sent.length - before).toBeLessThanOrEqual(10);
    expect(awarenessSeen(watcher.socket).get(5)).not.toEqual({ n: 40 });
    await sleep(300);
    await until(() => (awarenessSeen(watcher.socket).get(5) as { n: number } | undefined)?.n === 40, 'latest state delivered');
    expect(sender.socket.closedWith).toBeNull();
  });

  it('[R5] query-awareness is answered at most once per queryAwarenessIntervalMs', async () => {
    const { join } = setup({ queryAwarenessIntervalMs: 10_000 });
    const other = join(BOARD, 'viewer');
    other.conn.receive(awarenessFrame([{ clientId: 9, clock: 1, state: { user: { name: 'someone' } } }]));
    const asker = join(BOARD, 'viewer');
    await ticks();
    const before = asker.socket.types().filter((t) => t === 1).length;
    for (let i = 0; i < 5; i++) asker.conn.receive(new Uint8Array([3]));
    await ticks();
    expect(asker.socket.types().filter((t) => t === 1).length - before).toBe(1);
  });

  it('[R5] sync step 1 is answered at most once per syncStep1IntervalMs; one sent sooner is answered later, not dropped', async () => {
    const { join } = setup({ syncStep1IntervalMs: 300 });
    const asker = join(BOARD, 'viewer');
    await ticks();
    const answers = () => asker.socket.sent.filter((f) => f[0] === 0 && f[1] === 1).length;
    const before = answers();
    // A flood of step 1s (each answered with what the room holds and the sender lacks: all of it).
    for (let i = 0; i < 50; i++) asker.conn.receive(step1Frame(new Y.Doc()));
    await ticks();
    expect(answers() - before).toBe(1);
    await sleep(400);
    expect(answers() - before).toBe(2);
  });
});

describe('closing rooms and connections (link reset, board deletion)', () => {
  it('closeConnections closes only the connections whose principal is picked', async () => {
    const { relay, client } = setup();
    const p = client(BOARD, 'participant');
    const v = client(BOARD, 'viewer');
    const f = client(FACILITATION, 'participant');
    await until(() => p.synced && v.synced && f.synced, 'sync');
    expect(relay.closeConnections([BOARD, FACILITATION], (who) => who.role === 'participant', CloseCode.LinkReset, 'link reset')).toBe(2);
    await ticks();
    expect(p.closes).toEqual([CloseCode.LinkReset]);
    expect(f.closes).toEqual([CloseCode.LinkReset]);
    expect(v.closes).toEqual([]);
  });

  it('closeRooms closes every socket with its code, unloads without compacting, and refuses connects to those rooms', async () => {
    const { relay, client, join, store } = setup();
    const a = client(BOARD);
    const w = client(FACILITATION, 'facilitator');
    await until(() => a.synced && w.synced, 'sync');
    a.doc.getText('t').insert(0, 'last words');
    await until(() => store.log.length === 1, 'stored');
    await relay.closeRooms([BOARD, FACILITATION], CloseCode.BoardDeleted, 'board deleted');
    await ticks();
    expect(a.closes).toEqual([CloseCode.BoardDeleted]);
    expect(w.closes).toEqual([CloseCode.BoardDeleted]);
    expect(relay.stats().rooms).toBe(0);
    expect(store.compactions).toEqual([]);
    const late = join(BOARD);
    expect(late.socket.closedWith).toBe(CloseCode.BoardDeleted);
    await expect(relay.changeRoom(BOARD, (d) => void d.getText('t').insert(0, 'x'))).rejects.toThrow(/closed/);
  });
});
