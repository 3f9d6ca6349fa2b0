import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageContractSuite } from './contract.ts';
import { SQLITE_SCHEMA_VERSION, openSqliteStorage } from './sqlite.ts';
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
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = await openSqliteStorage({ file });
      return storage;
    },
    cleanup: () => storage.close(),
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
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
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
           const [{ seq }] = await storage.appendUpdates([{ room: 'crash', update: (() => { const d = new Y.Doc(); d.getMap('m').set('k' + i, i); return Y.encodeStateAsUpdate(d); })() }]);
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
