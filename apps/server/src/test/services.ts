import pg from 'pg';

/** The Postgres and Redis the scaled-out tests use (the machine's shared ones unless told otherwise). */
export const pgUrl = process.env.ACCORD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.ACCORD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** CI sets ACCORD_REQUIRE_SERVICES=1: missing services then fail the suites instead of skipping them. */
export const servicesRequired = process.env.ACCORD_REQUIRE_SERVICES === '1';

/** Why Postgres or Redis cannot be used, or null when both answer. */
export async function servicesProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    return `postgres: ${(err as Error).message}`;
  }
  const { Redis } = await import('ioredis');
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (err) {
    return `redis: ${(err as Error).message}`;
  } finally {
    r.disconnect();
  }
}

/** Runs one statement as the Postgres admin (creating or dropping a throwaway schema or database). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
