import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { TestClient } from './test/client.ts';
import { BOARD, testRelay, track } from './test/harness.ts';
import { MemoryPubSub, MemoryRoomStore, sleep, tick, until } from './test/fakes.ts';

const SEEDS = [3, 11, 2027];
const STEPS = 400;

const content = (doc: Y.Doc) => JSON.stringify({ t: doc.getText('t').toString(), a: doc.getArray('a').toJSON() });

/**
 * Three instances over one store and a pub/sub that loses frames silently, drops connections and
 * comes back, with tiny compaction thresholds so catch-ups sometimes have to load whole rooms.
 * Clients never reconnect: whatever they end with came through their own instance. At the end
 * every client holds exactly what storage holds.
 */
describe('[R10] scale-out fuzz', () => {
  it.each(SEEDS)('seed %i: clients on three instances converge through losses, cuts and compactions', async (seed) => {
    const gen = prng.create(seed);
    const store = new MemoryRoomStore();
    const bus = new MemoryPubSub();
    const links = [bus.client(), bus.client(), bus.client()];
    const relays = links.map((pubsub) => track(testRelay({ rooms: store, pubsub, syncCheckMs: 40, gapGraceMs: 15, compactAfterUpdates: 7 }).relay));
    const clients = relays.flatMap((relay) =>
      [0, 1].map(() => {
        const c = track(new TestClient(BOARD, 'participant'));
        c.connect(relay);
        return c;
      }),
    );
    await until(() => clients.every((c) => c.synced), 'sync');
    for (let step = 0; step < STEPS; step++) {
      const c = prng.oneOf(gen, clients);
      const text = c.doc.getText('t');
      const roll = prng.uint32(gen, 0, 99);
      if (roll < 55) text.insert(prng.uint32(gen, 0, text.length), prng.word(gen, 1, 4));
      else if (roll < 70 && text.length > 0) text.delete(prng.uint32(gen, 0, text.length - 1), 1);
      else if (roll < 85) c.doc.getArray('a').push([step]);
      else if (roll < 93) prng.oneOf(gen, links).lose(prng.uint32(gen, 1, 3));
      else if (roll < 97) prng.oneOf(gen, links).cut();
      else prng.oneOf(gen, links).restore();
      if (prng.uint32(gen, 0, 3) === 0) await tick();
      if (prng.uint32(gen, 0, 40) === 0) await sleep(prng.uint32(gen, 5, 60));
    }
    for (const link of links) link.restore();
    const stored = () => content(store.doc(BOARD));
    await until(() => store.transactions.length > 0 && clients.every((c) => content(c.doc) === stored()), 'every client holds what storage holds', 20_000);
    expect(clients.every((c) => c.closes.length === 0)).toBe(true);
    expect(relays.every((r) => r.stats().lagging === 0)).toBe(true);
  }, 60_000);
});
