import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageContractSuite } from './contract.ts';
import { openSqliteStorage } from './sqlite.ts';
import { MIGRATIONS, SQLITE_SCHEMA_VERSION } from './sqliteSchema.ts';
import { docOf, expectSameState, record, updatesOf } from './contract/fixtures.ts';
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
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
  });

  it('migrates a file written before records named what they supersede, keeping its records', async () => {
    const file = tempFile();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    // Schema version 2: the tables as shipped, then the ballots table; a record written then.
    db.exec(MIGRATIONS[0]!);
    db.exec(MIGRATIONS[1]!);
    const r = record('b1', 1);
    db.prepare('INSERT INTO records (board_id, id, seq, created_at, body, snapshot, body_hash, snapshot_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.boardId, r.id, r.seq, r.createdAt, r.body, r.snapshot, r.bodyHash, r.snapshotHash, r.prevHash, r.hash,
    );
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
         const parent = process.ppid;
         // Never outlive the test: stop if its runner goes away without killing us.
         for (let i = 0; process.ppid === parent; i++) {
           const [{ seq }] = await storage.appendUpdates([{ room: 'crash', update: (() => { const d = new Y.Doc(); d.getMap('m').set('k' + i, i); return Y.encodeStateAsUpdate(d); })() }]);
           process.stdout.write(i + ' ' + seq + '\\n');
         }`,
      ],
      { cwd: new URL('.', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acknowledged = -1;
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        acknowledged = Number(line.split(' ')[0]);
        if (acknowledged >= 200) break;
      }
    } finally {
      child.kill('SIGKILL');
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
