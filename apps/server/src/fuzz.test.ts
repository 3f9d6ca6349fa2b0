import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { join } from 'node:path';
import { openSqliteStorage } from '@accord/storage';
import { getRecordsKV } from '@accord/board';
import { connectClient, removeDir, startServer, tempDir, waitFor, sleep, type RunningServer } from './test/helpers.ts';
import { cells, deleteCell, setCell } from './test/cells.ts';

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

/** One random edit of the board: a note written, rewritten or deleted (cells are notes; see test/cells.ts). */
function randomEdit(doc: Y.Doc, rnd: () => number, who: number): void {
  const pick = rnd();
  if (pick < 0.5) setCell(doc, `k${Math.floor(rnd() * 10)}`, Math.floor(rnd() * 1000));
  else if (pick < 0.8) setCell(doc, `c${who}-${Math.floor(rnd() * 5)}`, String.fromCharCode(97 + (who % 26)).repeat(1 + Math.floor(rnd() * 4)));
  else deleteCell(doc, pick < 0.9 ? `k${Math.floor(rnd() * 10)}` : `c${who}-${Math.floor(rnd() * 5)}`);
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
    // Each client keeps its records view from the start, as the web app does (it cleans up duplicates).
    for (const c of clients) getRecordsKV(c.doc);
    cleanups.push(() => {
      for (const c of clients) c.provider.destroy();
    });
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
      expect(cells(c.doc)).toEqual(cells(expected));
      expect(c.doc.getArray('records').toJSON()).toEqual(expected.getArray('records').toJSON());
    }
    expect(Object.keys(cells(expected)).length).toBeGreaterThan(0);

    for (const c of clients) c.provider.destroy();
    await server.stop();
    const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
    const loaded = await storage.loadRoom(id);
    await storage.close();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, loaded.update!);
    expect(cells(stored)).toEqual(cells(expected));
    expect(stored.getArray('records').toJSON()).toEqual(expected.getArray('records').toJSON());
  }, 120_000);
});
