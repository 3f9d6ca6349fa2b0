import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { join } from 'node:path';
import { openSqliteStorage } from '@accord/storage';
import { connectClient, removeDir, startServer, tempDir, waitFor, sleep, type RunningServer } from './test/helpers.ts';

/** mulberry32: a seeded generator so any failing run can be replayed by its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.ACCORD_FUZZ_SEED ?? 20261124);
const CLIENTS = 24;
const ROUNDS = 60;

function randomEdit(doc: Y.Doc, rnd: () => number, who: number): void {
  const text = doc.getText('t');
  const map = doc.getMap<number>('m');
  const arr = doc.getArray<string>('a');
  const pick = rnd();
  if (pick < 0.35) {
    text.insert(Math.floor(rnd() * (text.length + 1)), String.fromCharCode(97 + (who % 26)).repeat(1 + Math.floor(rnd() * 4)));
  } else if (pick < 0.5 && text.length > 0) {
    const at = Math.floor(rnd() * text.length);
    text.delete(at, Math.min(text.length - at, 1 + Math.floor(rnd() * 3)));
  } else if (pick < 0.75) {
    map.set(`k${Math.floor(rnd() * 10)}`, Math.floor(rnd() * 1000));
  } else if (pick < 0.92 || arr.length === 0) {
    arr.insert(Math.floor(rnd() * (arr.length + 1)), [`c${who}`]);
  } else {
    arr.delete(Math.floor(rnd() * arr.length), 1);
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('seeded convergence fuzz', () => {
  it(`[R1][R2] ${CLIENTS} clients, random edits, disconnects and a server restart converge (seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    let server: RunningServer = await startServer({ dataDir: dir });
    const port = server.port;
    cleanups.push(() => server.stop().catch(() => {}));
    const { id, tokens } = await server.createBoard('fuzz');
    const clients = Array.from({ length: CLIENTS }, () => connectClient(server.ws, id, tokens.participant));
    cleanups.push(() => clients.forEach((c) => c.provider.destroy()));
    await waitFor(() => clients.every((c) => c.provider.synced), 'initial sync', 20_000);

    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CLIENTS; i++) {
        const c = clients[i]!;
        const r = rnd();
        if (r < 0.6) randomEdit(c.doc, rnd, i);
        else if (r < 0.68 && c.provider.shouldConnect) c.provider.disconnect();
        else if (r < 0.8 && !c.provider.shouldConnect) c.provider.connect();
      }
      if (round === Math.floor(ROUNDS / 2)) {
        // Restart the server mid-session on the same port; clients reconnect by themselves.
        await server.stop();
        server = await startServer({ dataDir: dir, port });
      }
      await sleep(Math.floor(rnd() * 15));
    }

    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    const same = () => {
      const first = Y.encodeStateVector(clients[0]!.doc).toString();
      return clients.every((c) => c.provider.synced && Y.encodeStateVector(c.doc).toString() === first);
    };
    try {
      await waitFor(same, 'every client converged', 30_000);
    } catch (err) {
      const summary = clients.map((c, i) => `${i}:${c.provider.wsconnected ? 'c' : '-'}${c.provider.synced ? 's' : '-'}:${Y.encodeStateVector(c.doc).length}`);
      throw new Error(`${(err as Error).message}; clients ${summary.join(' ')}`);
    }
    const expected = clients[0]!.doc;
    for (const c of clients) {
      expect(c.doc.getText('t').toString()).toBe(expected.getText('t').toString());
      expect(c.doc.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
      expect(c.doc.getArray('a').toJSON()).toEqual(expected.getArray('a').toJSON());
    }
    expect(expected.getText('t').length + expected.getArray('a').length).toBeGreaterThan(0);

    clients.forEach((c) => c.provider.destroy());
    await server.stop();
    const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
    const loaded = await storage.loadRoom(id);
    await storage.close();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, loaded.update!);
    expect(stored.getText('t').toString()).toBe(expected.getText('t').toString());
    expect(stored.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
    expect(stored.getArray('a').toJSON()).toEqual(expected.getArray('a').toJSON());
  }, 120_000);
});
