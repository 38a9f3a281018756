import type { CreateTableBuilder } from 'kysely';
import type { SqlDialectName } from '../schema.js';

/**
 * The only column whose DDL differs between dialects: a database-assigned, monotonically
 * increasing primary key. SQLite needs AUTOINCREMENT so a seq is never reused after the
 * newest rows are deleted; PostgreSQL uses an identity column.
 */
export function addSeqPrimaryKey<TB extends string>(
  table: CreateTableBuilder<TB, never>,
  dialect: SqlDialectName,
): CreateTableBuilder<TB, 'seq'> {
  switch (dialect) {
    case 'sqlite':
      return table.addColumn('seq', 'integer', (col) => col.primaryKey().autoIncrement());
    case 'postgres':
      return table.addColumn('seq', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity());
  }
}
