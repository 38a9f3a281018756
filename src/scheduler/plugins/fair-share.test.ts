import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../../cluster/state.js';
import { runCycle } from '../cycle.js';
import { CycleState } from '../framework.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from '../profile.js';
import { QUEUE_USAGE_KEY, type QueueConfig, QueueUsage } from '../queues.js';
import { makeJob, makeNode } from '../testing.js';
import { fairShare } from './fair-share.js';

const hold = (devices: number, cpuMillis = 0) => ({
  devices: new Map(devices > 0 ? [['nvidia/h100', devices * 1000]] : []),
  cpuMillis,
  memoryMiB: 0,
});

function ctxWith(held: Record<string, { devices: Map<string, number>; cpuMillis: number; memoryMiB: number }>) {
  const cluster = new ClusterState([makeNode('n0', 'nvidia', 'h100', 8), makeNode('n1', 'nvidia', 'h100', 8)]);
  const usage = new QueueUsage();
  for (const [queue, h] of Object.entries(held)) usage.add(`job-of-${queue}`, queue, h);
  const cycle = new CycleState();
  cycle.write(QUEUE_USAGE_KEY, usage);
  return { now: 0, cluster, cycle };
}

const q = (name: string, tenant: string, weight = 1): QueueConfig => ({ name, tenant, weight, quota: {} });

describe('fair-share', () => {
  const cases: {
    name: string;
    queues: QueueConfig[];
    held: Record<string, ReturnType<typeof hold>>;
    first: string;
    second: string;
  }[] = [
    {
      name: 'the lower dominant share goes first',
      queues: [q('a', 'x'), q('b', 'y')],
      held: { a: hold(8) },
      first: 'b',
      second: 'a',
    },
    {
      name: 'weights divide the share',
      queues: [q('a', 'x', 3), q('b', 'y', 1)],
      held: { a: hold(6), b: hold(4) },
      first: 'a',
      second: 'b',
    },
    {
      name: 'the dominant resource counts, here CPU',
      queues: [q('a', 'x'), q('b', 'y')],
      held: { a: hold(4), b: hold(0, 100_000) },
      first: 'a',
      second: 'b',
    },
    {
      name: 'tenants first: a light queue of a heavy tenant waits',
      queues: [q('a1', 'x'), q('a2', 'x'), q('b', 'y')],
      held: { a1: hold(10), b: hold(4) },
      first: 'b',
      second: 'a2',
    },
    {
      name: 'within a tenant, queues by their own shares',
      queues: [q('a1', 'x'), q('a2', 'x')],
      held: { a1: hold(3), a2: hold(1) },
      first: 'a2',
      second: 'a1',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plugin = fairShare({ queues: c.queues });
      assert.ok(plugin.compareQueues(c.first, c.second, ctxWith(c.held)) < 0);
      assert.ok(plugin.compareQueues(c.second, c.first, ctxWith(c.held)) > 0);
    });
  }

  test('a cycle alternates between queues as shares change, priority then FIFO within a queue', () => {
    const queues: QueueConfig[] = [
      { name: 'a', tenant: 'x', weight: 1, quota: { devices: { nvidia: 4 } } },
      { name: 'b', tenant: 'y', weight: 1, quota: { devices: { nvidia: 4 } } },
    ];
    const profile = compileProfile({ ...FAIR_PROFILE, backfill: 'any-fit' }, { queues });
    const cluster = new ClusterState([makeNode('n', 'nvidia', 'h100', 4)]);
    const jobs = [
      ...[0, 1, 2, 3].map((i) => makeJob(`a${i}`, {}, { queue: 'a', submittedAt: i })),
      makeJob('b-low', {}, { queue: 'b', submittedAt: 0, priority: 'low' }),
      makeJob('b-late', {}, { queue: 'b', submittedAt: 9 }),
      makeJob('b-early', {}, { queue: 'b', submittedAt: 5 }),
    ];
    const result = runCycle(profile, cluster, jobs, 0);
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['a0', 'b-early', 'a1', 'b-late'],
    );
    const plain = runCycle(
      compileProfile(DEFAULT_PROFILE),
      new ClusterState([makeNode('n', 'nvidia', 'h100', 4)]),
      jobs,
      0,
    );
    assert.deepEqual(
      plain.bound.map((b) => b.jobId),
      ['a0', 'a1', 'a2', 'a3'],
    );
  });
});
