import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '@accord/storage';
import { CloseCode } from '@accord/relay';
import { closeCode, connectClient, rawSocket, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { getCell, setCell } from './test/cells.ts';
import { testConfig } from './test/helpers.ts';
import { pgUrl, redisUrl, servicesProblem, servicesRequired as required } from './test/services.ts';
import { build } from './app.ts';
import type { AddressInfo } from 'node:net';

const problem = await servicesProblem();
if (problem && !required) console.warn(`scale-out tests skipped: ${problem}; set ACCORD_REQUIRE_SERVICES=1 to fail instead`);

describe.skipIf(!!problem && !required)('scaled out: two instances over Postgres + Redis', () => {
  const schema = `accord_scale_${randomBytes(5).toString('hex')}`;
  const servers: RunningServer[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => {});
    dirs.forEach(removeDir);
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('[R2][R3] clients on different instances converge, and every edit is stored once', async () => {
    if (problem) throw new Error(`services required but unavailable: ${problem}`);
    for (let i = 0; i < 2; i++) {
      const dir = tempDir();
      dirs.push(dir);
      const storage = await openPostgresStorage({ connectionString: pgUrl, schema });
      const app = await build({ config: testConfig(dir, { ACCORD_REDIS_URL: redisUrl }), storage, logger: false, webRoot: null });
      app.addHook('onClose', async () => storage.close());
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const s = await startServerShim(app, port);
      servers.push(s);
    }
    const [one, two] = servers as [RunningServer, RunningServer];
    const board = await one.createBoard('scaled');
    const a = connectClient(one.ws, board.id, board.tokens.participant);
    const b = connectClient(two.ws, board.id, board.tokens.participant);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    setCell(a.doc, 'one', 'from instance one');
    setCell(b.doc, 'two', 'from instance two');
    await waitFor(() => getCell(b.doc, 'one') === 'from instance one' && getCell(a.doc, 'two') === 'from instance two', 'cross-instance sync');
    a.provider.destroy();
    b.provider.destroy();
    const storage = await openPostgresStorage({ connectionString: pgUrl, schema });
    const loaded = await storage.loadRoom(board.id);
    await storage.close();
    // The board's seeded document and page, then one edit from each instance.
    expect(loaded.logLength).toBe(3);
  });

  it('decision records stay one linear chain when both instances record at once (a taken seq is retried)', async () => {
    if (problem) throw new Error(`services required but unavailable: ${problem}`);
    const [one, two] = servers as [RunningServer, RunningServer];
    const board = await one.createBoard('records');
    const post = (server: RunningServer, title: string) =>
      fetch(`${server.http}/api/boards/${board.id}/records`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' }, body: JSON.stringify({ title, decision: 'D' }) });
    const responses = await Promise.all(['a1', 'b1', 'a2', 'b2', 'a3', 'b3'].map((t) => post(t.startsWith('a') ? one : two, t)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const get = (path: string) => fetch(`${two.http}/api/boards/${board.id}${path}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } }).then((r) => r.json());
    const list = (await get('/records')) as { records: Array<{ seq: number }> };
    expect(list.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await get('/records/verify')).toMatchObject({ ok: true, count: 6 });
  });

  it('[items 7, 8] a link reset and a deletion on one instance close the sockets on the other (board events over Redis)', async () => {
    if (problem) throw new Error(`services required but unavailable: ${problem}`);
    const [one, two] = servers as [RunningServer, RunningServer];
    const board = await one.createBoard('events');
    const onTwo = await rawSocket(`${two.ws}/${board.id}?token=${board.tokens.participant}`);
    const viewerOnTwo = await rawSocket(`${two.ws}/${board.id}/facilitation?token=${board.tokens.viewer}`);
    const [participantClosed, viewerClosed] = [closeCode(onTwo), closeCode(viewerOnTwo)];
    const reset = await fetch(`${one.http}/api/boards/${board.id}/links/reset`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' }, body: '{"role":"participant"}' });
    expect(reset.status).toBe(200);
    expect(await participantClosed).toBe(CloseCode.LinkReset);
    expect(viewerOnTwo.readyState).toBe(viewerOnTwo.OPEN);
    const deleted = await fetch(`${one.http}/api/boards/${board.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
    expect(deleted.status).toBe(204);
    expect(await viewerClosed).toBe(CloseCode.BoardDeleted);
    expect((await fetch(`${two.http}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } })).status).toBe(404);
  });
});

/** Wraps an already listening app in the RunningServer shape the helpers use. */
async function startServerShim(app: Awaited<ReturnType<typeof build>>, port: number): Promise<RunningServer> {
  const http = `http://127.0.0.1:${port}`;
  void startServer;
  return {
    app,
    port,
    http,
    ws: `ws://127.0.0.1:${port}/sync`,
    dataDir: '',
    async createBoard(title = 'Test board') {
      const res = await fetch(`${http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      return (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
    },
    stop: () => app.close(),
  };
}
