// Applies the migrations this version knows and the database lacks, in order. Instances that
// start together serialize on an advisory lock, so each migration runs once. A database newer
// than this version (a migration it does not know) is refused: running old code on it could
// lose data.
import type { Pool } from 'pg';
import { MIGRATIONS, type Migration } from './migrations.ts';

/** An arbitrary constant: the advisory lock every ilzam instance takes to migrate. */
const MIGRATION_LOCK = 0x696c7a61; // "ilza"

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const onError = () => undefined; // a lost connection rejects the query in flight; see pg-storage.ts
  client.on('error', onError);
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length) throw new MigrationError(`the database has migration ${Math.max(...unknown)}, which this version of ilzam does not know; run a newer version`);
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`migration ${m.version} (${m.name}) failed and was rolled back: ${(err as Error).message}`);
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.off('error', onError);
    client.release();
  }
}
