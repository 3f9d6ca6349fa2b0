import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Relay } from './relay.ts';
import { CloseCode } from './closeCodes.ts';
import { FakeSocket, MemoryStorage, awarenessFrame, awarenessSeen, step1Frame, textUpdate, tick, ticks, updateFrame } from './test/fakes.ts';
import type { RelayOptions } from './types.ts';

const relays: Relay[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
});

function setup(opts: Partial<RelayOptions> = {}) {
  const storage = new MemoryStorage();
  const relay = new Relay({ storage, ...opts });
  relays.push(relay);
  const join = (room = 'board-123456', role: 'facilitator' | 'participant' | 'viewer' = 'participant') => {
    const socket = new FakeSocket();
    const conn = relay.connect(socket, room, role);
    return { socket, conn };
  };
  return { storage, relay, join };
}

describe('relay engine', () => {
  it('[R1] buffers frames that arrive while the room loads and answers step 1 from the loaded state', async () => {
    const { storage, join } = setup();
    await storage.appendUpdates([{ room: 'board-123456', update: textUpdate('stored before') }]);
    storage.loadDelayMs = 30;
    const { socket, conn } = join();
    const client = new Y.Doc();
    conn.receive(step1Frame(client));
    conn.receive(updateFrame(textUpdate('sent while loading', 77)));
    expect(socket.sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    await ticks();
    socket.applyTo(client);
    expect(client.getText('t').toString()).toContain('stored before');
    const stored = await storage.doc('board-123456');
    expect(stored.getText('t').toString()).toContain('sent while loading');
  });

  it('[R2] appends every update of a tick, across rooms, in one storage call before broadcasting', async () => {
    const { storage, join } = setup();
    const a = join('board-aaaaaaaa');
    const b = join('board-bbbbbbbb');
    const watchA = join('board-aaaaaaaa', 'viewer');
    await ticks();
    storage.appendCalls.length = 0;
    const before = watchA.socket.sent.length;
    a.conn.receive(updateFrame(textUpdate('one', 1)));
    a.conn.receive(updateFrame(textUpdate('two', 2)));
    b.conn.receive(updateFrame(textUpdate('three', 3)));
    expect(watchA.socket.sent.length).toBe(before);
    await ticks();
    expect(storage.appendCalls).toEqual([3]);
    expect(watchA.socket.sent.length).toBe(before + 1);
  });

  it('[R2] never broadcasts when the append fails; the writer is closed to resync', async () => {
    const { storage, join } = setup();
    const w = join();
    const v = join(undefined, 'viewer');
    await ticks();
    const before = v.socket.sent.length;
    storage.failAppends = true;
    w.conn.receive(updateFrame(textUpdate('lost?', 9)));
    await ticks();
    expect(v.socket.sent.length).toBe(before);
    expect(w.socket.closedWith).toBe(CloseCode.InternalError);
  });

  it('[R3] merges N updates of one tick into one frame per socket, the same bytes for all', async () => {
    const { join } = setup();
    const writer = join();
    const watchers = [join(undefined, 'viewer'), join(undefined, 'viewer'), join(undefined, 'viewer')];
    await ticks();
    const before = watchers.map((w) => w.socket.sent.length);
    for (let i = 0; i < 20; i++) writer.conn.receive(updateFrame(textUpdate(`u${i}`, 100 + i)));
    await ticks();
    const frames = watchers.map((w, i) => w.socket.sent.slice(before[i]));
    for (const f of frames) expect(f).toHaveLength(1);
    expect(frames[1]![0]).toBe(frames[0]![0]);
    const doc = new Y.Doc();
    watchers[0]!.socket.applyTo(doc);
    expect(doc.getText('t').length).toBeGreaterThan(20);
  });

  it('[R4] refuses viewer writes with permission denied, ignores an empty step 2 silently', async () => {
    const { storage, join } = setup();
    const v = join(undefined, 'viewer');
    await ticks();
    v.conn.receive(updateFrame(Y.encodeStateAsUpdate(new Y.Doc()), 1));
    await ticks();
    expect(v.socket.types()).not.toContain(2);
    v.conn.receive(updateFrame(textUpdate('nope', 5)));
    await ticks();
    expect(v.socket.types()).toContain(2);
    expect(storage.log).toHaveLength(0);
  });

  it('[R4] pins awareness client ids to the connection that introduced them', async () => {
    const { join } = setup();
    const a = join();
    const b = join();
    const watcher = join(undefined, 'viewer');
    await ticks();
    a.conn.receive(awarenessFrame([{ clientId: 11, clock: 1, state: { name: 'Ana' } }]));
    await ticks();
    b.conn.receive(awarenessFrame([{ clientId: 11, clock: 5, state: { name: 'Impostor' } }, { clientId: 22, clock: 1, state: { name: 'Bo' } }]));
    await ticks();
    const seen = awarenessSeen(watcher.socket);
    expect(seen.get(11)).toEqual({ name: 'Ana' });
    expect(seen.get(22)).toEqual({ name: 'Bo' });
    a.conn.closed();
    await ticks();
    expect(awarenessSeen(watcher.socket).get(11)).toBeNull();
  });

  it('[R5] closes only the socket over the message rate with 1008', async () => {
    const { join } = setup({ maxMessagesPerSecond: 5 });
    const spammer = join();
    const calm = join();
    await ticks();
    for (let i = 0; i < 30; i++) spammer.conn.receive(awarenessFrame([]));
    expect(spammer.socket.closedWith).toBe(CloseCode.PolicyViolation);
    expect(calm.socket.closedWith).toBeNull();
  });

  it('[R6] pings every socket and terminates one that missed a pong, removing its awareness', async () => {
    const { join } = setup({ pingIntervalMs: 40 });
    const quiet = join();
    const lively = join(undefined, 'viewer');
    await ticks();
    quiet.conn.receive(awarenessFrame([{ clientId: 7, clock: 1, state: { cursor: 1 } }]));
    const keepAnswering = setInterval(() => lively.conn.pong(), 10);
    await new Promise((r) => setTimeout(r, 130));
    clearInterval(keepAnswering);
    await ticks();
    expect(quiet.socket.pings).toBeGreaterThan(0);
    expect(quiet.socket.terminated).toBe(true);
    expect(lively.socket.terminated).toBe(false);
    expect(awarenessSeen(lively.socket).get(7)).toBeNull();
  });

  it('[R7] compacts and unloads an idle room, returning its memory; data survives the reload', async () => {
    const { storage, relay, join } = setup({ idleUnloadMs: 30 });
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('remember me', 4)));
    await ticks();
    expect(relay.stats().rooms).toBe(2); // content + facilitation
    w.conn.closed();
    await new Promise((r) => setTimeout(r, 150));
    expect(relay.stats()).toEqual({ rooms: 0, connections: 0 });
    expect(storage.compactions).toContain('board-123456');
    expect(storage.log.filter((l) => l.room === 'board-123456')).toHaveLength(0);
    const again = join(undefined, 'viewer');
    const doc = new Y.Doc();
    again.conn.receive(step1Frame(doc));
    await new Promise((r) => setTimeout(r, 10));
    await ticks();
    again.socket.applyTo(doc);
    expect(doc.getText('t').toString()).toBe('remember me');
  });

  it('[R7] compacts a loaded room once its log passes the threshold', async () => {
    const { storage, join } = setup({ compactAfterUpdates: 10 });
    const w = join();
    await ticks();
    for (let i = 0; i < 12; i++) {
      w.conn.receive(updateFrame(textUpdate(`x${i}`, 200 + i)));
      await tick();
    }
    await ticks();
    expect(storage.compactions).toContain('board-123456');
  });

  it('[R8] close() refuses new sockets, flushes pending writes and closes every socket with 1012', async () => {
    const { storage, relay, join } = setup();
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('last words', 3)));
    await relay.close();
    expect((await storage.doc('board-123456')).getText('t').toString()).toBe('last words');
    expect(w.socket.closedWith).toBe(CloseCode.ServiceRestart);
    const late = join();
    expect(late.socket.closedWith).toBe(CloseCode.ServiceRestart);
  });

  it('[R9] closes a socket whose send buffer is over the bound with 1013 instead of queueing more', async () => {
    const { join } = setup({ maxBufferedBytes: 1000 });
    const writer = join();
    const slow = join(undefined, 'viewer');
    const fine = join(undefined, 'viewer');
    await ticks();
    slow.socket.bufferedAmount = 5000;
    writer.conn.receive(updateFrame(textUpdate('fan out', 8)));
    await ticks();
    expect(slow.socket.closedWith).toBe(CloseCode.TryAgainLater);
    expect(fine.socket.closedWith).toBeNull();
    expect(fine.socket.types().filter((t) => t === 0).length).toBeGreaterThan(1);
  });
});
