/**
 * The scheduler core at supercluster scale: 10,240 accelerators of four vendors in 1,280 nodes
 * and 40 supernodes, and a seeded mix of fractional shares, whole devices and gangs.
 * Measures (1) a cold cycle over the whole backlog, (2) online decisions one job per cycle, as
 * the server makes them, and (3) release throughput. Same code the server runs. Then the same
 * cluster and workload (with queues, priorities and durations) under each profile variant, so the
 * cost of quotas, fair share, preemption and backfill is visible (see ./scheduler-variants.ts).
 */
import { ClusterState } from '../src/cluster/state.js';
import type { NodeInfo } from '../src/cluster/types.js';
import { runCycle } from '../src/scheduler/cycle.js';
import type { PendingJob } from '../src/scheduler/framework.js';
import { compileProfile, DEFAULT_PROFILE } from '../src/scheduler/profile.js';
import { makeJob } from '../src/scheduler/testing.js';
import { variantsBenchmark } from './scheduler-variants.js';

const NODES = 1280;
const DEVICES_PER_NODE = 8;
const NODES_PER_SUPERNODE = 32;
const JOBS = 20_000;
const SEED = 42;

export const FLEET = [
  { vendor: 'nvidia', model: 'nvidia-h100-sxm', memoryMiB: 81920, share: 0.4 },
  { vendor: 'huawei', model: 'huawei-ascend-910b3', memoryMiB: 65536, share: 0.3 },
  { vendor: 'hygon', model: 'hygon-dcu-k100_ai', memoryMiB: 65536, share: 0.2 },
  { vendor: 'mthreads', model: 'moore-threads-mtt-s4000', memoryMiB: 49152, share: 0.1 },
];

/** mulberry32: a tiny seeded PRNG, so every run sees the same cluster and workload. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The benchmark supercluster: 1,280 nodes of 8 devices, four vendors, in supernodes of 32 (`domainsOf` may nest more). */
export function buildNodes(
  domainsOf: (n: number) => string[] = (n) => [
    'supercluster',
    `supercluster/sn-${Math.floor(n / NODES_PER_SUPERNODE)}`,
  ],
): NodeInfo[] {
  const nodes: NodeInfo[] = [];
  let n = 0;
  for (const kind of FLEET) {
    const count = Math.round(NODES * kind.share);
    for (let i = 0; i < count; i++, n++) {
      nodes.push({
        name: `node-${n}`,
        site: 'supercluster',
        domains: domainsOf(n),
        cpuMillis: 192_000,
        memoryMiB: 2 * 1024 * 1024,
        devices: Array.from({ length: DEVICES_PER_NODE }, (_, index) => ({
          index,
          vendor: kind.vendor,
          model: kind.model,
          memoryMiB: kind.memoryMiB,
          healthy: true,
        })),
        labels: {},
        schedulable: true,
      });
    }
  }
  return nodes;
}

export function buildJobs(random: () => number): PendingJob[] {
  const jobs: PendingJob[] = [];
  for (let i = 0; i < JOBS; i++) {
    const r = random();
    const vendors = random() < 0.5 ? [] : [FLEET[Math.floor(random() * FLEET.length)]!.vendor];
    const id = `job-${i}`;
    if (r < 0.5) {
      const share = {
        memoryMiB: 1024 * (4 + Math.floor(random() * 28)),
        computePercent: 10 + Math.floor(random() * 40),
      };
      jobs.push(makeJob(id, { kind: 'share', count: 1, share, vendors }, { submittedAt: i }));
    } else if (r < 0.8) {
      jobs.push(makeJob(id, { count: 1 + Math.floor(random() * 2), vendors }, { submittedAt: i }));
    } else if (r < 0.95) {
      jobs.push(makeJob(id, { count: random() < 0.5 ? 4 : 8, vendors }, { submittedAt: i }));
    } else {
      const replicas = 2 + Math.floor(random() * 15);
      jobs.push(makeJob(id, { count: 8, vendors, topology: 'same-domain' }, { replicas, submittedAt: i }));
    }
  }
  return jobs;
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}

function jobKind(job: PendingJob): string {
  const { replicas, perReplica } = job.spec.resources;
  if (perReplica.accelerators.kind === 'share') return 'share';
  if (replicas > 1) return 'gang';
  return `whole-${perReplica.accelerators.count <= 2 ? '1-2' : '4-8'}`;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function deviceUtilization(cluster: ClusterState): number {
  let busy = 0;
  let total = 0;
  for (const node of cluster.nodes()) {
    for (const d of node.devices) {
      total++;
      busy += 1 - d.freeMemoryMiB / d.info.memoryMiB;
    }
  }
  return busy / total;
}

export function schedulerBenchmark(): Record<string, unknown> {
  const profile = compileProfile(DEFAULT_PROFILE);
  const nodes = buildNodes();
  const devices = nodes.length * DEVICES_PER_NODE;
  const jobs = buildJobs(prng(SEED));

  // 1. Cold cycle: the whole backlog in one cycle.
  const cold = new ClusterState(nodes);
  let t = performance.now();
  const result = runCycle(profile, cold, jobs, 0);
  const coldMs = performance.now() - t;

  // 2. Online: one job per cycle, as jobs arrive, until the cluster is full.
  const online = new ClusterState(nodes);
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  let bound = 0;
  for (const job of jobs) {
    t = performance.now();
    const r = runCycle(profile, online, [job], 0);
    const ms = performance.now() - t;
    latencies.push(ms);
    const kind = jobKind(job);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    bound += r.bound.length;
  }
  latencies.sort((a, b) => a - b);
  const kinds = Object.fromEntries(
    [...byKind.entries()].map(([kind, list]) => {
      list.sort((a, b) => a - b);
      return [
        kind,
        { decisions: list.length, p50ms: round3(percentile(list, 50)), p99ms: round3(percentile(list, 99)) },
      ];
    }),
  );

  // 3. Release everything the cold cycle placed.
  t = performance.now();
  for (const b of result.bound) cold.release(b.jobId);
  const releaseMs = performance.now() - t;

  const report = {
    cluster: {
      nodes: nodes.length,
      devices,
      supernodes: Math.ceil(nodes.length / NODES_PER_SUPERNODE),
      vendors: FLEET.length,
    },
    workload: {
      jobs: JOBS,
      seed: SEED,
      mix: '50% shares, 30% 1-2 devices, 15% 4-8 devices, 5% gangs of 2-16×8 same-domain',
    },
    coldCycle: {
      ms: Math.round(coldMs),
      jobsPerSecond: Math.round(JOBS / (coldMs / 1000)),
      bound: result.bound.length,
      waiting: result.waiting.length,
    },
    online: {
      decisions: JOBS,
      bound,
      p50ms: Number(percentile(latencies, 50).toFixed(3)),
      p99ms: Number(percentile(latencies, 99).toFixed(3)),
      maxms: Number(latencies[latencies.length - 1]!.toFixed(3)),
      deviceMemoryUtilization: Number(deviceUtilization(online).toFixed(4)),
      stateClasses: online.classCount,
      byKind: kinds,
    },
    release: { jobs: result.bound.length, ms: Number(releaseMs.toFixed(1)) },
  };
  console.log(`scheduler: ${devices} devices in ${nodes.length} nodes, ${JOBS} jobs`);
  console.log(
    `  cold cycle   ${report.coldCycle.ms} ms for ${JOBS} jobs (${report.coldCycle.jobsPerSecond} jobs/s), ` +
      `${report.coldCycle.bound} bound, ${report.coldCycle.waiting} waiting`,
  );
  console.log(
    `  online       p50 ${report.online.p50ms} ms, p99 ${report.online.p99ms} ms per decision; ` +
      `${bound} bound; device memory ${(report.online.deviceMemoryUtilization * 100).toFixed(1)}% allocated`,
  );
  for (const [kind, k] of Object.entries(kinds)) {
    console.log(
      `    ${kind.padEnd(10)} ${String(k.decisions).padStart(6)} decisions, p50 ${k.p50ms} ms, p99 ${k.p99ms} ms`,
    );
  }
  console.log(`  release      ${report.release.jobs} jobs in ${report.release.ms} ms`);
  return { ...report, variants: variantsBenchmark(nodes, jobs) };
}
