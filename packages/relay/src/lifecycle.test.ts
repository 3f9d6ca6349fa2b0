import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { Room } from './room.ts';
import { BOARD, FACILITATION, setup, testRelay, track } from './test/harness.ts';
import { FakeSocket, MemoryRoomStore, awarenessFrame, awarenessSeen, sleep, step1Frame, textUpdate, tick, ticks, until, updateFrame } from './test/fakes.ts';

afterEach(() => {
  vi.useRealTimers();
});

const timersOnly = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const };

describe('R6 keepalive', () => {
  it('[R6] pings every socket and terminates one that missed a pong, removing its awareness', async () => {
    vi.useFakeTimers({ toFake: [...timersOnly.toFake] });
    const { join, relay } = setup({ pingIntervalMs: 1000 });
    const quiet = join();
    const lively = join(undefined, 'viewer');
    await ticks();
    quiet.conn.receive(awarenessFrame([{ clientId: 7, clock: 1, state: { cursor: 1 } }]));
    await ticks();
    for (let round = 0; round < 3; round++) {
      vi.advanceTimersByTime(1000);
      lively.conn.pong();
    }
    await ticks();
    expect(quiet.socket.pings).toBe(1);
    expect(quiet.socket.terminated).toBe(true);
    expect(lively.socket.pings).toBe(3);
    expect(lively.socket.terminated).toBe(false);
    expect(awarenessSeen(lively.socket).get(7)).toBeNull();
    expect(relay.stats().connections).toBe(1);
  });

  it('[R6] each round also sends an empty awareness frame, so y-websocket clients do not time out a quiet room', async () => {
    vi.useFakeTimers({ toFake: [...timersOnly.toFake] });
    const { join } = setup({ pingIntervalMs: 1000 });
    const c = join();
    await ticks();
    const before = c.socket.sent.length;
    vi.advanceTimersByTime(1000);
    expect(c.socket.sent.length).toBe(before + 1);
    expect(Array.from(c.socket.sent.at(-1)!)).toEqual([1, 1, 0]);
  });
});

describe('R7 lifecycle', () => {
  it('[R7] compacts and unloads an idle board (both rooms together), returning its memory; data survives the reload', async () => {
    const { store, relay, join } = setup({ idleUnloadMs: 20 });
    const w = join();
    const f = join(FACILITATION, 'facilitator');
    await ticks();
    w.conn.receive(updateFrame(textUpdate('remember me', 4)));
    const session = new Y.Doc();
    session.getMap('session').set('agendaStep', 'two');
    f.conn.receive(updateFrame(Y.encodeStateAsUpdate(session)));
    await until(() => store.log.length === 2, 'stored');
    expect(relay.stats().rooms).toBe(2);
    f.conn.closed();
    await sleep(60);
    // The content room still has a connection, so its facilitation room stays too.
    expect(relay.stats().rooms).toBe(2);
    w.conn.closed();
    await until(() => relay.stats().rooms === 0, 'unloaded', 5000);
    expect(relay.stats()).toEqual({ rooms: 0, connections: 0, waiting: 0, pendingBytes: 0, pubsubConnected: null, lagging: 0 });
    expect(store.compactions.sort()).toEqual([BOARD, FACILITATION]);
    expect(store.log).toHaveLength(0);
    const again = join(undefined, 'viewer');
    again.conn.receive(step1Frame(new Y.Doc()));
    await until(() => again.socket.sent.length >= 2, 'reloaded');
    expect(again.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('remember me');
    const fac = new Y.Doc();
    Y.applyUpdate(fac, await relay.getRoomState(FACILITATION));
    expect(fac.getMap('session').get('agendaStep')).toBe('two');
  });

  it('[R7] a connect during the unload waits for it and loads the room afresh', async () => {
    const { store, relay, join } = setup({ idleUnloadMs: 10 });
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('carried over', 6)));
    await until(() => store.log.length === 1, 'stored');
    const release = store.hold('compact');
    w.conn.closed();
    await sleep(30);
    // The unload is under way, held at its compaction.
    expect(store.transactions.filter((t) => t.kind === 'compact')).toHaveLength(0);
    const late = join();
    late.conn.receive(step1Frame(new Y.Doc()));
    await ticks();
    expect(late.socket.sent).toHaveLength(0);
    release();
    await until(() => late.socket.sent.length >= 2, 'greeted after reload');
    expect(late.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('carried over');
    expect(relay.stats()).toMatchObject({ rooms: 2, connections: 1 });
    expect(store.loads.filter((r) => r === BOARD)).toHaveLength(2);
    expect(store.compactions).toContain(BOARD);
  });

  it('[R7] compacts a loaded room once its log passes the threshold', async () => {
    const { store, join, relay } = setup({ compactAfterUpdates: 10 });
    const w = join();
    await ticks();
    for (let i = 0; i < 12; i++) {
      w.conn.receive(updateFrame(textUpdate(`x${i}`, 200 + i)));
      await tick();
    }
    await until(() => store.compactions.includes(BOARD), 'compaction');
    await ticks();
    expect(store.log.length).toBeLessThan(10);
    expect(relay.stats().rooms).toBe(2);
    const d = store.doc(BOARD);
    for (let i = 0; i < 12; i++) expect(d.getText('t').toString()).toContain(`x${i}`);
  });

  it('[R7] a failed compaction keeps the log; the room still unloads and reloads whole', async () => {
    const { store, join, relay } = setup({ idleUnloadMs: 10 });
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('safe in the log', 6)));
    await until(() => store.log.length === 1, 'stored');
    store.before.compact = () => {
      throw new Error('disk full');
    };
    w.conn.closed();
    await until(() => relay.stats().rooms === 0, 'unloaded', 5000);
    expect(store.log).toHaveLength(1);
    delete store.before.compact;
    const v = join(undefined, 'viewer');
    await until(() => v.socket.sent.length > 0, 'greeted');
    v.conn.receive(step1Frame(new Y.Doc()));
    await ticks();
    expect(v.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('safe in the log');
  });

  it('[R7] a room whose durable update fails to apply is evicted with the rooms it governs; they reload from the store', async () => {
    const { store, join, relay } = setup();
    const facilitator = join(FACILITATION, 'facilitator');
    const participant = join();
    await ticks();
    const apply = vi.spyOn(Room.prototype, 'applyAndBroadcast').mockImplementationOnce(() => {
      throw new Error('half-applied');
    });
    facilitator.conn.receive(updateFrame(textUpdate('durable', 7)));
    await until(() => facilitator.socket.closedWith !== null, 'evicted');
    apply.mockRestore();
    expect([facilitator.socket.closedWith, participant.socket.closedWith]).toEqual([CloseCode.InternalError, CloseCode.InternalError]);
    expect(relay.stats().rooms).toBe(0);
    const again = join(FACILITATION, 'viewer');
    again.conn.receive(step1Frame(new Y.Doc()));
    await until(() => again.socket.kinds().some(([t, sub]) => t === 0 && sub === 1), 'reloaded');
    expect(again.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('durable');
    expect(store.doc(FACILITATION).getText('t').toString()).toBe('durable');
  });

  it('[R4][R7] a room whose governing room is evicted while it loads is not served without it', async () => {
    const { store, join, relay } = setup();
    const facilitator = join(FACILITATION, 'facilitator');
    await ticks();
    const release = store.hold('load');
    const participant = join();
    await ticks();
    vi.spyOn(Room.prototype, 'applyAndBroadcast').mockImplementationOnce(() => {
      throw new Error('half-applied');
    });
    facilitator.conn.receive(updateFrame(textUpdate('durable', 7)));
    await until(() => facilitator.socket.closedWith !== null, 'evicted');
    release();
    await until(() => participant.socket.closedWith !== null, 'refused');
    expect(participant.socket.closedWith).toBe(CloseCode.InternalError);
    expect(relay.stats().rooms).toBe(0);
  });
});

describe('R8 shutdown', () => {
  it('[R8] close() refuses new sockets, flushes pending writes, compacts, closes every socket with 1012 and clears its timers', async () => {
    vi.useFakeTimers({ toFake: [...timersOnly.toFake] });
    const store = new MemoryRoomStore();
    const relay = track(testRelay({ rooms: store, idleUnloadMs: 50 }).relay);
    const socketOf = (room: string, role: 'participant' | 'facilitator' = 'participant') => {
      const socket = new FakeSocket();
      return { socket, conn: relay.connect(socket, room, { role }) };
    };
    const w = socketOf(BOARD);
    const idle = socketOf('board-idle-room');
    await ticks();
    idle.conn.closed();
    expect(vi.getTimerCount()).toBeGreaterThan(1);
    w.conn.receive(updateFrame(textUpdate('last words', 3)));
    const closing = relay.close();
    const late = socketOf(BOARD);
    expect(late.socket.closedWith).toBe(CloseCode.ServiceRestart);
    // Frames after close() are ignored: the client resends them on reconnect.
    w.conn.receive(updateFrame(textUpdate('too late', 4)));
    await closing;
    expect(store.doc(BOARD).getText('t').toString()).toBe('last words');
    expect(store.compactions).toContain(BOARD);
    expect(store.log.filter((l) => l.room === BOARD)).toHaveLength(0);
    expect(w.socket.closedWith).toBe(CloseCode.ServiceRestart);
    expect(relay.stats()).toEqual({ rooms: 0, connections: 0, waiting: 0, pendingBytes: 0, pubsubConnected: null, lagging: 0 });
    expect(vi.getTimerCount()).toBe(0);
    await relay.close();
  });

  it('[R8] sockets waiting for a room to load are closed with 1012 too', async () => {
    const { store, join, relay } = setup();
    const release = store.hold('load');
    const waiting = join();
    const closing = relay.close();
    await ticks();
    release();
    await closing;
    expect(waiting.socket.closedWith).toBe(CloseCode.ServiceRestart);
  });
});
