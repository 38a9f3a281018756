import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from '../schema.js';
import { addSeqPrimaryKey } from './seq-column.js';

export function initialMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('tenant', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('queue', 'text', (col) => col.notNull())
        .addColumn('phase', 'text', (col) => col.notNull())
        .addColumn('spec', 'text', (col) => col.notNull())
        .addColumn('labels', 'text', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .addColumn('message', 'text')
        .addColumn('attempt', 'integer', (col) => col.notNull())
        .addColumn('placement', 'text')
        .addColumn('exit_code', 'integer')
        .addColumn('cancel_requested', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_created').on('jobs').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('jobs_phase_created').on('jobs').columns(['phase', 'created_at', 'id']).execute();
      await db.schema.createIndex('jobs_queue_created').on('jobs').columns(['queue', 'created_at', 'id']).execute();
      await db.schema.createIndex('jobs_tenant_created').on('jobs').columns(['tenant', 'created_at', 'id']).execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id'))
        .addColumn('replica', 'integer', (col) => col.notNull())
        .addColumn('attempt', 'integer', (col) => col.notNull())
        .addColumn('site', 'text', (col) => col.notNull())
        .addColumn('backend', 'text', (col) => col.notNull())
        .addColumn('node', 'text', (col) => col.notNull())
        .addColumn('state', 'text', (col) => col.notNull())
        .addColumn('handle', 'text')
        .addColumn('exit_code', 'integer')
        .addColumn('message', 'text')
        .addColumn('spec', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('tasks_job').on('tasks').columns(['job_id', 'attempt', 'replica']).execute();
      await db.schema.createIndex('tasks_state').on('tasks').columns(['state', 'created_at']).execute();

      await addSeqPrimaryKey(db.schema.createTable('events'), dialect)
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('job_id', 'text', (col) => col.references('jobs.id'))
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('message', 'text', (col) => col.notNull())
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('events_job_seq').on('events').columns(['job_id', 'seq']).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('events').execute();
      await db.schema.dropTable('tasks').execute();
      await db.schema.dropTable('jobs').execute();
    },
  };
}
