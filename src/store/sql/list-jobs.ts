/**
 * listJobs for any SQL dialect: newest first by (created_at, id), keyset paging.
 *
 * Tenant, phase and queue filter exactly in SQL. Name and label filters are narrowed in SQL with
 * LIKE (a superset: SQLite's LIKE ignores ASCII case) and decided exactly here, scanning further
 * batches until the page is full, so a page is never short while matching jobs remain.
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, JobsTable } from '../schema.js';
import type { JobPage, JobQuery, JobRecord } from '../types.js';
import { decodeCursor, encodeCursor, type JobKey } from './cursor.js';
import { rowToJob } from './rows.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
/** Rows read per round when code must decide the match, so sparse matches need few round trips. */
const SCAN_BATCH = 200;
const LIKE_ESCAPE = '!';

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(limit)));
}

export async function listJobs(db: Kysely<Database>, query: JobQuery): Promise<JobPage> {
  const limit = clampLimit(query.limit);
  const wanted = limit + 1;
  const exactInCode = hasCodeFilters(query);
  const batch = exactInCode ? Math.max(wanted, SCAN_BATCH) : wanted;
  let after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const items: JobRecord[] = [];

  for (;;) {
    const rows = await prefiltered(db, query, after).limit(batch).execute();
    for (const row of rows) {
      if (exactInCode && !matchesExactly(row, query)) continue;
      items.push(rowToJob(row));
      if (items.length === wanted) break;
    }
    const last = rows.at(-1);
    if (items.length === wanted || rows.length < batch || last === undefined) break;
    after = { createdAt: last.created_at, id: last.id };
  }

  const page = items.slice(0, limit);
  const lastOnPage = page.at(-1);
  const nextCursor = items.length > limit && lastOnPage !== undefined ? encodeCursor(lastOnPage) : null;
  return { items: page, nextCursor };
}

function prefiltered(
  db: Kysely<Database>,
  query: JobQuery,
  after: JobKey | null,
): SelectQueryBuilder<Database, 'jobs', JobsTable> {
  let select = db.selectFrom('jobs').selectAll();
  if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
  if (query.queue !== undefined) select = select.where('queue', '=', query.queue);
  if (query.phases !== undefined && query.phases.length > 0) select = select.where('phase', 'in', query.phases);
  if (query.name) select = select.where(like('name', query.name));
  for (const [key, value] of Object.entries(query.labels ?? {})) {
    select = select.where(like('labels', `${JSON.stringify(key)}:${JSON.stringify(value)}`));
  }
  if (after !== null) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return select.orderBy('created_at', 'desc').orderBy('id', 'desc');
}

function hasCodeFilters(query: JobQuery): boolean {
  return Boolean(query.name) || Object.keys(query.labels ?? {}).length > 0;
}

function matchesExactly(row: JobsTable, query: JobQuery): boolean {
  if (query.name && !row.name.includes(query.name)) return false;
  const wanted = Object.entries(query.labels ?? {});
  if (wanted.length === 0) return true;
  const labels = JSON.parse(row.labels) as Record<string, string>;
  return wanted.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}

function like(column: 'name' | 'labels', substring: string) {
  const escaped = substring.replace(/[!%_]/g, (char) => `${LIKE_ESCAPE}${char}`);
  return sql<boolean>`${sql.ref(column)} like ${`%${escaped}%`} escape ${LIKE_ESCAPE}`;
}
