/**
 * The embedded default Store: one SQLite file in WAL mode.
 *
 * Durability: a commit that resolved survives the process being killed, and with
 * synchronous=FULL also an operating-system crash or power loss (WAL is fsynced per commit).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StoreError } from '../errors.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Database } from '../schema.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../types.js';

/** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) the database at `path`, or a private in-memory one for `':memory:'`. */
export async function openSqliteStore(path: string): Promise<Store> {
  const sqlite = openDatabase(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore(db);
}

function openDatabase(path: string): SqliteDatabase.Database {
  const inMemory = path === ':memory:' || path === '';
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SqliteDatabase(path);
    try {
      if (!inMemory) sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      sqlite.pragma('foreign_keys = ON');
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return sqlite;
  } catch (error) {
    throw StoreError.wrap('OpenFailed', `open ${path}`, error);
  }
}
