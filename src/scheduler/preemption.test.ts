import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../cluster/state.js';
import { runCycle } from './cycle.js';
import type { PendingJob, RunningJob } from './framework.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from './profile.js';
import type { QueueConfig } from './queues.js';
import { makeJob, makeNode, runningOf } from './testing.js';

const placer = compileProfile(DEFAULT_PROFILE);
const preempting = compileProfile({ ...DEFAULT_PROFILE, preempt: ['priority-preempt'] });

function nodes(n: number, devices = 4): ClusterState {
  return new ClusterState(Array.from({ length: n }, (_, i) => makeNode(`n${i}`, 'nvidia', 'h100', devices)));
}

/** Places jobs in order (as if started at their index, seconds) and reports them as running. */
function start(cluster: ClusterState, jobs: PendingJob[]): RunningJob[] {
  return jobs.map((j, i) => {
    assert.equal(runCycle(placer, cluster, [j], 0).bound.length, 1, `setup job ${j.id} fits`);
    return runningOf(j, i * 1000);
  });
}

const low = (id: string, count = 1, preemptible = true) => makeJob(id, { count }, { priority: 'low', preemptible });

describe('preemption', () => {
  const cases: { name: string; running: PendingJob[]; job: PendingJob; victims?: string[]; summary?: RegExp }[] = [
    {
      name: 'a higher priority job evicts a lower preemptible one',
      running: [low('l0', 4)],
      job: makeJob('h', { count: 4 }, { priority: 'high' }),
      victims: ['l0'],
    },
    {
      name: 'never a non-preemptible job',
      running: [low('l0', 4, false)],
      job: makeJob('h', { count: 4 }, { priority: 'critical' }),
      summary: /no node with 4 free devices/,
    },
    {
      name: 'never an equal priority',
      running: [makeJob('n0', { count: 4 }, { preemptible: true })],
      job: makeJob('h', { count: 4 }),
      summary: /no node with 4 free devices/,
    },
    {
      name: 'only as many victims as needed, lowest priority first, then the most recent',
      running: [
        makeJob('normal', { count: 1 }, { priority: 'normal', preemptible: true }),
        low('old'),
        low('mid'),
        low('new'),
      ],
      job: makeJob('h', { count: 2 }, { priority: 'high' }),
      victims: ['new', 'mid'],
    },
    {
      name: 'the node whose victims are cheapest',
      running: [
        makeJob('n-a', { count: 2 }, { priority: 'normal', preemptible: true }),
        low('keep', 2),
        low('l-b', 2),
        low('l-c', 2),
      ],
      job: makeJob('h', { count: 4 }, { priority: 'high' }),
      victims: ['l-c', 'l-b'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const cluster = nodes(c.name.startsWith('the node') ? 2 : 1);
      const running = start(cluster, c.running);
      const result = runCycle(preempting, cluster, [c.job], 0, { running });
      assert.equal(result.bound.length, 0);
      if (c.victims) {
        assert.deepEqual(result.preempted[0]?.victims, c.victims);
        assert.match(result.waiting[0]!.summary, /^preempting \d jobs? \(.*\) to make room; starts once they stop$/);
        assert.equal(result.waiting[0]!.status.code, 'wait');
        for (const v of c.victims) cluster.release(v);
        const next = runCycle(preempting, cluster, [c.job], 0, {
          running: running.filter((r) => !c.victims!.includes(r.id)),
        });
        assert.equal(next.bound.length, 1, 'the preemptor is placed once the victims are gone');
      } else {
        assert.equal(result.preempted.length, 0);
        assert.match(result.waiting[0]!.summary, c.summary!);
      }
    });
  }

  test('a gang is evicted whole', () => {
    const cluster = nodes(2);
    const running = start(cluster, [
      makeJob('gang', { count: 4 }, { replicas: 2, priority: 'low', preemptible: true }),
    ]);
    const result = runCycle(preempting, cluster, [makeJob('h', { count: 2 }, { priority: 'high' })], 0, { running });
    assert.deepEqual(result.preempted, [
      { jobId: 'h', victims: ['gang'], reason: 'priority: low preemptible job yields to high' },
    ]);
  });

  test('jobs already stopping are not preempted again', () => {
    const cluster = nodes(1);
    const running = start(cluster, [low('l0', 4)]).map((r) => ({ ...r, terminating: true }));
    const result = runCycle(preempting, cluster, [makeJob('h', { count: 4 }, { priority: 'high' })], 0, { running });
    assert.deepEqual(result.preempted, []);
    assert.equal(result.waiting[0]!.summary, 'waiting for stopping jobs to release their capacity');
  });

  test('two preemptors never share a victim', () => {
    const cluster = nodes(1);
    const running = start(cluster, [low('l0', 4)]);
    const jobs = [
      makeJob('h1', { count: 4 }, { priority: 'high', submittedAt: 0 }),
      makeJob('h2', { count: 4 }, { priority: 'high', submittedAt: 1 }),
    ];
    const result = runCycle(preempting, cluster, jobs, 0, { running });
    assert.deepEqual(result.preempted, [
      { jobId: 'h1', victims: ['l0'], reason: 'priority: low preemptible job yields to high' },
    ]);
    assert.match(result.waiting[1]!.summary, /^no node with 4 free devices/);
  });

  test('without preempt plugins nothing is preempted (the default profile)', () => {
    const cluster = nodes(1);
    const running = start(cluster, [low('l0', 4)]);
    const result = runCycle(placer, cluster, [makeJob('h', { count: 4 }, { priority: 'high' })], 0, { running });
    assert.deepEqual(result.preempted, []);
  });

  describe('reclaim', () => {
    const queues: QueueConfig[] = [
      { name: 'a', tenant: 'x', weight: 1, quota: { devices: { nvidia: 4 } } },
      { name: 'b', tenant: 'y', weight: 1, quota: { devices: { nvidia: 4 } } },
    ];
    const fair = compileProfile({ ...FAIR_PROFILE, backfill: 'any-fit' }, { queues });
    const inA = (id: string, count: number) =>
      makeJob(id, { count }, { queue: 'a', priority: 'low', preemptible: true });

    test('takes back what another queue borrows, with the fewest evictions', () => {
      const cluster = nodes(2);
      const running = start(cluster, [inA('a-own', 4), inA('a-borrow', 2), inA('a-borrow2', 2)]);
      const result = runCycle(fair, cluster, [makeJob('b1', { count: 4 }, { queue: 'b' })], 0, { running });
      assert.deepEqual(result.preempted[0]?.victims, ['a-own']);
      assert.match(result.preempted[0]!.reason, /^reclaim: queue a holds 8 nvidia devices, beyond its quota of 4/);
    });

    test('a queue within its quota keeps its jobs', () => {
      const cluster = nodes(1, 8);
      const running = start(cluster, [inA('a-own', 4)]);
      const fill = start(cluster, [makeJob('b-own', { count: 4 }, { queue: 'b' })]);
      const result = runCycle(fair, cluster, [makeJob('b2', { count: 2 }, { queue: 'b', priority: 'high' })], 0, {
        running: [...running, ...fill],
      });
      assert.deepEqual(result.preempted, []);
    });
  });
});
