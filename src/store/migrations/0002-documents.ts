import type { Kysely, Migration } from 'kysely';

/** Versioned documents: every revision of, e.g., the adaptation center's knowledge base. */
export function documentsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('documents')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['name', 'revision'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('documents').execute();
    },
  };
}
