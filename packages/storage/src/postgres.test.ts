import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { storageContractSuite } from './contract.ts';
import { openPostgresStorage } from './postgres.ts';
import type { Storage } from './types.ts';

const url = process.env.ACCORD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.ACCORD_REQUIRE_SERVICES === '1';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await reachable();
if (problem && !required) {
  console.warn(`postgres storage tests skipped: ${url} not reachable (${problem}); set ACCORD_REQUIRE_SERVICES=1 to fail instead`);
}

if (problem && required) {
  describe('postgres storage', () => {
    it('needs PostgreSQL (ACCORD_REQUIRE_SERVICES=1)', () => {
      throw new Error(`PostgreSQL at ${url} is required but not reachable: ${problem}`);
    });
  });
} else if (!problem) {
  storageContractSuite('postgres', async () => {
    const schema = `accord_test_${randomBytes(6).toString('hex')}`;
    let storage: Storage = await openPostgresStorage({ connectionString: url, schema, max: 4 });
    return {
      storage,
      async reopen() {
        await storage.close();
        storage = await openPostgresStorage({ connectionString: url, schema, max: 4 });
        return storage;
      },
      async cleanup() {
        await storage.close();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      },
    };
  });
} else {
  describe.skip('postgres storage (not reachable)', () => {
    it('skipped', () => {});
  });
}
