import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../cluster/state.js';
import { runCycle } from './cycle.js';
import type { PendingJob, RunningJob } from './framework.js';
import { compileProfile, DEFAULT_PROFILE } from './profile.js';
import { makeJob, makeNode, runningOf } from './testing.js';

const placer = compileProfile(DEFAULT_PROFILE);
const backfill = compileProfile({ ...DEFAULT_PROFILE, backfill: 'reserve-head' });

/** n0 and n1 (4 devices each): n0 half held until t=100 s, n1 half held forever. */
function world(): { cluster: ClusterState; running: RunningJob[] } {
  const cluster = new ClusterState([makeNode('n0', 'nvidia', 'h100', 4), makeNode('n1', 'nvidia', 'h100', 4)]);
  const short = makeJob('short', { count: 2 }, { maxDurationSeconds: 100, nodes: ['n0'] });
  const forever = makeJob('forever', { count: 2 }, { nodes: ['n1'] });
  const running: RunningJob[] = [];
  for (const j of [short, forever]) {
    assert.equal(runCycle(placer, cluster, [j], 0).bound.length, 1);
    running.push(runningOf(j, 0));
  }
  return { cluster, running };
}

const head = makeJob('head', { count: 4 }, { priority: 'high', submittedAt: 0 });
const later = (id: string, count: number, seconds?: number, nodes?: string[]) =>
  makeJob(
    id,
    { count },
    { submittedAt: 1, ...(seconds === undefined ? {} : { maxDurationSeconds: seconds }), ...(nodes ? { nodes } : {}) },
  );

describe('backfill (reserve-head)', () => {
  const cases: { name: string; job: PendingJob; starts: boolean; summary?: string }[] = [
    { name: 'a job that ends before the reservation starts', job: later('quick', 2, 50, ['n0']), starts: true },
    { name: 'a job that ends exactly then starts', job: later('edge', 2, 100, ['n0']), starts: true },
    {
      name: 'a job that would still run then, on the reserved capacity, waits',
      job: later('long', 2, 500, ['n0']),
      starts: false,
      summary:
        'held back for job head, which is reserved to start in 100s: this job would still run then and use its reserved capacity',
    },
    {
      name: 'a job without an end on the reserved capacity waits',
      job: later('endless', 1, undefined, ['n0']),
      starts: false,
      summary:
        'held back for job head, which is reserved to start in 100s: this job would have no end and use its reserved capacity',
    },
    { name: 'a long job beside the reservation starts', job: later('beside', 2, undefined, ['n1']), starts: true },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { cluster, running } = world();
      const result = runCycle(backfill, cluster, [head, c.job], 0, { running });
      assert.equal(result.waiting[0]!.jobId, 'head');
      assert.equal(
        result.bound.some((b) => b.jobId === c.job.id),
        c.starts,
      );
      if (c.summary) {
        const wait = result.waiting.find((w) => w.jobId === c.job.id)!;
        assert.equal(wait.summary, c.summary);
        assert.equal(wait.status.code, 'wait');
        assert.equal(wait.status.plugin, 'backfill');
      }
    });
  }

  test('any-fit (the default) starts whatever fits', () => {
    const { cluster, running } = world();
    const result = runCycle(placer, cluster, [head, later('long', 2, 500, ['n0'])], 0, { running });
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['long'],
    );
  });

  test('when the head waits on jobs that never end, nothing can delay it', () => {
    const { cluster, running } = world();
    const forever = running.map(({ maxDurationSeconds: _, ...r }) => r);
    const result = runCycle(backfill, cluster, [head, later('long', 2, 500, ['n0'])], 0, { running: forever });
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['long'],
    );
  });

  test('the reservation is at the earliest end that frees enough', () => {
    const cluster = new ClusterState([makeNode('n0', 'nvidia', 'h100', 4)]);
    const running: RunningJob[] = [];
    [30, 10, 20, 40].forEach((seconds, i) => {
      const j = makeJob(`r${i}`, { count: 1 }, { maxDurationSeconds: seconds });
      runCycle(placer, cluster, [j], 0);
      running.push(runningOf(j, 0));
    });
    const needsThree = makeJob('head', { count: 3 }, { priority: 'high' });
    const result = runCycle(backfill, cluster, [needsThree], 5_000, { running });
    assert.equal(result.waiting.length, 1);
    // Ends at 10, 20, 30 s: three devices are free at 30 s, 25 s after now.
    const probe = makeJob('probe', { count: 1 }, { maxDurationSeconds: 26, submittedAt: 1 });
    cluster.release('r1');
    const again = runCycle(backfill, cluster, [needsThree, probe], 5_000, {
      running: running.filter((r) => r.id !== 'r1'),
    });
    assert.equal(
      again.waiting.find((w) => w.jobId === 'probe')?.summary,
      'held back for job head, which is reserved to start in 25s: this job would still run then and use its reserved capacity',
    );
  });
});
