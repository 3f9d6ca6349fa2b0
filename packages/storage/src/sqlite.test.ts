import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageContractSuite } from './contract.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

storageContractSuite('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
  const file = join(dir, 'accord.db');
  let storage: Storage = await openSqliteStorage({ file });
  return {
    storage,
    async reopen() {
      await storage.close();
      storage = await openSqliteStorage({ file });
      return storage;
    },
    async cleanup() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

storageContractSuite('sqlite (:memory:)', async () => {
  const storage = await openSqliteStorage({ file: ':memory:' });
  return { storage, cleanup: () => storage.close() };
});
