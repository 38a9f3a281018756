import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../../cluster/state.js';
import { runCycle } from '../cycle.js';
import { CycleState, type PendingJob, type RunningJob } from '../framework.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from '../profile.js';
import { QUEUE_USAGE_KEY, type QueueConfig, QueueConfigError, QueueUsage } from '../queues.js';
import { makeJob, makeNode, runningOf } from '../testing.js';
import { queueQuota } from './queue-quota.js';

const QUEUES: QueueConfig[] = [
  { name: 'research', tenant: 'lab', weight: 1, quota: { devices: { nvidia: 8 } }, limit: { devices: { nvidia: 16 } } },
  { name: 'prod', tenant: 'ops', weight: 1, quota: { devices: { nvidia: 8, hygon: 8 } } },
];

const fair = compileProfile({ ...FAIR_PROFILE, backfill: 'any-fit' }, { queues: QUEUES });
const placer = compileProfile(DEFAULT_PROFILE);

function nvidia(n: number): ClusterState {
  return new ClusterState(Array.from({ length: n }, (_, i) => makeNode(`nv-${i}`, 'nvidia', 'nvidia-h100-sxm', 8)));
}

/** Places jobs with no queue rules (as if they started earlier) and reports them as running. */
function start(cluster: ClusterState, jobs: PendingJob[]): RunningJob[] {
  const r = runCycle(placer, cluster, jobs, 0);
  assert.equal(r.bound.length, jobs.length, 'setup jobs all fit');
  return jobs.map((j) => runningOf(j));
}

const job = (id: string, queue: string, count: number, vendors = ['nvidia']) =>
  makeJob(id, { count, vendors }, { queue });

describe('queue-quota', () => {
  const cases: {
    name: string;
    nodes: number;
    held: [string, number][];
    want: PendingJob;
    bound: boolean;
    summary?: string;
    code?: string;
  }[] = [
    { name: 'within quota', nodes: 4, held: [], want: job('j', 'research', 8), bound: true },
    {
      name: 'borrows idle quota of another queue',
      nodes: 4,
      held: [['research', 8]],
      want: job('j', 'research', 4),
      bound: true,
    },
    {
      name: 'at its limit',
      nodes: 4,
      held: [
        ['research', 8],
        ['research', 8],
      ],
      want: job('j', 'research', 1),
      bound: false,
      summary: 'queue research at its limit: holds 16 nvidia devices, limit 16',
      code: 'unschedulable',
    },
    {
      name: 'would pass its limit',
      nodes: 4,
      held: [
        ['research', 8],
        ['research', 6],
      ],
      want: job('j', 'research', 4),
      bound: false,
      summary: 'queue research would pass its limit: holds 14 nvidia devices, needs 4 more, limit 16',
    },
    {
      name: 'cannot borrow what other queues use',
      nodes: 4,
      held: [
        ['research', 8],
        ['prod', 8],
      ],
      want: job('j', 'research', 2),
      bound: false,
      summary: 'queue research cannot borrow 2 nvidia devices beyond its quota of 8: other queues have 0 idle',
    },
    {
      name: 'unknown queue',
      nodes: 1,
      held: [],
      want: job('j', 'ghost', 1),
      bound: false,
      summary: 'queue ghost is not configured; known queues: research, prod',
      code: 'unresolvable',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const cluster = nvidia(c.nodes);
      const running = start(
        cluster,
        c.held.map(([queue, count], i) => job(`held-${i}`, queue, count)),
      );
      const result = runCycle(fair, cluster, [c.want], 0, { running });
      assert.equal(result.bound.length, c.bound ? 1 : 0);
      if (c.summary) assert.equal(result.waiting[0]!.summary, c.summary);
      if (c.code) assert.equal(result.waiting[0]!.status.code, c.code);
    });
  }

  test('a job open to any vendor is steered to the kind its queue may take', () => {
    const cluster = new ClusterState([
      makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 8),
      makeNode('nv-1', 'nvidia', 'nvidia-h100-sxm', 8),
      makeNode('hy-0', 'hygon', 'hygon-dcu-k100_ai', 8),
    ]);
    const queues: QueueConfig[] = [
      { name: 'a', tenant: 't', weight: 1, quota: { devices: { hygon: 8 } } },
      { name: 'b', tenant: 't', weight: 1, quota: { devices: { nvidia: 8 } } },
    ];
    const profile = compileProfile({ ...FAIR_PROFILE, backfill: 'any-fit' }, { queues });
    const running = start(cluster, [job('b-full', 'b', 8)]);
    const result = runCycle(profile, cluster, [job('open', 'a', 2, [])], 0, { running });
    assert.equal(result.bound[0]!.placements[0]!.vendor, 'hygon');
    const more = runCycle(profile, cluster, [job('hy-full', 'a', 6, ['hygon'])], 0, { running });
    assert.equal(more.bound.length, 1);
    const running2 = [...running, runningOf(job('open', 'a', 2, [])), runningOf(job('hy-full', 'a', 6, ['hygon']))];
    const blocked = runCycle(profile, cluster, [job('again', 'a', 2, [])], 0, { running: running2 });
    assert.equal(
      blocked.waiting[0]!.summary,
      'no node with 2 free devices: 2 nodes have 0; 1 node is held back by queue quota: ' +
        'queue a cannot borrow 2 nvidia devices beyond its quota of 0: other queues have 0 idle',
    );
  });

  test('CPU quota is checked at admission', () => {
    const queues: QueueConfig[] = [
      { name: 'cpu', tenant: 't', weight: 1, quota: { cpuMillis: 2000 }, limit: { cpuMillis: 2000 } },
    ];
    const profile = compileProfile({ ...FAIR_PROFILE, backfill: 'any-fit' }, { queues });
    const cluster = nvidia(1);
    const jobs = [0, 1, 2].map((i) => makeJob(`c${i}`, { kind: 'none', count: 0 }, { queue: 'cpu', submittedAt: i }));
    const result = runCycle(profile, cluster, jobs, 0);
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['c0', 'c1'],
    );
    assert.equal(result.waiting[0]!.summary, 'queue cpu at its limit: holds 2000m CPU, limit 2000m');
  });

  test('allocations of jobs the caller did not list count for no queue', () => {
    const cluster = nvidia(3);
    start(cluster, [job('stray', 'research', 8)]);
    const result = runCycle(fair, cluster, [job('j', 'research', 8), job('k', 'research', 8)], 0);
    assert.equal(result.bound.length, 2);
  });

  test('a share counts as the larger of its memory and compute fractions', () => {
    const cluster = nvidia(1);
    const usage = new QueueUsage();
    const cycle = new CycleState();
    cycle.write(QUEUE_USAGE_KEY, usage);
    const plugin = queueQuota({
      queues: [
        { name: 'q', tenant: 't', weight: 1, quota: { devices: { nvidia: 1 } }, limit: { devices: { nvidia: 1 } } },
      ],
    });
    const share = (id: string, memoryMiB: number, computePercent: number) =>
      makeJob(
        id,
        { kind: 'share', count: 1, vendors: ['nvidia'], share: { memoryMiB, computePercent } },
        { queue: 'q' },
      );
    const ctx = { now: 0, cluster, cycle };
    const place = (j: PendingJob) => runCycle(placer, cluster, [j], 0).bound[0]!.placements;
    const half = place(share('mem-heavy', 40960, 10));
    assert.equal(plugin.permit(share('x', 40960, 10), half, ctx).code, 'success');
    usage.add('mem-heavy', 'q', { devices: new Map([['nvidia/nvidia-h100-sxm', 500]]), cpuMillis: 0, memoryMiB: 0 });
    const again = place(share('mem-heavy-2', 49152, 10));
    assert.equal(
      plugin.permit(share('y', 49152, 10), again, ctx).reason,
      'queue q would pass its limit: holds 0.5 nvidia devices, needs 0.75 more, limit 1',
    );
  });

  test('without queues it is a no-op', () => {
    const plugin = queueQuota({});
    const ctx = { now: 0, cluster: nvidia(1), cycle: new CycleState() };
    assert.equal(plugin.admit(job('j', 'anything', 1), ctx).code, 'success');
  });

  test('queue configuration errors name the field', () => {
    const bad = (queues: QueueConfig[], path: string) =>
      assert.throws(
        () => compileProfile(FAIR_PROFILE, { queues }),
        (e: unknown) => e instanceof QueueConfigError && e.path === path,
      );
    bad(
      [{ name: 'a', tenant: 't', weight: 1, quota: { devices: { nvidia: 8 } }, limit: { devices: { nvidia: 4 } } }],
      'queues[0].limit.devices.nvidia',
    );
    bad([{ name: 'a', tenant: 't', weight: 0, quota: {} }], 'queues[0].weight');
    bad(
      [
        { name: 'a', tenant: 't', weight: 1, quota: {} },
        { name: 'a', tenant: 't', weight: 1, quota: {} },
      ],
      'queues[1].name',
    );
    bad([{ name: 'a', tenant: 't', weight: 1, quota: { cpuMillis: -1 } }], 'queues[0].quota.cpuMillis');
  });
});
