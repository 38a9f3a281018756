/**
 * The Store over any Kysely dialect. It never imports a driver: the SQLite and PostgreSQL
 * folders open a connection, run the migrations and hand the Kysely instance here.
 */
import type { Kysely, Transaction } from 'kysely';
import { StoreError, type StoreErrorCode } from '../errors.js';
import type { Database } from '../schema.js';
import { JOB_PHASES, type JobPhase, type Store, type StoreChange } from '../types.js';
import { listJobs } from './list-jobs.js';
import {
  auditToRow,
  documentToRow,
  eventToRow,
  jobToRow,
  rowToAudit,
  rowToDocument,
  rowToEvent,
  rowToJob,
  rowToTask,
  rowToTenant,
  rowToToken,
  rowToUsage,
  taskToRow,
  tenantToRow,
  tokenToRow,
  usageToRow,
} from './rows.js';

/** Rows per INSERT statement; keeps bound parameters far below every dialect's limit. */
const INSERT_CHUNK = 100;

export function createSqlStore(db: Kysely<Database>): Store {
  let closed: Promise<void> | undefined;

  return {
    commit: (change) => guard('CommitFailed', 'commit', () => commit(db, change)),

    getJob: (id) =>
      guard('QueryFailed', 'getJob', async () => {
        const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : rowToJob(row);
      }),

    listJobs: (query) => guard('QueryFailed', 'listJobs', () => listJobs(db, query)),

    jobsInPhases: (phases) =>
      guard('QueryFailed', 'jobsInPhases', async () => {
        if (phases.length === 0) return [];
        const rows = await db
          .selectFrom('jobs')
          .selectAll()
          .where('phase', 'in', phases)
          .orderBy('created_at', 'asc')
          .orderBy('id', 'asc')
          .execute();
        return rows.map(rowToJob);
      }),

    countJobsByPhase: () =>
      guard('QueryFailed', 'countJobsByPhase', async () => {
        const rows = await db
          .selectFrom('jobs')
          .select((eb) => ['phase', eb.fn.countAll<number | string>().as('count')])
          .groupBy('phase')
          .execute();
        const counts = Object.fromEntries(JOB_PHASES.map((phase) => [phase, 0])) as Record<JobPhase, number>;
        for (const row of rows) counts[row.phase] = Number(row.count);
        return counts;
      }),

    tasksOfJob: (jobId) =>
      guard('QueryFailed', 'tasksOfJob', async () => {
        const rows = await db
          .selectFrom('tasks')
          .selectAll()
          .where('job_id', '=', jobId)
          .orderBy('attempt', 'asc')
          .orderBy('replica', 'asc')
          .orderBy('id', 'asc')
          .execute();
        return rows.map(rowToTask);
      }),

    tasksInStates: (states) =>
      guard('QueryFailed', 'tasksInStates', async () => {
        if (states.length === 0) return [];
        const rows = await db
          .selectFrom('tasks')
          .selectAll()
          .where('state', 'in', states)
          .orderBy('created_at', 'asc')
          .orderBy('id', 'asc')
          .execute();
        return rows.map(rowToTask);
      }),

    listEvents: (query) =>
      guard('QueryFailed', 'listEvents', async () => {
        let select = db.selectFrom('events').selectAll().orderBy('seq', 'asc');
        if (query.jobId !== undefined) select = select.where('job_id', '=', query.jobId);
        if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq);
        if (query.limit !== undefined) select = select.limit(Math.max(1, Math.trunc(query.limit)));
        const rows = await select.execute();
        return rows.map(rowToEvent);
      }),

    latestDocument: (name) =>
      guard('QueryFailed', 'latestDocument', async () => {
        const row = await db
          .selectFrom('documents')
          .selectAll()
          .where('name', '=', name)
          .orderBy('revision', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row === undefined ? undefined : rowToDocument(row);
      }),

    documentHistory: (name, limit) =>
      guard('QueryFailed', 'documentHistory', async () => {
        let select = db.selectFrom('documents').selectAll().where('name', '=', name).orderBy('revision', 'desc');
        if (limit !== undefined) select = select.limit(Math.max(1, Math.trunc(limit)));
        return (await select.execute()).map(rowToDocument);
      }),

    listTenants: () =>
      guard('QueryFailed', 'listTenants', async () =>
        (await db.selectFrom('tenants').selectAll().orderBy('name', 'asc').execute()).map(rowToTenant),
      ),

    listTokens: () =>
      guard('QueryFailed', 'listTokens', async () =>
        (await db.selectFrom('tokens').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').execute()).map(
          rowToToken,
        ),
      ),

    listAudit: (query) =>
      guard('QueryFailed', 'listAudit', async () => {
        let select = db.selectFrom('audit').selectAll().orderBy('seq', 'desc');
        if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
        if (query.beforeSeq !== undefined) select = select.where('seq', '<', query.beforeSeq);
        select = select.limit(Math.max(1, Math.min(1000, Math.trunc(query.limit ?? 100))));
        return (await select.execute()).map(rowToAudit);
      }),

    listUsage: (query) =>
      guard('QueryFailed', 'listUsage', async () => {
        let select = db.selectFrom('usage').selectAll().orderBy('day', 'asc').orderBy('id', 'asc');
        if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
        if (query.provider !== undefined) select = select.where('provider', '=', query.provider);
        if (query.fromDay !== undefined) select = select.where('day', '>=', query.fromDay);
        if (query.toDay !== undefined) select = select.where('day', '<', query.toDay);
        return (await select.execute()).map(rowToUsage);
      }),

    close: () => {
      closed ??= db.destroy();
      return closed;
    },
  };
}

async function commit(db: Kysely<Database>, change: StoreChange): Promise<void> {
  const jobs = lastById(change.jobs ?? []);
  const tasks = lastById(change.tasks ?? []);
  const events = change.events ?? [];
  const documents = change.documents ?? [];
  const tenants = change.tenants ?? [];
  const tokens = lastById(change.tokens ?? []);
  const audit = change.audit ?? [];
  const usage = lastById((change.usage ?? []).map(usageToRow));
  const total = jobs.length + tasks.length + events.length + documents.length;
  if (total + tenants.length + tokens.length + audit.length + usage.length === 0) return;

  // Rows are serialized inside the transaction on purpose: a record that cannot be stored
  // aborts the whole commit, even when earlier statements of it already ran.
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunks(jobs)) {
      await upsert(trx, 'jobs', chunk.map(jobToRow));
    }
    for (const chunk of chunks(tasks)) {
      await upsert(trx, 'tasks', chunk.map(taskToRow));
    }
    for (const chunk of chunks(events)) {
      await trx.insertInto('events').values(chunk.map(eventToRow)).execute();
    }
    for (const chunk of chunks(documents)) {
      await trx.insertInto('documents').values(chunk.map(documentToRow)).execute();
    }
    for (const tenant of tenants) {
      const row = tenantToRow(tenant);
      await trx
        .insertInto('tenants')
        .values(row)
        .onConflict((c) => c.column('name').doUpdateSet({ display_name: row.display_name }))
        .execute();
    }
    for (const chunk of chunks(tokens)) {
      await upsert(trx, 'tokens', chunk.map(tokenToRow));
    }
    for (const chunk of chunks(audit)) {
      await trx.insertInto('audit').values(chunk.map(auditToRow)).execute();
    }
    for (const chunk of chunks(usage)) {
      await upsert(trx, 'usage', chunk);
    }
  });
}

/**
 * INSERT … ON CONFLICT (id) DO UPDATE SET every other column = excluded.column.
 * The casts are where Kysely cannot follow a table name that is itself generic.
 */
async function upsert<T extends 'jobs' | 'tasks' | 'tokens' | 'usage'>(
  trx: Transaction<Database>,
  table: T,
  rows: Database[T][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first).filter((column) => column !== 'id');
  await trx
    .insertInto(table)
    .values(rows as never)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => {
        const set: Record<string, unknown> = {};
        for (const column of columns) set[column] = eb.ref(`excluded.${column}` as never);
        return set as never;
      }),
    )
    .execute();
}

/**
 * Keeps the last record per id, in first-seen order. PostgreSQL refuses an upsert that touches
 * the same row twice in one statement, and "last write wins" is what a caller means anyway.
 */
function lastById<T extends { id: string }>(records: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const record of records) byId.set(record.id, record);
  return [...byId.values()];
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += INSERT_CHUNK) {
    yield items.slice(start, start + INSERT_CHUNK);
  }
}

async function guard<T>(code: StoreErrorCode, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw StoreError.wrap(code, operation, error);
  }
}
