/** The listJobs part of the Store contract: filters, keyset paging and limits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type StoreOpener, withStore } from './contract-harness.js';
import { StoreError } from './errors.js';
import { isoAt, jobFixture, specFixture } from './fixtures.js';
import { JOB_PHASES, type JobQuery, type JobRecord, type Store } from './types.js';

const TEAMS = ['vision', 'nlp', 'speech', 'infra'];
const QUEUES = ['default', 'batch', 'interactive'];

/** 120 jobs with creation-time ties (three per second) and ids that do not follow creation order. */
function pagingJobs(): JobRecord[] {
  const jobs: JobRecord[] = [];
  for (let i = 0; i < 120; i++) {
    const labels: Record<string, string> = { team: TEAMS[i % 4]!, tier: i % 3 === 0 ? 'gold' : 'bronze' };
    if (i % 10 === 0) labels.note = 'say "hi" 100%_';
    const name = i % 10 === 0 ? `sweep_${i}%` : i % 2 === 1 ? `eval-${i}` : `train-${i}`;
    jobs.push(
      jobFixture({
        id: `page-${String((i * 37) % 120).padStart(3, '0')}`,
        tenant: i % 5 === 0 ? 'globex' : 'acme',
        name,
        queue: QUEUES[i % 3]!,
        phase: JOB_PHASES[i % 5]!,
        createdAt: isoAt(Math.floor(i / 3)),
        spec: specFixture({ name, labels }),
      }),
    );
  }
  return jobs;
}

/** The reference semantics of JobQuery filters. */
function matches(job: JobRecord, query: JobQuery): boolean {
  if (query.tenant !== undefined && job.tenant !== query.tenant) return false;
  if (query.queue !== undefined && job.queue !== query.queue) return false;
  if (query.phases !== undefined && query.phases.length > 0 && !query.phases.includes(job.phase)) return false;
  if (query.name && !job.name.includes(query.name)) return false;
  return Object.entries(query.labels ?? {}).every(([key, value]) => job.spec.labels[key] === value);
}

function newestFirst(a: JobRecord, b: JobRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Follows nextCursor to the end; every page but the last must be full. */
async function pageAll(store: Store, query: JobQuery, limit: number): Promise<JobRecord[]> {
  const seen: JobRecord[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.listJobs(cursor === undefined ? query : { ...query, cursor });
    assert.ok(page.items.length <= limit, 'a page holds at most limit jobs');
    seen.push(...page.items);
    if (page.nextCursor === null) return seen;
    assert.equal(page.items.length, limit, 'only the last page may be short');
    cursor = page.nextCursor;
  }
  assert.fail('paging did not end');
}

const QUERIES: { query: JobQuery; limit: number }[] = [
  { query: { limit: 7 }, limit: 7 },
  { query: { phases: ['Pending', 'Running'], limit: 10 }, limit: 10 },
  { query: { phases: [] }, limit: 50 },
  { query: { queue: 'batch', tenant: 'acme', limit: 5 }, limit: 5 },
  { query: { name: 'eval', limit: 9 }, limit: 9 },
  { query: { name: '_', limit: 2 }, limit: 2 },
  { query: { name: '%' }, limit: 50 },
  { query: { name: 'EVAL' }, limit: 50 },
  { query: { labels: { team: 'nlp' }, limit: 4 }, limit: 4 },
  { query: { labels: { team: 'nlp', tier: 'gold' }, phases: ['Pending', 'Failed', 'Succeeded'], limit: 3 }, limit: 3 },
  { query: { labels: { note: 'say "hi" 100%_' }, limit: 1 }, limit: 1 },
  { query: { labels: { team: 'nlp' }, name: 'train', tenant: 'acme', limit: 1 }, limit: 1 },
  { query: { labels: { team: 'robotics' } }, limit: 50 },
  { query: { labels: { TEAM: 'nlp' } }, limit: 50 },
];

export function pagingContract(open: StoreOpener): void {
  test('listJobs pages 120 jobs newest first, each matching job exactly once, for every filter', () =>
    withStore(open, async ({ store }) => {
      const jobs = pagingJobs();
      await store.commit({ jobs });
      for (const { query, limit } of QUERIES) {
        const expected = jobs.filter((job) => matches(job, query)).sort(newestFirst);
        const got = await pageAll(store, query, limit);
        assert.deepEqual(
          got.map((job) => job.id),
          expected.map((job) => job.id),
          `query ${JSON.stringify(query)}`,
        );
      }
      const [newest] = (await store.listJobs({ limit: 1 })).items;
      assert.deepEqual(newest, [...jobs].sort(newestFirst)[0], 'listed jobs are full records');
    }));

  test('listJobs finds sparse label matches spread over many jobs', () =>
    withStore(open, async ({ store }) => {
      const jobs = Array.from({ length: 450 }, (_, i) =>
        jobFixture({
          id: `sparse-${String(i).padStart(3, '0')}`,
          createdAt: isoAt(i),
          spec: specFixture({ labels: { rare: i % 97 === 0 ? 'yes' : 'no' } }),
        }),
      );
      await store.commit({ jobs });
      const got = await pageAll(store, { labels: { rare: 'yes' }, limit: 2 }, 2);
      assert.deepEqual(
        got.map((job) => job.id),
        ['sparse-388', 'sparse-291', 'sparse-194', 'sparse-097', 'sparse-000'],
      );
    }));

  test('listJobs limit defaults to 50 and is clamped to 1..500', () =>
    withStore(open, async ({ store }) => {
      const jobs = Array.from({ length: 501 }, (_, i) => jobFixture({ id: `lim-${i}`, createdAt: isoAt(i) }));
      await store.commit({ jobs });
      const sizes = async (query: JobQuery) => {
        const page = await store.listJobs(query);
        return [page.items.length, page.nextCursor !== null];
      };
      assert.deepEqual(await sizes({}), [50, true]);
      assert.deepEqual(await sizes({ limit: 0 }), [1, true]);
      assert.deepEqual(await sizes({ limit: -3 }), [1, true]);
      assert.deepEqual(await sizes({ limit: 10_000 }), [500, true]);
      assert.deepEqual(await sizes({ tenant: 'nobody' }), [0, false]);
    }));

  test('listJobs rejects a cursor it did not make', () =>
    withStore(open, async ({ store }) => {
      for (const cursor of ['not a cursor', Buffer.from('{"a":1}').toString('base64url'), '']) {
        await assert.rejects(store.listJobs({ cursor }), (error: unknown) => {
          assert.ok(error instanceof StoreError);
          assert.equal(error.code, 'InvalidCursor');
          return true;
        });
      }
    }));
}
