import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../cluster/state.js';
import type { NodeInfo } from '../cluster/types.js';
import { runCycle } from './cycle.js';
import type { PendingJob, Profile } from './framework.js';
import { FRAG_PACK_MIX } from './plugins/frag-pack.js';
import { estimateWorkloadMix } from './plugins/fragmentation.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from './profile.js';
import type { QueueConfig } from './queues.js';
import { makeJob, makeNode } from './testing.js';

const VENDORS = [
  ['nvidia', 'h100'],
  ['hygon', 'k100'],
  ['ascend', '910b'],
] as const;

/** The same profile with a zero-weight score that reads node names: the cycle then walks every node. */
function walkingEveryNode(profile: Profile): Profile {
  const byName = { name: 'by-name', nameDependent: true, score: () => 0 };
  return { ...profile, score: [...profile.score, { plugin: byName, weight: 0 }] };
}

const nodeArb = fc.record({
  vendor: fc.integer({ min: 0, max: 2 }),
  /** Another vendor's devices on the same node (a mixed node), or none. */
  mixedWith: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
  devices: fc.integer({ min: 1, max: 4 }),
  cpu: fc.constantFrom(8000, 32000, 64000),
});

const jobArb = fc.record({
  vendors: fc.constantFrom<number[]>([], [], [0], [1], [2], [0, 1], [2, 0]),
  share: fc.option(fc.constantFrom(10, 25, 40, 50, 75), { freq: 2 }),
  count: fc.constantFrom(1, 1, 2, 4),
  cpu: fc.constantFrom(1000, 4000, 16000),
  replicas: fc.constantFrom(1, 1, 1, 2),
});

function buildNodes(
  specs: readonly { vendor: number; mixedWith: number | null; devices: number; cpu: number }[],
): NodeInfo[] {
  return specs.map((s, i) => {
    const [vendor, model] = VENDORS[s.vendor]!;
    const node = makeNode(`n-${i}`, vendor, model, s.devices, { cpuMillis: s.cpu });
    if (s.mixedWith !== null && s.mixedWith !== s.vendor) {
      const [other, otherModel] = VENDORS[s.mixedWith]!;
      const extra = makeNode('x', other, otherModel, 2).devices.map((d, k) => ({ ...d, index: s.devices + k }));
      node.devices.push(...extra);
    }
    return node;
  });
}

function buildJobs(
  specs: readonly { vendors: number[]; share: number | null; count: number; cpu: number; replicas: number }[],
): PendingJob[] {
  return specs.map((s, i) => {
    const vendors = s.vendors.map((v) => VENDORS[v]![0]);
    const job =
      s.share === null
        ? makeJob(`j-${i}`, { count: s.count, vendors }, { replicas: s.replicas, submittedAt: i, queue: `q${i % 2}` })
        : makeJob(
            `j-${i}`,
            { kind: 'share', count: 1, vendors, share: { memoryMiB: s.share * 655, computePercent: s.share } },
            { replicas: s.replicas, submittedAt: i, queue: `q${i % 2}` },
          );
    job.spec.resources.perReplica.cpuMillis = s.cpu;
    return job;
  });
}

/** Two queues of two tenants with small device quotas, so quota refusals (a dynamic filter) happen. */
const QUEUES: QueueConfig[] = [
  {
    name: 'q0',
    tenant: 't0',
    weight: 1,
    quota: { devices: { nvidia: 1, hygon: 1 } },
    limit: { devices: { nvidia: 2, hygon: 3 } },
  },
  { name: 'q1', tenant: 't1', weight: 2, quota: { devices: { nvidia: 2, ascend: 1 } } },
];

function sameDecisions(profileOf: (jobs: readonly PendingJob[]) => Profile, seed: number) {
  fc.assert(
    fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 10 }), fc.array(jobArb, { maxLength: 40 }), (n, j) => {
      const nodes = buildNodes(n);
      const jobs = buildJobs(j);
      const profile = profileOf(jobs);
      const fastCluster = new ClusterState(nodes);
      const fullCluster = new ClusterState(nodes);
      const where = (r: ReturnType<typeof runCycle>) =>
        r.bound.map((b) => ({ job: b.jobId, at: b.placements.map((p) => [p.node, p.devices.map((d) => d.index)]) }));
      // Two cycles on the same clusters, half of the first cycle's jobs ending in between: the
      // rankings' change logs carry over from one cycle to the next.
      let pending = jobs;
      for (let cycle = 0; cycle < 2; cycle++) {
        const fast = runCycle(profile, fastCluster, pending, cycle);
        const full = runCycle(walkingEveryNode(profile), fullCluster, pending, cycle);
        assert.deepEqual(where(fast), where(full));
        assert.deepEqual(
          fast.waiting.map((w) => w.jobId),
          full.waiting.map((w) => w.jobId),
        );
        fast.bound.forEach((b, i) => {
          if (i % 2 === 0) {
            fastCluster.release(b.jobId);
            fullCluster.release(b.jobId);
          }
        });
        const waiting = new Set(fast.waiting.map((w) => w.jobId));
        pending = pending.filter((j) => waiting.has(j.id));
      }
    }),
    { numRuns: 400, seed },
  );
}

const workloadOf = (jobs: readonly PendingJob[]) =>
  estimateWorkloadMix(
    jobs.map((x) => x.spec.resources.perReplica),
    FRAG_PACK_MIX,
  );

describe('per-class walk', () => {
  test('decides exactly as the walk over every node, for requests naming no, one or two vendors, mixed nodes included', () => {
    sameDecisions((jobs) => compileProfile(DEFAULT_PROFILE, { workload: workloadOf(jobs) }), 5);
  });

  test('with queues, quotas and fair share (dynamic filters, verdicts shared across queues), it still decides as the full walk', () => {
    sameDecisions(
      (jobs) =>
        compileProfile(
          { ...FAIR_PROFILE, preempt: [], backfill: 'any-fit' },
          { workload: workloadOf(jobs), queues: QUEUES },
        ),
      9,
    );
  });
});
