import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, removeDir, tempDir, waitFor, waitSynced } from './test/helpers.ts';
import { spawnServer, type ChildServer } from './test/child.ts';
import { cells, getCell, setCell } from './test/cells.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function createBoard(http: string) {
  const res = await fetch(`${http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'durable' }) });
  return (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
}

function kill(child: ChildServer) {
  cleanups.push(() => {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  });
}

/** A server in a child process over a fresh data dir (removed afterwards), with one board. */
async function firstServer() {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const first = await spawnServer(dir);
  kill(first);
  return { dir, first, board: await createBoard(first.http) };
}

describe('[R2] durability across kill -9', () => {
  it('[R2] every update another client received is in storage after SIGKILL right after a burst', async () => {
    const { dir, first, board } = await firstServer();
    const writer = connectClient(first.ws, board.id, board.tokens.participant);
    const watcher = connectClient(first.ws, board.id, board.tokens.viewer);
    cleanups.push(() => writer.provider.destroy());
    cleanups.push(() => watcher.provider.destroy());
    await Promise.all([waitSynced(writer.provider), waitSynced(watcher.provider)]);

    for (let i = 0; i < 2000; i++) setCell(writer.doc, `burst-${i}`, i);
    // Kill the moment the watcher has received part of the burst, while more is in flight.
    await waitFor(() => Object.keys(cells(watcher.doc)).length >= 300, 'part of the burst reached the watcher', 20_000);
    first.proc.kill('SIGKILL');
    const seen = Y.encodeStateVector(watcher.doc);
    const items = cells(watcher.doc);
    writer.provider.destroy();
    watcher.provider.destroy();
    await first.exited;

    const second = await spawnServer(dir);
    kill(second);
    const reader = connectClient(second.ws, board.id, board.tokens.viewer);
    cleanups.push(() => reader.provider.destroy());
    await waitSynced(reader.provider);
    const back = cells(reader.doc);
    expect(Object.keys(back).length).toBeGreaterThanOrEqual(Object.keys(items).length);
    // Everything the watcher had seen is contained in the recovered state.
    const missing = Y.diffUpdate(Y.encodeStateAsUpdate(watcher.doc), Y.encodeStateVector(reader.doc));
    const probe = new Y.Doc();
    Y.applyUpdate(probe, missing);
    expect(probe.store.clients.size).toBe(0);
    for (const [key, value] of Object.entries(items)) expect(back[key]).toBe(value);
    expect(seen.length).toBeGreaterThan(0);
    second.proc.kill('SIGTERM');
    await second.exited;
  }, 60_000);
});

describe('[R8] graceful shutdown', () => {
  it('[R8] SIGTERM flushes storage, closes sockets with 1012 and exits 0', async () => {
    const { dir, first, board } = await firstServer();
    const writer = connectClient(first.ws, board.id, board.tokens.participant);
    cleanups.push(() => writer.provider.destroy());
    await waitSynced(writer.provider);
    const codes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    setCell(writer.doc, 't', 'written just before SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    first.proc.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code).toBe(0);
    await waitFor(() => codes.length > 0, 'close event');
    expect(codes[0]).toBe(1012);
    writer.provider.destroy();

    const second = await spawnServer(dir);
    kill(second);
    const reader = connectClient(second.ws, board.id, board.tokens.viewer);
    cleanups.push(() => reader.provider.destroy());
    await waitFor(() => getCell(reader.doc, 't') === 'written just before SIGTERM', 'state after graceful restart');
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
