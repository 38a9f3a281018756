/**
 * Profile variants on the scheduler benchmark's cluster and workload: `default` (every job that
 * fits starts) and `fair` (queue quotas with borrowing, DRF fair share, preemption, backfill).
 * The workload gains queues (four tenants, skewed so some borrow), priorities (a quarter low and
 * preemptible) and durations (60% have a maxDurationSeconds). Online, the first 5,000 jobs arrive one per second
 * and gets its own cycle, with every running job reported; a preemption's victims are removed at
 * once and the preemptor gets a second cycle. Reports, per variant: placementsPerSecond (1000 ÷
 * the mean milliseconds of an online decision that bound a job), decisionsPerSecond (all online
 * decisions, most of them waits once the cluster is full), p99DecisionMs, peakRssMiB (process RSS
 * sampled during the variant, so it includes what earlier phases left on the heap), and the cold
 * cycle over the whole backlog.
 */
import { ClusterState } from '../src/cluster/state.js';
import type { NodeInfo } from '../src/cluster/types.js';
import { runCycle } from '../src/scheduler/cycle.js';
import type { PendingJob, Profile, RunningJob } from '../src/scheduler/framework.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from '../src/scheduler/profile.js';
import type { QueueConfig } from '../src/scheduler/queues.js';
import type { Priority } from '../src/spec/types.js';
import { FLEET, percentile, prng } from './scheduler.js';

/** Four queues of three tenants, with the share of arrivals each gets. */
export const QUEUES = [
  { name: 'research', tenant: 'lab', weight: 2, traffic: 0.4 },
  { name: 'training', tenant: 'lab', weight: 1, traffic: 0.3 },
  { name: 'inference', tenant: 'prod', weight: 2, traffic: 0.2 },
  { name: 'batch', tenant: 'ops', weight: 1, traffic: 0.1 },
];

/** Each queue guaranteed a quarter of every vendor's devices, allowed to borrow up to twice that. */
export function queueConfigs(nodes: readonly NodeInfo[]): QueueConfig[] {
  const devices: Record<string, number> = {};
  for (const n of nodes) for (const d of n.devices) devices[d.vendor] = (devices[d.vendor] ?? 0) + 1;
  return QUEUES.map((q) => {
    const quota = Object.fromEntries(Object.entries(devices).map(([v, n]) => [v, Math.floor(n / QUEUES.length)]));
    const limit = Object.fromEntries(Object.entries(quota).map(([v, n]) => [v, n * 2]));
    return { name: q.name, tenant: q.tenant, weight: q.weight, quota: { devices: quota }, limit: { devices: limit } };
  });
}

function withQueues(jobs: readonly PendingJob[], seed: number): PendingJob[] {
  const random = prng(seed);
  return jobs.map((job) => {
    const r = random();
    let cumulative = 0;
    const queue =
      QUEUES.find((q) => {
        cumulative += q.traffic;
        return r < cumulative;
      }) ?? QUEUES[0]!;
    const p = random();
    const priority: Priority = p < 0.25 ? 'low' : p < 0.8 ? 'normal' : p < 0.95 ? 'high' : 'critical';
    const seconds = random() < 0.6 ? 600 + Math.floor(random() * 36_000) : undefined;
    const runtime = {
      ...job.spec.runtime,
      preemptible: priority === 'low',
      ...(seconds === undefined ? {} : { maxDurationSeconds: seconds }),
    };
    return {
      ...job,
      queue: queue.name,
      tenant: queue.tenant,
      spec: { ...job.spec, queue: queue.name, priority, runtime },
    };
  });
}

function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / (1024 * 1024));
}

function runningOf(job: PendingJob, now: number): RunningJob {
  const { priority, runtime } = job.spec;
  const base = { id: job.id, queue: job.queue, priority, preemptible: runtime.preemptible, startedAt: now };
  return runtime.maxDurationSeconds === undefined ? base : { ...base, maxDurationSeconds: runtime.maxDurationSeconds };
}

function measure(profile: Profile, nodes: readonly NodeInfo[], jobs: readonly PendingJob[], online: number) {
  let peak = rssMiB();
  const cold = new ClusterState(nodes);
  let t = performance.now();
  const coldResult = runCycle(profile, cold, jobs, 0);
  const coldMs = performance.now() - t;
  peak = Math.max(peak, rssMiB());

  const cluster = new ClusterState(nodes);
  const running = new Map<string, RunningJob>();
  const latencies: number[] = [];
  let bound = 0;
  let preemptions = 0;
  let evicted = 0;
  let heldBack = 0;
  let total = 0;
  let bindingMs = 0;
  for (let i = 0; i < online; i++) {
    const job = jobs[i]!;
    const now = i * 1000;
    for (let attempt = 0; attempt < 2; attempt++) {
      t = performance.now();
      const r = runCycle(profile, cluster, [job], now, { running: [...running.values()] });
      const ms = performance.now() - t;
      latencies.push(ms);
      total += ms;
      for (const b of r.bound) running.set(b.jobId, runningOf(job, now));
      if (r.bound.length > 0) bindingMs += ms;
      bound += r.bound.length;
      heldBack += r.waiting.filter((w) => w.status.plugin === 'backfill').length;
      if (r.preempted.length === 0) break;
      preemptions++;
      for (const victim of r.preempted[0]!.victims) {
        cluster.release(victim);
        running.delete(victim);
        evicted++;
      }
    }
    if (i % 500 === 0) peak = Math.max(peak, rssMiB());
  }
  latencies.sort((a, b) => a - b);
  peak = Math.max(peak, rssMiB());
  return {
    placementsPerSecond: Math.round(bound / (bindingMs / 1000)),
    decisionsPerSecond: Math.round(latencies.length / (total / 1000)),
    p99DecisionMs: Number(percentile(latencies, 99).toFixed(3)),
    peakRssMiB: peak,
    online: {
      jobs: online,
      decisions: latencies.length,
      bound,
      p50ms: Number(percentile(latencies, 50).toFixed(3)),
      maxms: Number(latencies[latencies.length - 1]!.toFixed(3)),
      preemptions,
      evicted,
      heldBackByBackfill: heldBack,
    },
    coldCycle: {
      ms: Math.round(coldMs),
      bound: coldResult.bound.length,
      placementsPerSecond: Math.round(coldResult.bound.length / (coldMs / 1000)),
    },
  };
}

export function variantsBenchmark(nodes: readonly NodeInfo[], base: readonly PendingJob[]): Record<string, unknown> {
  const queues = queueConfigs(nodes);
  const jobs = withQueues(base, 7);
  // The first 5,000 arrivals fill the cluster and then keep it full (preempting, backfilling), which
  // is the costly steady state; set JUNCTION_BENCH_ONLINE for another count.
  const online = Number(process.env.JUNCTION_BENCH_ONLINE ?? 5000);
  const variants = {
    default: compileProfile(DEFAULT_PROFILE),
    fair: compileProfile(FAIR_PROFILE, { queues }),
  };
  const out: Record<string, unknown> = {
    workload: `queues ${QUEUES.map((q) => `${q.name} ${q.traffic * 100}%`).join(', ')}; quota = devices/4 per vendor, limit 2×; 25% low preemptible, 55% normal, 15% high, 5% critical; 60% with maxDuration; ${FLEET.length} vendors`,
  };
  for (const [name, profile] of Object.entries(variants)) {
    const r = measure(profile, nodes, jobs, Math.min(online, jobs.length));
    out[name] = r;
    console.log(
      `  ${name.padEnd(8)} ${r.placementsPerSecond} placements/s, p99 ${r.p99DecisionMs} ms, peak RSS ${r.peakRssMiB} MiB; ` +
        `online ${r.online.bound} bound, ${r.online.preemptions} preemptions (${r.online.evicted} evicted), ` +
        `${r.online.heldBackByBackfill} held back; cold cycle ${r.coldCycle.ms} ms, ${r.coldCycle.bound} bound`,
    );
  }
  return out;
}
