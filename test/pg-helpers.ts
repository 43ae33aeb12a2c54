// PostgreSQL for the tests: a real server (PostgreSQL 15 on 127.0.0.1:5432, trust auth,
// database `test`, or ILZAM_TEST_DATABASE_URL), with a schema of its own per test file and run
// so runs never interfere. Without a server the PostgreSQL suites are skipped and say so; with
// ILZAM_REQUIRE_POSTGRES=1 (as .ci/run sets it) a missing server fails the run instead.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.ILZAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_POSTGRES = process.env.ILZAM_REQUIRE_POSTGRES === '1';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be used here, or undefined when it can. Throws when it is required but missing. */
export const postgresMissing: string | undefined = await (async () => {
  const why = await reachable();
  if (why && REQUIRE_POSTGRES) throw new Error(`ILZAM_REQUIRE_POSTGRES=1 but PostgreSQL at ${TEST_DATABASE_URL} is not reachable (${why})`);
  if (why) console.warn(`[ilzam tests] PostgreSQL suites SKIPPED: no server at ${TEST_DATABASE_URL} (${why}). Start one (see .ci/run) or set ILZAM_TEST_DATABASE_URL.`);
  return why;
})();

/** A fresh schema name for one test file's run. */
export function testSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
