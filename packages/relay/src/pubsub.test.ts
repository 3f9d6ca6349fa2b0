import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Relay } from './relay.ts';
import { TestClient } from './test/client.ts';
import { BOARD, testRelay, track, type TestPrincipal } from './test/harness.ts';
import { MemoryPubSub, MemoryRoomStore, ticks, until } from './test/fakes.ts';

function twoInstances(opts: { compactAfterUpdates?: number } = {}) {
  const store = new MemoryRoomStore();
  const bus = new MemoryPubSub();
  const a = track(testRelay({ rooms: store, pubsub: bus.client(), ...opts }).relay);
  const b = track(testRelay({ rooms: store, pubsub: bus.client(), ...opts }).relay);
  const client = (relay: Relay<TestPrincipal>, role: 'participant' | 'viewer' = 'participant') => {
    const c = track(new TestClient(BOARD, role));
    c.connect(relay);
    return c;
  };
  return { store, bus, a, b, client };
}

describe('pub/sub between instances', () => {
  it('clients on two instances over one storage converge; each update is stored once, by the instance that took it', async () => {
    const { store, a, b, client } = twoInstances();
    const onA = client(a);
    const onB = client(b);
    await until(() => onA.synced && onB.synced, 'sync');
    onA.doc.getText('t').insert(0, 'from A');
    onB.doc.getMap('m').set('from', 'B');
    await until(() => onB.doc.getText('t').toString() === 'from A' && onA.doc.getMap('m').get('from') === 'B', 'cross-instance sync');
    expect(store.log).toHaveLength(2);
    expect(new Set(store.log.map((l) => l.room))).toEqual(new Set([BOARD]));
    // A late joiner on B gets A's edit from B's doc.
    const late = client(b, 'viewer');
    await until(() => late.synced, 'late sync');
    expect(late.doc.getText('t').toString()).toBe('from A');
  });

  it('awareness crosses instances and its removal too', async () => {
    const { a, b, client } = twoInstances();
    const onA = client(a);
    const onB = client(b, 'viewer');
    await until(() => onA.synced && onB.synced, 'sync');
    onA.awareness.setLocalState({ name: 'Ana' });
    await until(() => (onB.awareness.getStates().get(onA.doc.clientID) as { name?: string } | undefined)?.name === 'Ana', 'remote cursor');
    onA.disconnect();
    await until(() => !onB.awareness.getStates().has(onA.doc.clientID), 'remote cursor removed');
  });

  it('an instance that loads a room while another writes to it misses nothing', async () => {
    const { store, a, b, client } = twoInstances();
    const writer = client(a);
    await until(() => writer.synced, 'sync');
    // B has read the room from storage but not yet finished loading it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let read = false;
    store.afterRead.load = (room) => {
      if (room !== BOARD) return;
      read = true;
      return gate;
    };
    const reader = client(b, 'viewer');
    await until(() => read, 'B read storage');
    writer.doc.getText('t').insert(0, 'written during the load');
    await until(() => store.log.length === 1, 'stored');
    // Let the pub/sub deliver A's frame to B while B is still loading.
    await ticks(3);
    release();
    await until(() => reader.synced && reader.doc.getText('t').toString() === 'written during the load', 'reader has it');
  });

  it('[R7] compaction on one instance keeps what another instance stored but has not yet relayed', async () => {
    const { store, a, client } = twoInstances({ compactAfterUpdates: 3 });
    const onA = client(a);
    await until(() => onA.synced, 'sync');
    // An instance that is not running here stored an update; A never heard of it.
    const foreign = new Y.Doc();
    foreign.getMap('m').set('foreign', true);
    await store.appendUpdates([{ room: BOARD, update: Y.encodeStateAsUpdate(foreign) }]);
    for (let i = 0; i < 4; i++) {
      onA.doc.getArray('n').push([i]);
      await ticks();
    }
    await until(() => store.compactions.includes(BOARD), 'compaction');
    await ticks();
    expect(store.doc(BOARD).getMap('m').get('foreign')).toBe(true);
    expect(store.doc(BOARD).getArray('n').length).toBe(4);
  });

  it('[R2] getRoomState of a loaded room also holds what another instance stored but has not yet relayed', async () => {
    const { store, a, client } = twoInstances();
    const onA = client(a);
    await until(() => onA.synced, 'sync');
    onA.doc.getMap('m').set('local', true);
    await until(() => store.log.length === 1, 'stored');
    const foreign = new Y.Doc();
    foreign.getMap('m').set('foreign', true);
    await store.appendUpdates([{ room: BOARD, update: Y.encodeStateAsUpdate(foreign) }]);
    const state = new Y.Doc();
    Y.applyUpdate(state, await a.getRoomState(BOARD));
    expect(state.getMap('m').toJSON()).toEqual({ local: true, foreign: true });
  });
});
