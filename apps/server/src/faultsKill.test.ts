import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '@accord/storage';
import { build } from './app.ts';
import { spawnServer, type ChildServer } from './test/child.ts';
import { allConverged, missing, participant, type Participant } from './test/cluster.ts';
import { cells } from './test/cells.ts';
import { removeDir, tempDir, testConfig, waitFor, waitSynced } from './test/helpers.ts';
import { adminQuery, pgUrl, redisUrl, servicesProblem, servicesRequired } from './test/services.ts';
import { docOf } from './test/storedDoc.ts';
import type { AddressInfo } from 'node:net';

const problem = await servicesProblem();
if (problem && !servicesRequired) console.warn(`kill test skipped: ${problem}; set ACCORD_REQUIRE_SERVICES=1 to fail instead`);

describe.skipIf(!!problem && !servicesRequired)('[R2][R10] scaled out: an instance killed with SIGKILL', () => {
  // The killed instance runs `cli.ts` in its own process, which stores in the `public` schema of
  // its database: a throwaway database keeps it away from everyone else's tables.
  const database = `accord_kill_${randomBytes(5).toString('hex')}`;
  const dbUrl = Object.assign(new URL(pgUrl), { pathname: `/${database}` }).toString();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  afterAll(async () => {
    if (!problem) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('(d) its clients reopen on another instance: nothing acknowledged is lost and everyone converges', async () => {
    if (problem) throw new Error(`services required but unavailable: ${problem}`);
    await adminQuery(`CREATE DATABASE "${database}"`);
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const doomed: ChildServer = await spawnServer(dir, { ACCORD_DATABASE_URL: dbUrl, ACCORD_REDIS_URL: redisUrl });
    cleanups.push(() => void (doomed.proc.exitCode === null && doomed.proc.signalCode === null && doomed.proc.kill('SIGKILL')));
    const storage = await openPostgresStorage({ connectionString: dbUrl });
    const survivorDir = tempDir();
    const survivor = await build({ config: testConfig(survivorDir, { ACCORD_REDIS_URL: redisUrl }), storage, logger: false, webRoot: null });
    await survivor.listen({ port: 0, host: '127.0.0.1' });
    const survivorWs = `ws://127.0.0.1:${(survivor.server.address() as AddressInfo).port}/sync`;
    cleanups.push(async () => {
      await survivor.close();
      await storage.close();
      removeDir(survivorDir);
    });

    const res = await fetch(`${doomed.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'killed' }) });
    const board = (await res.json()) as { id: string; tokens: { participant: string; viewer: string } };
    const onDoomed = [participant(doomed.ws, board.id, board.tokens.participant), participant(doomed.ws, board.id, board.tokens.participant)];
    const watcher = participant(survivorWs, board.id, board.tokens.viewer);
    const writerOnSurvivor = participant(survivorWs, board.id, board.tokens.participant);
    const everyone: Participant[] = [...onDoomed, watcher, writerOnSurvivor];
    cleanups.push(() => {
      for (const c of everyone) c.destroy();
    });
    await Promise.all(everyone.map((c) => waitSynced(c.provider)));
    for (const [i, c] of onDoomed.entries()) c.write(`d${i}`, 20);
    writerOnSurvivor.write('s', 20);
    // Kill while edits stream in, once the watcher on the other instance has seen some.
    await waitFor(() => Object.keys(cells(watcher.doc)).length >= 40, 'edits reached the other instance', 15_000);
    doomed.proc.kill('SIGKILL');
    const acknowledged = Y.encodeStateAsUpdate(watcher.doc);
    await doomed.exited;
    const killedAt = Date.now();
    // The killed instance's clients reopen on the survivor with what they hold (as a proxy would route them).
    const reopened = onDoomed.map((c) => {
      c.provider.destroy();
      const again = participant(survivorWs, board.id, board.tokens.participant, c.doc);
      for (const [k, v] of c.written) again.written.set(k, v);
      return again;
    });
    everyone.push(...reopened);
    await Promise.all(reopened.map((c) => waitSynced(c.provider)));
    writerOnSurvivor.stop();
    for (const c of onDoomed) c.stop();
    const live = [watcher, writerOnSurvivor, ...reopened];
    await waitFor(() => allConverged(live), `convergence after the kill (missing: ${missing(live).join(',')})`, 15_000);
    console.info(`[fault] (d) one of two instances killed with SIGKILL: kill -> its clients reopened elsewhere and all converged: ${Date.now() - killedAt} ms`);
    // Everything another client had received before the kill is in storage.
    const stored = docOf((await storage.loadRoom(board.id)).update);
    const lost = Y.diffUpdate(acknowledged, Y.encodeStateVector(stored));
    const probe = new Y.Doc();
    Y.applyUpdate(probe, lost);
    expect(probe.store.clients.size).toBe(0);
    for (const c of live) for (const [k, v] of c.written) expect(cells(stored)[k]).toBe(v);
  });
});
