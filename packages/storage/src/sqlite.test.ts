import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageContractSuite } from './contract.ts';
import { docOf, expectSameState, updatesOf } from './contract/fixtures.ts';
import { MIGRATIONS, openSqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
  dirs.push(dir);
  return join(dir, 'accord.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

storageContractSuite('sqlite (file)', async () => {
  const file = tempFile();
  let storage: Storage = await openSqliteStorage({ file });
  const twins: Storage[] = [];
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = await openSqliteStorage({ file });
      return storage;
    },
    async twin() {
      const twin = await openSqliteStorage({ file });
      twins.push(twin);
      return twin;
    },
    cleanup: async () => {
      for (const twin of twins) await twin.close();
      await storage.close();
    },
  };
});

storageContractSuite('sqlite (:memory:)', async () => {
  const storage = await openSqliteStorage({ file: ':memory:' });
  return { storage, cleanup: () => storage.close() };
});

describe('sqlite specifics', () => {
  it('opens in WAL mode and records its schema version', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage({ file });
    await storage.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('adopts a file written before history was kept: a snapshot becomes its room\'s oldest version', async () => {
    const file = tempFile();
    const Database = (await import('better-sqlite3')).default;
    const { updates, doc } = updatesOf((d) => {
      for (let i = 0; i < 7; i++) d.getMap('m').set(`k${i}`, i);
    });
    const db = new Database(file);
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    // As the first version left them: `old` compacted through seq 5 with two entries after it, `folded` compacted whole.
    const insertLog = db.prepare('INSERT INTO room_log (seq, room, update_bytes) VALUES (?, ?, ?)');
    insertLog.run(6, 'old', updates[5]);
    insertLog.run(7, 'old', updates[6]);
    const insertSnapshot = db.prepare('INSERT INTO room_snapshot (room, state, updated_at) VALUES (?, ?, ?)');
    insertSnapshot.run('old', Y.mergeUpdates(updates.slice(0, 5)), 1_700_000_000_000);
    insertSnapshot.run('folded', Y.mergeUpdates(updates), 1_700_000_000_000);
    db.close();

    const before = Date.now();
    const storage = await openSqliteStorage({ file });
    try {
      const old = await storage.loadRoom('old');
      expect(old).toMatchObject({ lastSeq: 7, logLength: 2 });
      expectSameState(docOf(old.update), doc);
      expect(await storage.historyCheckpoint('old')).toMatchObject({ seq: 5, storedAt: 1_700_000_000_000 });
      expect(docOf(await storage.roomStateAt('old', 5)).getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
      expect(docOf(await storage.roomStateAt('old', 6)).getMap('m').get('k5')).toBe(5);
      expect(await storage.roomStateAt('old', 4)).toBeNull();
      // Entries from before count as stored at the upgrade, so retention starts from there.
      for (const e of await storage.historyEntries('old', 0)) expect(e.storedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(await storage.historyCheckpoint('folded')).toMatchObject({ seq: 0 });
      expectSameState(docOf(await storage.roomStateAt('folded', 0)), doc);
      expectSameState(docOf((await storage.loadRoom('folded')).update), doc);
    } finally {
      await storage.close();
    }
  });

  it('refuses a file written by a newer schema', async () => {
    const file = tempFile();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    await expect(openSqliteStorage({ file })).rejects.toThrow(/schema version 99/);
  });

  it('keeps every update whose append resolved when the process is killed with SIGKILL', async () => {
    const file = tempFile();
    // A separate process, so that SIGKILL takes the store down mid-stream with nothing flushed on exit.
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as Y from 'yjs';
         const { openSqliteStorage } = await import(${JSON.stringify(new URL('./sqlite.ts', import.meta.url).href)});
         const storage = await openSqliteStorage({ file: ${JSON.stringify(file)} });
         for (let i = 0; ; i++) {
           const [seq] = await storage.appendUpdates([{ room: 'crash', update: (() => { const d = new Y.Doc(); d.getMap('m').set('k' + i, i); return Y.encodeStateAsUpdate(d); })() }]);
           process.stdout.write(i + ' ' + seq + '\\n');
         }`,
      ],
      { cwd: new URL('.', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acknowledged = -1;
    for await (const line of createInterface({ input: child.stdout })) {
      acknowledged = Number(line.split(' ')[0]);
      if (acknowledged >= 200) {
        child.kill('SIGKILL');
        break;
      }
    }
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(acknowledged).toBe(200);
    const storage = await openSqliteStorage({ file });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await storage.loadRoom('crash')).update!);
    await storage.close();
    const m = doc.getMap('m');
    for (let i = 0; i <= acknowledged; i++) expect(m.get(`k${i}`)).toBe(i);
  });
});
