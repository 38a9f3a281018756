/**
 * `npm run bench -- throughput`: the scheduling cycle at supercluster scale.
 *
 * Cluster: 10,240 accelerators in 1,280 nodes of 8 devices, four vendors, nested domains
 * (supercluster ▸ supernode of 32 nodes ▸ rack of 8 nodes). Queue: 100,000 jobs drawn from the
 * Alibaba GPU trace's mix (openb default pod list: shares of one device in the trace's
 * gpu_milli sizes, whole devices, 2/4/8 devices), 10 % of them 8-replica gangs with
 * `topology: same-domain`; a third name one vendor. Before each measured cycle a quarter of the
 * cluster is held by low-priority preemptible jobs (running, reported to the cycle), so
 * preemption has victims to weigh.
 *
 * One measured run = one runCycle over the whole queue on that cluster, single-threaded. The
 * time of each decision (one job bound, told to wait, or given victims) is the time between
 * consecutive decisions of the cycle (the first one also pays for ordering the queue):
 * - placementsPerSecond: 1000 ÷ the mean milliseconds of a decision that bound a job, with the
 *   100,000 jobs queued (as the scheduler benchmark defined it before);
 * - cyclePlacementsPerSecond: jobs bound ÷ wall seconds of the whole cycle, the waits of the
 *   ~96,000 jobs that do not fit counted in the time; decisionsPerSecond: every decision of it;
 * - p99DecisionMs: 99th percentile of the time between consecutive decisions of the cycle
 *   (a decision = one job bound, or told to wait, or given victims); p99PlacementMs: the same
 *   over decisions that bound a job;
 * - peakRssMiB: process RSS sampled every 1,000 decisions during the runs of that variant.
 * Median of 5 runs (by placements/s) after one unmeasured warm-up run; the run's cluster and
 * queue are rebuilt outside the timing.
 *
 * Variants: `default` (Junction's default profile: fragmentation-aware scoring), `quotas`
 * (queue quota with borrowing), `fair` (quotas + DRF fair share), `preemption` (the fair profile:
 * quotas, fair share, preemption, backfill reservations).
 */
import { ClusterState } from '../src/cluster/state.js';
import type { NodeInfo } from '../src/cluster/types.js';
import { runCycle } from '../src/scheduler/cycle.js';
import type { PendingJob, Profile, RunningJob } from '../src/scheduler/framework.js';
import { FRAG_PACK_MIX } from '../src/scheduler/plugins/frag-pack.js';
import { estimateWorkloadMix } from '../src/scheduler/plugins/fragmentation.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE, type ProfileConfig } from '../src/scheduler/profile.js';
import { makeJob, runningOf } from '../src/scheduler/testing.js';
import type { Priority } from '../src/spec/types.js';
import { buildNodes, FLEET, prng } from './scheduler.js';
import { QUEUES, queueConfigs } from './scheduler-variants.js';

const DEVICES_PER_NODE = 8;
const NODES_PER_SUPERNODE = 32;
const NODES_PER_RACK = 8;
const JOBS = Number(process.env.JUNCTION_BENCH_JOBS ?? 100_000);
const RUNS = Number(process.env.JUNCTION_BENCH_RUNS ?? 5);
const SEED = 42;
/** Share of the cluster's devices held by low-priority preemptible jobs when a measured cycle starts. */
const PRELOAD = 0.25;

/**
 * GPU pods of the openb default pod list (CPU-only pods left out): [count, num_gpu, gpu_milli].
 * A share's memory is gpu_milli of 64 GiB, its compute gpu_milli / 10 percent.
 */
const TRACE_MIX: readonly (readonly [number, number, number])[] = [
  [3911, 1, 1000],
  [1078, 1, 810],
  [750, 1, 470],
  [328, 1, 320],
  [253, 1, 650],
  [140, 1, 230],
  [128, 1, 460],
  [75, 1, 590],
  [74, 1, 160],
  [72, 1, 550],
  [62, 1, 220],
  [47, 1, 370],
  [44, 8, 1000],
  [24, 1, 110],
  [19, 1, 480],
  [16, 2, 1000],
  [15, 4, 1000],
  [7, 1, 50],
  [7, 1, 330],
  [6, 1, 350],
  [4, 1, 270],
  [2, 1, 440],
  [1, 1, 290],
  [1, 1, 140],
];
/** Devices per replica of the 8-replica gangs. */
const GANG_DEVICES: readonly (readonly [number, number])[] = [
  [0.4, 1],
  [0.2, 2],
  [0.2, 4],
  [0.2, 8],
];

/** The scheduler benchmark's supercluster with racks of 8 nested in its supernodes. */
export function superclusterNodes(): NodeInfo[] {
  return buildNodes((n) => {
    const supernode = `supercluster/sn-${Math.floor(n / NODES_PER_SUPERNODE)}`;
    return ['supercluster', supernode, `${supernode}/rack-${Math.floor(n / NODES_PER_RACK)}`];
  });
}

function pick<T>(random: () => number, table: readonly (readonly [number, ...T[]])[]): T[] {
  const total = table.reduce((s, row) => s + row[0], 0);
  let r = random() * total;
  for (const [weight, ...rest] of table) {
    r -= weight;
    if (r < 0) return rest;
  }
  return table[table.length - 1]!.slice(1) as T[];
}

function priorityOf(random: () => number): Priority {
  const p = random();
  return p < 0.25 ? 'low' : p < 0.8 ? 'normal' : p < 0.95 ? 'high' : 'critical';
}

/** `count` jobs of the trace mix, with queues, priorities and durations. */
export function traceMixJobs(count: number, seed: number, prefix = 'job'): PendingJob[] {
  const random = prng(seed);
  const jobs: PendingJob[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    const vendors = random() < 2 / 3 ? [] : [FLEET[Math.floor(random() * FLEET.length)]!.vendor];
    let r = random();
    let queue = QUEUES[QUEUES.length - 1]!;
    for (const q of QUEUES) {
      if (r < q.traffic) {
        queue = q;
        break;
      }
      r -= q.traffic;
    }
    const priority = priorityOf(random);
    r = random();
    const maxDurationSeconds = r < 0.6 ? 600 + Math.floor(random() * 36_000) : undefined;
    const options = {
      submittedAt: i,
      queue: queue.name,
      tenant: queue.tenant,
      priority,
      preemptible: priority === 'low',
      ...(maxDurationSeconds === undefined ? {} : { maxDurationSeconds }),
    };
    let job: PendingJob;
    if (random() < 0.1) {
      const [devices] = pick(random, GANG_DEVICES) as [number];
      job = makeJob(id, { count: devices, vendors, topology: 'same-domain' }, { ...options, replicas: 8 });
      job.spec.resources.perReplica.cpuMillis = 16_000 * devices;
      job.spec.resources.perReplica.memoryMiB = 128 * 1024 * devices;
    } else {
      const [gpus, milli] = pick(random, TRACE_MIX) as [number, number];
      if (milli < 1000) {
        const share = { memoryMiB: Math.round((milli / 1000) * 65536), computePercent: Math.floor(milli / 10) };
        job = makeJob(id, { kind: 'share', count: 1, share, vendors }, options);
        job.spec.resources.perReplica.cpuMillis = 4000;
        job.spec.resources.perReplica.memoryMiB = 16 * 1024;
      } else {
        job = makeJob(id, { count: gpus, vendors }, options);
        job.spec.resources.perReplica.cpuMillis = 12_000 * gpus;
        job.spec.resources.perReplica.memoryMiB = 64 * 1024 * gpus;
      }
    }
    jobs.push(job);
  }
  return jobs;
}

/** A cluster with `PRELOAD` of its devices held by low-priority preemptible jobs, and those jobs. */
export function preloaded(nodes: readonly NodeInfo[]): { cluster: ClusterState; running: RunningJob[] } {
  const cluster = new ClusterState(nodes);
  const target = PRELOAD * nodes.length * DEVICES_PER_NODE;
  const fill = traceMixJobs(20_000, SEED + 1, 'warm').filter((j) => j.spec.resources.replicas === 1);
  for (const job of fill) {
    job.spec.priority = 'low';
    job.spec.runtime.preemptible = true;
  }
  const profile = compileProfile(DEFAULT_PROFILE);
  const running: RunningJob[] = [];
  let held = 0;
  for (let start = 0; start < fill.length && held < target; start += 500) {
    const batch = fill.slice(start, start + 500);
    const r = runCycle(profile, cluster, batch, 0);
    const byId = new Map(batch.map((j) => [j.id, j]));
    for (const b of r.bound) {
      running.push(runningOf(byId.get(b.jobId)!, 0));
      for (const p of b.placements) for (const d of p.devices) held += d.whole ? 1 : d.computePercent / 100;
      if (held >= target) break;
    }
  }
  // Release what went past the target, so the preload is the same for every variant.
  const kept = new Set(running.map((r) => r.id));
  for (const id of [...cluster.allocatedJobs()]) if (!kept.has(id)) cluster.release(id);
  return { cluster, running };
}

function rssMiB(): number {
  return Math.round(process.memoryUsage.rss() / (1024 * 1024));
}

function percentile(sorted: Float64Array | number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface RunResult {
  placementsPerSecond: number;
  cyclePlacementsPerSecond: number;
  decisionsPerSecond: number;
  meanPlacementMs: number;
  cycleMs: number;
  bound: number;
  waiting: number;
  preempted: number;
  p50DecisionMs: number;
  p99DecisionMs: number;
  p99PlacementMs: number;
  maxDecisionMs: number;
}

function measureOnce(profile: Profile, nodes: readonly NodeInfo[], jobs: readonly PendingJob[], peak: { rss: number }) {
  const { cluster, running } = preloaded(nodes);
  const decisions = new Float64Array(jobs.length);
  const boundAt: number[] = [];
  let n = 0;
  const t0 = performance.now();
  let last = t0;
  const result = runCycle(profile, cluster, jobs, 0, {
    running,
    observe: (_job, decision) => {
      const now = performance.now();
      const ms = now - last;
      last = now;
      if (n < decisions.length) decisions[n] = ms;
      if (decision === 'bound') boundAt.push(ms);
      if (++n % 1000 === 0) peak.rss = Math.max(peak.rss, rssMiB());
    },
  });
  const cycleMs = performance.now() - t0;
  peak.rss = Math.max(peak.rss, rssMiB());
  const sorted = decisions.subarray(0, Math.min(n, decisions.length)).sort();
  boundAt.sort((a, b) => a - b);
  const placingMs = boundAt.reduce((sum, ms) => sum + ms, 0);
  const r: RunResult = {
    placementsPerSecond: Math.round(result.bound.length / (placingMs / 1000)),
    cyclePlacementsPerSecond: Math.round(result.bound.length / (cycleMs / 1000)),
    decisionsPerSecond: Math.round(n / (cycleMs / 1000)),
    meanPlacementMs: round3(placingMs / Math.max(1, result.bound.length)),
    cycleMs: Math.round(cycleMs),
    bound: result.bound.length,
    waiting: result.waiting.length,
    preempted: result.preempted.length,
    p50DecisionMs: round3(percentile(sorted, 50)),
    p99DecisionMs: round3(percentile(sorted, 99)),
    p99PlacementMs: round3(percentile(boundAt, 99)),
    maxDecisionMs: round3(sorted[sorted.length - 1] ?? 0),
  };
  return r;
}

function round3(x: number): number {
  return Number(x.toFixed(3));
}

export function throughputBenchmark(): Record<string, unknown> {
  const nodes = superclusterNodes();
  const jobs = traceMixJobs(JOBS, SEED);
  const queues = queueConfigs(nodes);
  // The expected workload for fragmentation-aware scoring: the queue's own request shapes.
  const workload = estimateWorkloadMix(
    jobs.map((j) => j.spec.resources.perReplica),
    FRAG_PACK_MIX,
  );
  const withQueues = (config: ProfileConfig) => compileProfile(config, { queues, workload });
  // The fair profile's queues, quotas and fair share, step by step, without its preemption.
  const withoutPreemption: ProfileConfig = { ...FAIR_PROFILE, preempt: [], backfill: 'any-fit' };
  const variants: Record<string, { describe: string; profile: Profile }> = {
    default: {
      describe: 'default profile (fragmentation-aware scoring: frag-pack over the queue mix)',
      profile: compileProfile(DEFAULT_PROFILE, { workload }),
    },
    quotas: {
      describe: 'default + queue quota and borrowing',
      profile: withQueues({ ...withoutPreemption, name: 'quotas', queueOrder: [] }),
    },
    fair: {
      describe: 'quotas + DRF fair share across tenants and queues',
      profile: withQueues({ ...withoutPreemption, name: 'fair-share' }),
    },
    preemption: {
      describe: 'fair profile: quotas, fair share, preemption and reclaim, backfill reservation',
      profile: withQueues(FAIR_PROFILE),
    },
  };
  const only = process.env.JUNCTION_BENCH_VARIANTS?.split(',');
  const gangs = jobs.filter((j) => j.spec.resources.replicas > 1).length;
  const shares = jobs.filter((j) => j.spec.resources.perReplica.accelerators.kind === 'share').length;
  console.log(
    `throughput: ${nodes.length * DEVICES_PER_NODE} devices in ${nodes.length} nodes, ${JOBS} queued jobs ` +
      `(${shares} shares, ${gangs} gangs of 8), ${RUNS} runs per variant, median`,
  );
  const out: Record<string, unknown> = {};
  for (const [name, { describe, profile }] of Object.entries(variants)) {
    if (only && !only.includes(name)) continue;
    const peak = { rss: rssMiB() };
    const runs: RunResult[] = [];
    // One unmeasured run first, so the JIT has compiled the cycle before the measured ones.
    measureOnce(profile, nodes, jobs, peak);
    for (let i = 0; i < RUNS; i++) runs.push(measureOnce(profile, nodes, jobs, peak));
    const median = [...runs].sort((a, b) => a.placementsPerSecond - b.placementsPerSecond)[
      Math.floor(runs.length / 2)
    ]!;
    out[name] = {
      describe,
      placementsPerSecond: median.placementsPerSecond,
      cyclePlacementsPerSecond: median.cyclePlacementsPerSecond,
      decisionsPerSecond: median.decisionsPerSecond,
      p99DecisionMs: median.p99DecisionMs,
      p99PlacementMs: median.p99PlacementMs,
      peakRssMiB: peak.rss,
      median,
      runs: runs.map((r) => ({
        placementsPerSecond: r.placementsPerSecond,
        cyclePlacementsPerSecond: r.cyclePlacementsPerSecond,
        cycleMs: r.cycleMs,
        p99DecisionMs: r.p99DecisionMs,
      })),
    };
    console.log(
      `  ${name.padEnd(10)} ${String(median.placementsPerSecond).padStart(7)} placements/s ` +
        `(mean ${median.meanPlacementMs} ms), p99 decision ${median.p99DecisionMs} ms ` +
        `(placements ${median.p99PlacementMs} ms, max ${median.maxDecisionMs} ms), peak RSS ${peak.rss} MiB; ` +
        `cycle ${median.cycleMs} ms = ${median.cyclePlacementsPerSecond} placements/s, ${median.decisionsPerSecond} decisions/s: ` +
        `${median.bound} bound, ${median.waiting} waiting, ${median.preempted} preempting`,
    );
  }
  return {
    cluster: {
      nodes: nodes.length,
      devices: nodes.length * DEVICES_PER_NODE,
      vendors: FLEET.length,
      supernodes: Math.ceil(nodes.length / NODES_PER_SUPERNODE),
      racks: Math.ceil(nodes.length / NODES_PER_RACK),
    },
    workload: {
      jobs: JOBS,
      seed: SEED,
      shares,
      gangs,
      mix: 'openb default GPU pods (shares by gpu_milli, whole 1/2/4/8) + 10% gangs of 8 replicas same-domain; 1/3 name one vendor',
      preload: `${PRELOAD * 100}% of devices held by low-priority preemptible jobs`,
    },
    runs: RUNS,
    variants: out,
  };
}
