import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageContractSuite } from './contract.ts';
import { docOf, expectSameState, updatesOf } from './contract/fixtures.ts';
import { openPostgresStorage } from './postgres.ts';
import { MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgresSchema.ts';
import type { Storage } from './types.ts';

const url = process.env.ACCORD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.ACCORD_REQUIRE_SERVICES === '1';

/** Why Postgres cannot be used, or null when it answers. */
async function unreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await unreachable();
if (problem && !required) {
  console.warn(`postgres storage tests skipped: ${url} not reachable (${problem}); set ACCORD_REQUIRE_SERVICES=1 to fail instead`);
}

describe.runIf(problem && required)('postgres storage (ACCORD_REQUIRE_SERVICES=1)', () => {
  it('needs a reachable PostgreSQL', () => {
    throw new Error(`PostgreSQL at ${url} is required but not reachable: ${problem}`);
  });
});

// Every store gets its own schema, dropped afterwards, so runs never see each other's rows.
const schemas: string[] = [];
const freshSchema = (): string => {
  const schema = `accord_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
};
afterAll(async () => {
  if (problem || schemas.length === 0) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
});

describe.skipIf(problem !== null)(`postgres at ${url}${problem ? ` (skipped: ${problem})` : ''}`, () => {
  storageContractSuite('postgres', async () => {
    const schema = freshSchema();
    // Several connections, so concurrent appends and compactions really overlap in the server.
    let storage: Storage = await openPostgresStorage({ connectionString: url, schema, max: 8 });
    const twins: Storage[] = [];
    return {
      storage,
      async reopen() {
        await storage.close();
        storage = await openPostgresStorage({ connectionString: url, schema, max: 8 });
        return storage;
      },
      async twin() {
        const twin = await openPostgresStorage({ connectionString: url, schema, max: 4 });
        twins.push(twin);
        return twin;
      },
      cleanup: async () => {
        for (const twin of twins) await twin.close();
        await storage.close();
      },
    };
  });

  describe('postgres specifics', () => {
    it('lets several instances create the same schema at once', async () => {
      const schema = freshSchema();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStorage({ connectionString: url, schema, max: 1 })));
      const versions = await stores[0]!.pool.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version`);
      expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      await Promise.all(stores.map((s) => s.close()));
    });

    it('adopts a schema written before history was kept: a snapshot becomes its room\'s oldest version', async () => {
      const schema = freshSchema();
      const { updates, doc } = updatesOf((d) => {
        for (let i = 0; i < 7; i++) d.getMap('m').set(`k${i}`, i);
      });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".schema_version (version INTEGER NOT NULL); INSERT INTO "${schema}".schema_version VALUES (1);`);
        await admin.query(MIGRATIONS[0]!(`"${schema}"`));
        await admin.query(`INSERT INTO "${schema}".room_log (seq, room, update_bytes) VALUES (6, 'old', $1), (7, 'old', $2)`, [Buffer.from(updates[5]!), Buffer.from(updates[6]!)]);
        await admin.query(`INSERT INTO "${schema}".room_snapshot (room, state, updated_at) VALUES ('old', $1, 1700000000000), ('folded', $2, 1700000000000)`, [
          Buffer.from(Y.mergeUpdates(updates.slice(0, 5))),
          Buffer.from(Y.mergeUpdates(updates)),
        ]);
      } finally {
        await admin.end();
      }
      const storage = await openPostgresStorage({ connectionString: url, schema, max: 2 });
      try {
        const old = await storage.loadRoom('old');
        expect(old).toMatchObject({ lastSeq: 7, logLength: 2 });
        expectSameState(docOf(old.update), doc);
        expect(await storage.historyCheckpoint('old')).toMatchObject({ seq: 5, storedAt: 1_700_000_000_000 });
        expect(docOf(await storage.roomStateAt('old', 6)).getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 });
        expect(await storage.roomStateAt('old', 4)).toBeNull();
        expectSameState(docOf(await storage.roomStateAt('folded', 0)), doc);
      } finally {
        await storage.close();
      }
    });

    it('refuses a schema migrated by a newer build', async () => {
      const schema = freshSchema();
      const store = await openPostgresStorage({ connectionString: url, schema, max: 1 });
      await store.pool.query(`UPDATE "${schema}".schema_version SET version = 99`);
      await store.close();
      await expect(openPostgresStorage({ connectionString: url, schema, max: 1 })).rejects.toThrow(/version 99/);
    });

    it('rejects a schema name that would need quoting', async () => {
      await expect(openPostgresStorage({ connectionString: url, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/invalid/);
    });
  });
});
