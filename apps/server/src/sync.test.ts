import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, rawSocket, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { cells, getCell, setCell } from './test/cells.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(dataDir?: string): Promise<RunningServer> {
  const s = await startServer(dataDir ? { dataDir } : {});
  cleanups.push(() => s.stop().catch(() => {}));
  return s;
}

function client(s: RunningServer, room: string, token: string) {
  const c = connectClient(s.ws, room, token);
  cleanups.push(() => c.provider.destroy());
  return c;
}

describe('stock y-websocket clients against the real server', () => {
  it('[R1] two clients converge', async () => {
    const s = await server();
    const { id, tokens } = await s.createBoard();
    const a = client(s, id, tokens.participant);
    const b = client(s, id, tokens.participant);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    setCell(a.doc, 'from-a', 'a');
    setCell(b.doc, 'from-b', 'hello from b');
    await waitFor(() => getCell(b.doc, 'from-a') === 'a' && getCell(a.doc, 'from-b') === 'hello from b', 'convergence');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('[R1] a late joiner gets everything', async () => {
    const s = await server();
    const { id, tokens } = await s.createBoard();
    const a = client(s, id, tokens.participant);
    await waitSynced(a.provider);
    for (let i = 0; i < 200; i++) setCell(a.doc, `n${i}`, i);
    const late = client(s, id, tokens.viewer);
    await waitFor(() => Object.keys(cells(late.doc)).length === 200, 'late joiner state');
    expect(cells(late.doc)).toEqual(cells(a.doc));
  });

  it('[R2] after a restart the state comes back from SQLite', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const s1 = await startServer({ dataDir: dir });
    const { id, tokens } = await s1.createBoard();
    const a = connectClient(s1.ws, id, tokens.participant);
    await waitSynced(a.provider);
    setCell(a.doc, 't', 'kept across restarts');
    const watcher = connectClient(s1.ws, id, tokens.viewer);
    await waitFor(() => getCell(watcher.doc, 't') === 'kept across restarts', 'broadcast');
    a.provider.destroy();
    watcher.provider.destroy();
    await s1.stop();

    const s2 = await server(dir);
    const b = client(s2, id, tokens.viewer);
    await waitFor(() => getCell(b.doc, 't') === 'kept across restarts', 'state after restart');
  });
});

describe('upgrade refusals are answered over HTTP before any upgrade', () => {
  it('400 for a malformed board id, 401 missing or malformed token, 404 alike for a forged token, another board\'s token and an unknown board', async () => {
    const s = await server();
    const a = await s.createBoard('A');
    const b = await s.createBoard('B');
    const status = async (path: string) => {
      try {
        const ws = await rawSocket(`${s.ws}${path}`);
        ws.close();
        return 101;
      } catch (err) {
        return (err as { statusCode?: number }).statusCode;
      }
    };
    expect(await status('/bad')).toBe(400);
    expect(await status(`/bad%20id%20here/facilitation?token=${a.tokens.viewer}`)).toBe(400);
    expect(await status(`/${a.id}`)).toBe(401);
    expect(await status(`/${a.id}?token=nope`)).toBe(401);
    expect(await status(`/${a.id}?token=${a.tokens.viewer.slice(0, -4)}AAAA`)).toBe(404);
    expect(await status(`/${a.id}?token=${b.tokens.facilitator}`)).toBe(404);
    expect(await status(`/unknownBoard123?token=${a.tokens.viewer}`)).toBe(404);
    expect(await status(`/${a.id}?token=${a.tokens.viewer}`)).toBe(101);
    expect(await status(`/${a.id}/facilitation?token=${a.tokens.viewer}`)).toBe(101);
  });
});
