/**
 * Property-based checks over random clusters, queues and job streams: the rules that must hold
 * whatever the scheduler decides. Three cycles per case: start some jobs, schedule more with those
 * running (preempting, backfilling), then again after the control plane removed the victims.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../cluster/state.js';
import type { NodeInfo } from '../cluster/types.js';
import { PRIORITIES, PRIORITY_VALUE } from '../spec/types.js';
import { type CycleResult, runCycle } from './cycle.js';
import type { PendingJob, Profile, RunningJob } from './framework.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from './profile.js';
import { amount, holdingOf, QueueBook, type QueueConfig, QueueUsage } from './queues.js';
import { makeJob, runningOf } from './testing.js';

const VENDORS = [
  { vendor: 'nvidia', model: 'nvidia-h100-sxm' },
  { vendor: 'hygon', model: 'hygon-dcu-k100_ai' },
];

const nodeArb = fc.record({
  kind: fc.integer({ min: 0, max: 1 }),
  devices: fc.integer({ min: 1, max: 8 }),
  domain: fc.integer({ min: 0, max: 2 }),
  cpu: fc.integer({ min: 4, max: 32 }),
});

const amountsArb = fc.record({ nvidia: fc.integer({ min: 0, max: 8 }), hygon: fc.integer({ min: 0, max: 8 }) });
const queueArb = fc.record({
  tenant: fc.integer({ min: 0, max: 1 }),
  weight: fc.integer({ min: 1, max: 3 }),
  quota: amountsArb,
  extra: fc.option(amountsArb, { nil: undefined }),
});

const jobArb = fc.record({
  share: fc.boolean(),
  count: fc.integer({ min: 1, max: 4 }),
  memory: fc.integer({ min: 4, max: 48 }),
  compute: fc.integer({ min: 10, max: 60 }),
  vendor: fc.integer({ min: -1, max: 1 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  topology: fc.constantFrom('any' as const, 'same-domain' as const, 'same-node' as const),
  priority: fc.constantFrom(...PRIORITIES),
  preemptible: fc.boolean(),
  queue: fc.integer({ min: 0, max: 3 }),
  seconds: fc.option(fc.integer({ min: 10, max: 2000 }), { nil: undefined }),
});

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
  queues: fc.array(queueArb, { minLength: 1, maxLength: 3 }),
  jobs: fc.array(jobArb, { minLength: 1, maxLength: 24 }),
  split: fc.nat(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildNodes(s: Scenario): NodeInfo[] {
  return s.nodes.map((n, i) => {
    const kind = VENDORS[n.kind]!;
    return {
      name: `node-${i}`,
      site: 'site',
      domains: ['c', `c/d${n.domain}`],
      cpuMillis: n.cpu * 1000,
      memoryMiB: 256 * 1024,
      devices: Array.from({ length: n.devices }, (_, index) => ({ index, ...kind, memoryMiB: 65536, healthy: true })),
      labels: {},
      schedulable: true,
    };
  });
}

function buildQueues(s: Scenario): QueueConfig[] {
  return s.queues.map((q, i) => ({
    name: `q${i}`,
    tenant: `t${q.tenant}`,
    weight: q.weight,
    quota: { devices: { nvidia: q.quota.nvidia, hygon: q.quota.hygon } },
    ...(q.extra
      ? { limit: { devices: { nvidia: q.quota.nvidia + q.extra.nvidia, hygon: q.quota.hygon + q.extra.hygon } } }
      : {}),
  }));
}

function buildJobs(s: Scenario, queues: number): PendingJob[] {
  return s.jobs.map((j, i) => {
    const vendors = j.vendor < 0 ? [] : [VENDORS[j.vendor]!.vendor];
    const acc = j.share
      ? { kind: 'share' as const, count: 1, vendors, share: { memoryMiB: j.memory * 1024, computePercent: j.compute } }
      : { count: j.count, vendors, topology: j.topology };
    return makeJob(`j${i}`, acc, {
      replicas: j.share ? 1 : j.replicas,
      priority: j.priority,
      preemptible: j.preemptible,
      submittedAt: i,
      queue: j.queue < queues ? `q${j.queue}` : 'ghost',
      ...(j.seconds === undefined ? {} : { maxDurationSeconds: j.seconds }),
    });
  });
}

interface Run {
  results: CycleResult[];
  cluster: ClusterState;
}

/** Three cycles; after each, the invariants are checked by `check`. */
function play(
  profile: Profile,
  s: Scenario,
  queues: QueueConfig[],
  check: (r: CycleResult, c: ClusterState, running: RunningJob[], pending: PendingJob[]) => void,
): Run {
  const cluster = new ClusterState(buildNodes(s));
  const jobs = buildJobs(s, queues.length);
  const cut = s.split % (jobs.length + 1);
  let running: RunningJob[] = [];
  let pending = jobs.slice(0, cut);
  const results: CycleResult[] = [];
  const byId = new Map(jobs.map((j) => [j.id, j]));
  for (let cycle = 0; cycle < 3; cycle++) {
    if (cycle === 1) pending = [...pending, ...jobs.slice(cut)];
    const now = cycle * 60_000;
    const result = runCycle(profile, cluster, pending, now, { running });
    check(result, cluster, running, pending);
    results.push(result);
    const bound = new Set(result.bound.map((b) => b.jobId));
    running = [...running, ...result.bound.map((b) => runningOf(byId.get(b.jobId)!, now))];
    const victims = new Set(result.preempted.flatMap((p) => p.victims));
    for (const v of victims) cluster.release(v);
    running = running.filter((r) => !victims.has(r.id));
    pending = pending.filter((j) => !bound.has(j.id));
  }
  return { results, cluster };
}

function checkAllocations(cluster: ClusterState): void {
  const cpu = new Map<string, number>();
  const memory = new Map<string, number>();
  const devices = new Map<string, { memoryMiB: number; compute: number; whole: number; holders: Set<string> }>();
  for (const id of cluster.allocatedJobs()) {
    for (const p of cluster.allocationOf(id)!) {
      cpu.set(p.node, (cpu.get(p.node) ?? 0) + p.cpuMillis);
      memory.set(p.node, (memory.get(p.node) ?? 0) + p.memoryMiB);
      for (const a of p.devices) {
        const key = `${p.node}#${a.index}`;
        const d = devices.get(key) ?? { memoryMiB: 0, compute: 0, whole: 0, holders: new Set<string>() };
        d.memoryMiB += a.memoryMiB;
        d.compute += a.computePercent;
        d.whole += a.whole ? 1 : 0;
        d.holders.add(id);
        devices.set(key, d);
      }
    }
  }
  for (const node of cluster.nodes()) {
    const name = node.info.name;
    assert.ok((cpu.get(name) ?? 0) <= node.info.cpuMillis, `${name} CPU over-allocated`);
    assert.ok((memory.get(name) ?? 0) <= node.info.memoryMiB, `${name} memory over-allocated`);
    assert.equal(node.freeCpuMillis, node.info.cpuMillis - (cpu.get(name) ?? 0));
    for (const device of node.devices) {
      const d = devices.get(`${name}#${device.info.index}`);
      if (!d) continue;
      assert.ok(d.memoryMiB <= device.info.memoryMiB, `${name}#${device.info.index} memory over-allocated`);
      assert.ok(d.compute <= 100, `${name}#${device.info.index} compute over-allocated`);
      if (d.whole > 0) assert.equal(d.holders.size, 1, 'a whole device has one holder');
      assert.ok(d.whole <= 1, 'a whole device is held once');
    }
  }
}

function checkGangs(result: CycleResult, cluster: ClusterState, pending: readonly PendingJob[]): void {
  const byId = new Map(pending.map((j) => [j.id, j]));
  for (const b of result.bound) {
    const job = byId.get(b.jobId)!;
    const { replicas, perReplica } = job.spec.resources;
    assert.deepEqual(
      b.placements.map((p) => p.replica),
      Array.from({ length: replicas }, (_, i) => i),
      `${b.jobId}: all replicas or none`,
    );
    const nodes = new Set(b.placements.map((p) => p.node));
    if (replicas > 1 && perReplica.accelerators.topology === 'same-node') assert.equal(nodes.size, 1);
    if (replicas > 1 && perReplica.accelerators.topology === 'same-domain') {
      const domains = [...nodes].map((n) => cluster.node(n)!.info.domains);
      const shared = domains[0]!.filter((d) => domains.every((list) => list.includes(d)));
      assert.ok(shared.length > 0, `${b.jobId}: inside one domain`);
    }
  }
  for (const w of result.waiting) assert.equal(cluster.allocationOf(w.jobId), undefined, `${w.jobId} holds nothing`);
}

function checkPreemptions(result: CycleResult, running: readonly RunningJob[], pending: readonly PendingJob[]): void {
  const byId = new Map(running.map((r) => [r.id, r]));
  const jobs = new Map(pending.map((j) => [j.id, j]));
  const bound = new Set(result.bound.map((b) => b.jobId));
  const seen = new Set<string>();
  for (const p of result.preempted) {
    const preemptor = jobs.get(p.jobId)!;
    assert.ok(!bound.has(p.jobId), 'a preemptor is not bound in the same cycle');
    assert.ok(p.victims.length > 0);
    for (const id of p.victims) {
      const victim = byId.get(id);
      assert.ok(victim, `victim ${id} was running before the cycle`);
      assert.ok(victim.preemptible, `victim ${id} is preemptible`);
      assert.ok(
        PRIORITY_VALUE[victim.priority] < PRIORITY_VALUE[preemptor.spec.priority],
        `victim ${id} has lower priority`,
      );
      assert.ok(!seen.has(id), `victim ${id} is chosen once`);
      seen.add(id);
    }
  }
}

/** Replays the cycle's binds in order: each stays within its limit, and borrows only idle quota. */
function checkQuotas(
  book: QueueBook,
  cluster: ClusterState,
  running: readonly RunningJob[],
  result: CycleResult,
  pending: readonly PendingJob[],
): void {
  const jobs = new Map(pending.map((j) => [j.id, j]));
  const usage = QueueUsage.build(cluster, new Map(running.map((r) => [r.id, r])));
  for (const b of result.bound) {
    const job = jobs.get(b.jobId)!;
    assert.notEqual(job.queue, 'ghost', 'unknown queues never start');
    const holding = holdingOf(b.placements, cluster);
    usage.add(b.jobId, job.queue, holding);
    for (const d of book.dimensions) {
      if (amount(holding, d) === 0) continue;
      const mine = amount(usage.held(job.queue), d);
      assert.ok(mine <= book.limit(job.queue, d), `queue ${job.queue} within its limit`);
      if (mine <= book.quota(job.queue, d)) continue;
      let used = 0;
      let quota = 0;
      for (const q of book.names) {
        used += amount(usage.held(q), d);
        quota += book.quota(q, d);
      }
      assert.ok(used <= quota, `${b.jobId} borrows only idle quota`);
    }
  }
}

const RUNS = 1500;

describe('scheduling properties', () => {
  test('fair profile: capacity, gangs, quotas, preemption hold', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const queues = buildQueues(s);
        const book = new QueueBook(queues);
        const profile = compileProfile(FAIR_PROFILE, { queues });
        const run = play(profile, s, queues, (result, cluster, running, pending) => {
          checkAllocations(cluster);
          checkGangs(result, cluster, pending);
          checkPreemptions(result, running, pending);
          checkQuotas(book, cluster, running, result, pending);
        });
        checkAllocations(run.cluster);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  test('priority preemption and backfill without queues: capacity, gangs, preemption hold', () => {
    const profile = compileProfile({ ...DEFAULT_PROFILE, preempt: ['priority-preempt'], backfill: 'reserve-head' });
    fc.assert(
      fc.property(scenarioArb, (s) => {
        play(profile, s, [], (result, cluster, running, pending) => {
          checkAllocations(cluster);
          checkGangs(result, cluster, pending);
          checkPreemptions(result, running, pending);
        });
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  test('the same input gives the same decisions', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const queues = buildQueues(s);
        const profile = compileProfile(FAIR_PROFILE, { queues });
        const once = play(profile, s, queues, () => {});
        const twice = play(compileProfile(FAIR_PROFILE, { queues }), s, queues, () => {});
        assert.deepEqual(once.results, twice.results);
      }),
      { numRuns: RUNS / 2, seed: 3 },
    );
  });
});
