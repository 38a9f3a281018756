import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from '../schema.js';
import { addSeqPrimaryKey } from './seq-column.js';

/**
 * The compute service platform: tenants, API tokens (hashes only), the audit log, metered usage,
 * who submitted each job and the price each task started under.
 */
export function platformMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('name', 'text', (col) => col.primaryKey())
        .addColumn('display_name', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('tenant', 'text', (col) => col.notNull())
        .addColumn('user', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('requests_per_minute', 'integer')
        .addColumn('max_body_bytes', 'integer')
        .execute();
      await db.schema.createIndex('tokens_tenant').on('tokens').columns(['tenant', 'created_at']).execute();
      await addSeqPrimaryKey(db.schema.createTable('audit'), dialect)
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('tenant', 'text')
        .addColumn('user', 'text')
        .addColumn('role', 'text')
        .addColumn('token_id', 'text')
        .addColumn('method', 'text', (col) => col.notNull())
        .addColumn('route', 'text', (col) => col.notNull())
        .addColumn('target', 'text')
        .addColumn('status', 'integer', (col) => col.notNull())
        .addColumn('ip', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_tenant').on('audit').columns(['tenant', 'seq']).execute();
      await db.schema
        .createTable('usage')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('tenant', 'text', (col) => col.notNull())
        .addColumn('provider', 'text', (col) => col.notNull())
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('record', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('usage_tenant_day').on('usage').columns(['tenant', 'day']).execute();
      await db.schema.createIndex('usage_provider_day').on('usage').columns(['provider', 'day']).execute();
      await db.schema.createIndex('usage_day').on('usage').columns(['day']).execute();
      await db.schema
        .alterTable('jobs')
        .addColumn('submitted_by', 'text', (col) => col.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('tasks').addColumn('price', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['usage', 'audit', 'tokens', 'tenants']) await db.schema.dropTable(table).execute();
    },
  };
}
