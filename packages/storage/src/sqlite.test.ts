import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageContractSuite } from './contract.ts';
import { SQLITE_SCHEMA_VERSION, openSqliteStorage } from './sqlite.ts';
import { record } from './contract/fixtures.ts';
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

  it('migrates a file written before records named what they supersede, keeping its records', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage({ file });
    await storage.insertRecord(record('b1', 1));
    await storage.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    // Back to schema version 2 (the ballots table): without the supersedes columns (3) and link generations (4).
    db.exec('DROP INDEX records_supersedes; ALTER TABLE records DROP COLUMN supersedes_record_id; ALTER TABLE records DROP COLUMN supersedes_board_id;');
    db.exec('DROP INDEX boards_opened_at; ALTER TABLE boards DROP COLUMN facilitator_generation; ALTER TABLE boards DROP COLUMN participant_generation; ALTER TABLE boards DROP COLUMN viewer_generation; ALTER TABLE boards DROP COLUMN opened_at;');
    db.pragma('user_version = 2');
    db.close();
    const migrated = await openSqliteStorage({ file });
    expect(await migrated.listRecords('b1')).toEqual([record('b1', 1)]);
    await migrated.insertRecord(record('b1', 2, { supersedes: { boardId: 'b1', recordId: 'rec-1' } }));
    expect((await migrated.listSupersedingRecords('b1')).map((r) => r.id)).toEqual(['rec-2']);
    await migrated.close();
  });

  it('keeps boards made before link reset and retention existed: their links at generation 0, opened when created', async () => {
    const file = tempFile();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    // The tables as schema version 1 shipped them.
    db.exec(`CREATE TABLE room_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, update_bytes BLOB NOT NULL);
      CREATE INDEX room_log_room_seq ON room_log (room, seq);
      CREATE TABLE room_snapshot (room TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, token_salt TEXT NOT NULL, template TEXT);
      CREATE TABLE records (board_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL,
        snapshot BLOB NOT NULL, body_hash TEXT NOT NULL, snapshot_hash TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL, PRIMARY KEY (board_id, id), UNIQUE (board_id, seq));
      CREATE TABLE assets (board_id TEXT NOT NULL, id TEXT NOT NULL, content_type TEXT NOT NULL, bytes BLOB NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (board_id, id));`);
    db.prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?, ?)').run('board-from-v1', 'Old', 1234, 1300, 'salt', null);
    db.pragma('user_version = 1');
    db.close();
    const storage = await openSqliteStorage({ file });
    expect(await storage.getBoard('board-from-v1')).toEqual({
      id: 'board-from-v1',
      title: 'Old',
      createdAt: 1234,
      updatedAt: 1300,
      tokenSalt: 'salt',
      template: null,
      openedAt: 1234,
      linkGenerations: { facilitator: 0, participant: 0, viewer: 0 },
    });
    await storage.close();
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
