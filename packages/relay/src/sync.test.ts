import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from './closeCodes.ts';
import { BOARD, FACILITATION, setup } from './test/harness.ts';
import { awarenessFrame, poisonUpdate, step1Frame, textUpdate, tick, ticks, until, updateFrame } from './test/fakes.ts';

describe('R1 sync', () => {
  it('[R1] buffers frames that arrive while the room loads, in order, and answers step 1 from the loaded state', async () => {
    const { store, join } = setup();
    await store.appendUpdates([{ room: BOARD, update: textUpdate('stored before', 1) }]);
    const release = store.hold('load');
    const { socket, conn } = join();
    const client = new Y.Doc();
    conn.receive(step1Frame(client));
    conn.receive(updateFrame(textUpdate('sent while loading', 77)));
    conn.receive(awarenessFrame([{ clientId: 77, clock: 1, state: { name: 'early' } }]));
    await ticks();
    expect(socket.sent).toHaveLength(0);
    release();
    await until(() => store.log.length === 2, 'the early update stored');
    // Greeting first (step 1), then the answers in the order the frames came: step 2, then awareness.
    expect(socket.kinds().slice(0, 3)).toEqual([[0, 0], [0, 1], [1, -1]]);
    socket.applyTo(client);
    expect(client.getText('t').toString()).toContain('stored before');
    expect(store.doc(BOARD).getText('t').toString()).toContain('sent while loading');
  });

  it('[R1] concurrent connects to a loading room share one load', async () => {
    const { store, join, relay } = setup();
    const release = store.hold('load');
    const sockets = [join(), join(undefined, 'viewer'), join(), join(FACILITATION, 'facilitator')];
    await ticks();
    expect(relay.stats().waiting).toBe(4);
    release();
    await until(() => sockets.every((s) => s.socket.sent.length > 0), 'every socket greeted');
    expect(store.loads.filter((r) => r === BOARD)).toHaveLength(1);
    expect(store.loads.filter((r) => r === FACILITATION)).toHaveLength(1);
    expect(relay.stats()).toMatchObject({ rooms: 2, connections: 4, waiting: 0 });
  });

  it('[R1] y-websocket-style clients converge, and a late joiner gets everything', async () => {
    const { client } = setup();
    const a = client();
    const b = client();
    await until(() => a.synced && b.synced, 'sync');
    a.doc.getMap('m').set('from', 'a');
    b.doc.getText('t').insert(0, 'hello from b');
    const arr = a.doc.getArray<number>('n');
    for (let i = 0; i < 200; i++) arr.push([i]);
    await until(() => b.doc.getArray('n').length === 200 && a.doc.getText('t').toString() === 'hello from b', 'convergence');
    const late = client(BOARD, 'viewer');
    await until(() => late.synced && late.doc.getArray('n').length === 200, 'late joiner');
    expect(late.doc.getMap('m').get('from')).toBe('a');
    expect(late.denied).toEqual([]);
  });

  it('[R1] greets with step 1 and, when someone is there, the awareness states', async () => {
    const { join } = setup();
    const first = join();
    await ticks();
    expect(first.socket.kinds()).toEqual([[0, 0]]);
    first.conn.receive(awarenessFrame([{ clientId: 5, clock: 1, state: { name: 'Ana' } }]));
    await ticks();
    const second = join(undefined, 'viewer');
    expect(second.socket.kinds()).toEqual([[0, 0], [1, -1]]);
    second.conn.receive(new Uint8Array([3]));
    expect(second.socket.kinds().at(-1)).toEqual([1, -1]);
  });
});

describe('R2 durability', () => {
  it('[R2] appends every update of a tick, across rooms, in one storage call before broadcasting', async () => {
    const { store, join } = setup();
    const a = join('board-aaaaaaaa');
    const b = join('board-bbbbbbbb');
    const watchA = join('board-aaaaaaaa', 'viewer');
    await ticks();
    const before = watchA.socket.sent.length;
    const release = store.hold('append');
    a.conn.receive(updateFrame(textUpdate('one', 1)));
    a.conn.receive(updateFrame(textUpdate('two', 2)));
    b.conn.receive(updateFrame(textUpdate('three', 3)));
    await ticks(10);
    // Not durable yet: nothing sent, and the room's state (what step 1 answers from) lacks it.
    expect(watchA.socket.sent.length).toBe(before);
    const probe = join('board-aaaaaaaa', 'viewer');
    probe.conn.receive(step1Frame(new Y.Doc()));
    expect(probe.socket.applyTo(new Y.Doc()).getText('t').toString()).toBe('');
    release();
    await until(() => watchA.socket.sent.length > before, 'broadcast');
    expect(store.appendCalls).toEqual([3]);
    expect(store.transactions[0]).toMatchObject({ rooms: ['board-aaaaaaaa', 'board-aaaaaaaa', 'board-bbbbbbbb'] });
    expect(watchA.socket.sent.length).toBe(before + 1);
  });

  it('[R2][R11] never broadcasts when the append fails; the writers are closed with 4503 (storage unavailable) to resend', async () => {
    const { store, join, relay } = setup();
    const w = join();
    const v = join(undefined, 'viewer');
    await ticks();
    const before = v.socket.sent.length;
    store.failAppends = true;
    w.conn.receive(updateFrame(textUpdate('lost?', 9)));
    await ticks();
    expect(v.socket.sent.length).toBe(before);
    expect(w.socket.closedWith).toBe(CloseCode.StorageUnavailable);
    expect(v.socket.closedWith).toBeNull();
    expect(await relay.getRoomState(BOARD)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
    // Storage comes back; the engine carries on.
    store.failAppends = false;
    const w2 = join();
    w2.conn.receive(updateFrame(textUpdate('kept', 10)));
    await until(() => v.socket.sent.length > before, 'broadcast after recovery');
    expect(store.doc(BOARD).getText('t').toString()).toBe('kept');
  });

  it('[R2] an update that would poison the log never reaches storage', async () => {
    const { store, join } = setup();
    const bad = join();
    const good = join(undefined, 'viewer');
    await ticks();
    const poison = poisonUpdate();
    expect(() => Y.decodeUpdate(poison)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), poison)).toThrow();
    bad.conn.receive(updateFrame(poison));
    await ticks();
    expect(bad.socket.closedWith).toBe(CloseCode.ProtocolError);
    expect(store.log).toHaveLength(0);
    expect(good.socket.closedWith).toBeNull();
  });

  it('[R2] getRoomState waits for queued writes and reads unloaded rooms from storage without loading them', async () => {
    const { store, join, relay } = setup();
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('snap', 4)));
    const state = await relay.getRoomState(BOARD);
    const d = new Y.Doc();
    Y.applyUpdate(d, state);
    expect(d.getText('t').toString()).toBe('snap');
    await store.appendUpdates([{ room: 'board-elsewhere', update: textUpdate('cold', 5) }]);
    const cold = new Y.Doc();
    Y.applyUpdate(cold, await relay.getRoomState('board-elsewhere'));
    expect(cold.getText('t').toString()).toBe('cold');
    expect(relay.stats().rooms).toBe(2);
  });
});

describe('reading a room in place', () => {
  it('[R2] readRoom hands over the durable doc itself once queued writes are stored, and a stored doc for unloaded rooms', async () => {
    const { store, join, relay } = setup();
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('live', 4)));
    expect(await relay.readRoom(BOARD, (doc) => doc.getText('t').toString())).toBe('live');
    await store.appendUpdates([{ room: 'board-elsewhere', update: textUpdate('cold', 5) }]);
    expect(await relay.readRoom('board-elsewhere', (doc) => doc.getText('t').toString())).toBe('cold');
    expect(relay.stats().rooms).toBe(2);
  });

  it('evicts a room a read wrote to (the write was never stored) and rejects', async () => {
    const { join, relay } = setup();
    const w = join();
    await ticks();
    w.conn.receive(updateFrame(textUpdate('kept', 4)));
    await expect(relay.readRoom(BOARD, (doc) => doc.getText('t').insert(0, 'sneaky '))).rejects.toThrow(/changed it/);
    expect(w.socket.closedWith).toBe(CloseCode.InternalError);
    expect(await relay.readRoom(BOARD, (doc) => doc.getText('t').toString())).toBe('kept');
  });
});

describe('R3 batching', () => {
  it('[R3] merges N updates of one tick into one frame per socket, the same bytes for all', async () => {
    const { join, store } = setup();
    const writer = join();
    const watchers = [join(undefined, 'viewer'), join(undefined, 'viewer'), join(undefined, 'viewer')];
    await ticks();
    const before = watchers.map((w) => w.socket.sent.length);
    const writerBefore = writer.socket.sent.length;
    for (let i = 0; i < 20; i++) writer.conn.receive(updateFrame(textUpdate(`u${i}`, 100 + i)));
    await until(() => store.log.length === 20, 'append');
    await tick();
    const frames = watchers.map((w, i) => w.socket.sent.slice(before[i]));
    for (const f of frames) expect(f).toHaveLength(1);
    expect(frames[1]![0]).toBe(frames[0]![0]);
    expect(frames[2]![0]).toBe(frames[0]![0]);
    // The sole writer has its updates already and is not sent them back.
    expect(writer.socket.sent.length).toBe(writerBefore);
    const doc = watchers[0]!.socket.applyTo(new Y.Doc());
    expect(doc.getText('t').length).toBeGreaterThan(20);
  });

  it('[R3] with several writers in a tick, each gets the one merged frame', async () => {
    const { join, store } = setup();
    const a = join();
    const b = join();
    await ticks();
    const ba = a.socket.sent.length;
    a.conn.receive(updateFrame(textUpdate('from a', 1)));
    b.conn.receive(updateFrame(textUpdate('from b', 2)));
    await until(() => store.log.length === 2, 'append');
    await tick();
    expect(a.socket.sent.length - ba).toBe(1);
    expect(b.socket.sent.at(-1)).toBe(a.socket.sent.at(-1));
  });

  it('[R3] the merged frame of a tick is what its updates changed: a watcher ends equal to the room, and a tick that changed nothing sends nothing', async () => {
    const { join, store } = setup();
    const a = join();
    const b = join();
    const watcher = join(undefined, 'viewer');
    await ticks();
    const known = textUpdate('known', 5);
    a.conn.receive(updateFrame(known));
    await until(() => store.log.length === 1, 'append');
    await tick();
    const before = watcher.socket.sent.length;
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).conn.receive(updateFrame(textUpdate(`n${i}`, 20 + i)));
    await until(() => store.log.length === 11, 'append');
    await tick();
    expect(watcher.socket.sent.length - before).toBe(1);
    const doc = watcher.socket.applyTo(new Y.Doc());
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(store.doc(BOARD)));
    expect(doc.getText('t').toString()).toBe(store.doc(BOARD).getText('t').toString());
    // Both send an update the room already has, in one tick: stored (the log is what was sent), no frame.
    const quiet = watcher.socket.sent.length;
    a.conn.receive(updateFrame(known));
    b.conn.receive(updateFrame(known));
    await until(() => store.log.length >= 11, 'settled');
    await ticks();
    expect(watcher.socket.sent.length).toBe(quiet);
  });

  it('[R3] batches grow while storage is slow: one append for everything that queued meanwhile', async () => {
    const { join, store } = setup();
    const w = join();
    const v = join(undefined, 'viewer');
    await ticks();
    const release = store.hold('append');
    w.conn.receive(updateFrame(textUpdate('first', 1)));
    await ticks();
    for (let i = 0; i < 5; i++) {
      w.conn.receive(updateFrame(textUpdate(`later${i}`, 10 + i)));
      await tick();
    }
    const before = v.socket.sent.length;
    release();
    await until(() => store.log.length === 6, 'all stored');
    await ticks();
    expect(store.appendCalls).toEqual([1, 5]);
    expect(v.socket.sent.length - before).toBe(2);
  });
});
