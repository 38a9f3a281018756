/**
 * Schema migrations, listed in code (no file-system discovery) so they ship inside the bundle.
 * Names sort in the order they must run; never rename or edit a released migration, add one.
 */
import { type Kysely, type Migration, Migrator } from 'kysely';
import { StoreError } from '../errors.js';
import type { Database, SqlDialectName } from '../schema.js';
import { initialMigration } from './0001-initial.js';
import { documentsMigration } from './0002-documents.js';
import { platformMigration } from './0003-platform.js';

export function migrationsFor(dialect: SqlDialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-documents': documentsMigration(),
    '0003-platform': platformMigration(dialect),
  };
}

/** Brings the schema to the newest version; throws StoreError('MigrationFailed') and applies nothing of the failing step. */
export async function migrateToLatest(db: Kysely<Database>, dialect: SqlDialectName): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    migrationTableName: 'junction_migration',
    migrationLockTableName: 'junction_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'migrator';
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError('MigrationFailed', `migrate ${failed}`, `migration ${failed} failed: ${detail}`, {
      cause: error,
    });
  }
}
