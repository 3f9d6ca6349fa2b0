import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { TestClient } from './test/client.ts';
import { BOARD, FACILITATION, testRelay, track, type TestRole } from './test/harness.ts';
import { FakeSocket, MemoryRoomStore, awarenessSeen, sleep, ticks, until } from './test/fakes.ts';

const SEEDS = [1, 7, 99, 2026, 31337, 424242];
const STEPS = 1500;

/** The doc's content with map keys sorted, so equal docs compare equal as strings. */
const sorted = (m: Y.Map<unknown>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
const content = (doc: Y.Doc) =>
  JSON.stringify({
    t: doc.getText('t').toString(),
    m: sorted(doc.getMap('m')),
    a: doc.getArray('a').toJSON(),
    session: sorted(doc.getMap('session')),
  });

function randomEdit(gen: prng.PRNG, c: TestClient): void {
  const doc = c.doc;
  if (c.room === FACILITATION) {
    doc.getMap('session').set(prng.oneOf(gen, ['agendaStep', 'timer', 'focus']), prng.uint32(gen, 0, 100));
    return;
  }
  const text = doc.getText('t');
  const arr = doc.getArray<unknown>('a');
  switch (prng.uint32(gen, 0, 5)) {
    case 0:
    case 1:
      text.insert(prng.uint32(gen, 0, text.length), prng.word(gen, 1, 6));
      break;
    case 2:
      if (text.length > 0) {
        const at = prng.uint32(gen, 0, text.length - 1);
        text.delete(at, prng.uint32(gen, 1, Math.min(4, text.length - at)));
      }
      break;
    case 3:
      doc.getMap('m').set(prng.oneOf(gen, ['a', 'b', 'c', 'd']), prng.uint32(gen, 0, 1000));
      break;
    case 4:
      arr.insert(prng.uint32(gen, 0, arr.length), [prng.word(gen, 1, 3)]);
      break;
    case 5:
      if (arr.length > 0) arr.delete(prng.uint32(gen, 0, arr.length - 1), 1);
      break;
  }
}

/**
 * Many y-websocket-style clients against the engine: random edits online and offline, random
 * disconnects and reconnects (resync by step 1 / step 2), awareness churn, tiny compaction and
 * idle-unload thresholds, slow store, and relay restarts over the same storage. At the end every
 * client, the room and storage hold the same state, and awareness lists exactly who is connected.
 */
describe('convergence', () => {
  it.each(SEEDS)('[R1][R2][R3][R7][R8] seeded fuzz, seed %i: every client and storage end identical', async (seed) => {
    const gen = prng.create(seed);
    const delays = prng.create(seed + 1);
    const store = new MemoryRoomStore();
    store.before.append = () => (prng.bool(delays) ? ticks(prng.uint32(delays, 1, 3)) : undefined);
    store.before.load = () => (prng.bool(delays) ? ticks(prng.uint32(delays, 1, 3)) : undefined);
    const newRelay = () => track(testRelay({ rooms: store, compactAfterUpdates: 7, idleUnloadMs: 2, pingIntervalMs: 60_000 }).relay);
    let relay = newRelay();
    const roles: Array<[string, TestRole]> = [
      [BOARD, 'participant'],
      [BOARD, 'participant'],
      [BOARD, 'participant'],
      [BOARD, 'participant'],
      [BOARD, 'participant'],
      [BOARD, 'facilitator'],
      [BOARD, 'viewer'],
      [FACILITATION, 'facilitator'],
      [FACILITATION, 'facilitator'],
      [FACILITATION, 'viewer'],
    ];
    const clients = roles.map(([room, role], i) => track(new TestClient(room, role, 1000 + i)));
    for (const c of clients) c.connect(relay);
    let restarts = 0;
    let unloads = 0;

    for (let step = 0; step < STEPS; step++) {
      const c = prng.oneOf(gen, clients);
      const roll = prng.uint32(gen, 0, 99);
      if (roll < 55) {
        if (c.role !== 'viewer') randomEdit(gen, c);
      } else if (roll < 62) {
        c.awareness.setLocalStateField('cursor', prng.uint32(gen, 0, 500));
      } else if (roll < 70) {
        c.disconnect();
      } else if (roll < 80) {
        if (!c.connected) c.connect(relay);
      } else if (roll < 97) {
        await ticks(prng.uint32(gen, 1, 4));
      } else if (roll < 99) {
        // Everyone leaves for a moment: the rooms compact and unload.
        for (const x of clients) x.disconnect();
        await sleep(15);
        if (relay.stats().rooms === 0) unloads++;
      } else {
        await relay.close();
        relay = newRelay();
        restarts++;
      }
    }

    for (const c of clients) if (!c.connected) c.connect(relay);
    const stored = (room: string) => store.doc(room);
    await until(
      () =>
        clients.every((c) => c.synced) &&
        clients.every((c) => {
          const want = stored(c.room);
          return content(c.doc) === content(want) && Y.encodeStateVector(c.doc).join() === Y.encodeStateVector(want).join();
        }),
      'convergence',
      5000,
    );
    for (const room of [BOARD, FACILITATION]) {
      const members = clients.filter((c) => c.room === room);
      const want = content(stored(room));
      for (const c of members) expect(content(c.doc)).toEqual(want);
      const live = new Y.Doc();
      Y.applyUpdate(live, await relay.getRoomState(room));
      expect(content(live)).toEqual(want);
      // Awareness: exactly the connected clients, each owned by its own connection.
      const probe = new FakeSocket();
      const conn = relay.connect(probe, room, { role: 'viewer' });
      await until(() => probe.sent.length > 0, 'probe greeted');
      conn.receive(new Uint8Array([3]));
      const present = [...awarenessSeen(probe)].filter(([, state]) => state !== null).map(([id]) => id);
      expect(present.sort()).toEqual(members.map((c) => c.doc.clientID).sort());
      conn.closed();
    }
    expect(stored(BOARD).getText('t').length).toBeGreaterThan(0);
    expect(restarts).toBeGreaterThan(0);
    expect(unloads).toBeGreaterThan(0);
  });
});
