/**
 * The Store on PostgreSQL, for a control plane that has outgrown one machine's SQLite file. Same
 * schema, migrations and queries as SQLite (Kysely, one dialect-neutral store); only the connection
 * differs. `url` is a libpq connection string, e.g. `postgres://junction@db.internal/junction`.
 *
 * Durability: a commit resolves after PostgreSQL's own COMMIT, so it survives as PostgreSQL does.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StoreError } from '../errors.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Database } from '../schema.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../types.js';

export interface PostgresOptions {
  /** Connections in the pool; the control loop is serial, so a few suffice. Default 5. */
  poolSize?: number;
}

/** Connects, brings the schema to the newest version and returns the store. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 5 });
  // An idle connection the server drops (restart, failover, an administrator) emits 'error' on the
  // pool; unhandled, that would end the process. The pool replaces the connection, and a query on
  // a dead server fails with a StoreError where it is made.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw StoreError.wrap('OpenFailed', `connect to ${redactUrl(url)}`, error);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore(db);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a PostgreSQL URL)';
  }
}
