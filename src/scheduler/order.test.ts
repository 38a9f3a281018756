import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../cluster/state.js';
import { type CycleContext, CycleState, type PendingJob, type Profile } from './framework.js';
import { jobOrder } from './order.js';
import { priorityOrder } from './plugins/priority-order.js';
import { compileProfile, DEFAULT_PROFILE } from './profile.js';
import { QUEUE_USAGE_KEY, type QueueConfig, QueueUsage } from './queues.js';
import { makeJob, makeNode } from './testing.js';

/** The queue order as defined: before every job, the queue the plugins put first (ties by name). */
function referenceOrder(
  profile: Profile,
  pending: readonly PendingJob[],
  ctx: CycleContext,
  bind: (job: PendingJob) => void,
) {
  const byQueue = new Map<string, PendingJob[]>();
  for (const job of [...pending].sort(priorityOrder.compare))
    byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
  const out: string[] = [];
  for (;;) {
    let best: string | undefined;
    for (const [name, jobs] of byQueue) {
      if (jobs.length === 0) continue;
      if (best === undefined) best = name;
      else {
        const c = profile.queueOrder![0]!.compareQueues(name, best, ctx);
        if (c < 0 || (c === 0 && name < best)) best = name;
      }
    }
    if (best === undefined) return out;
    const job = byQueue.get(best)!.shift()!;
    out.push(job.id);
    bind(job);
  }
}

describe('job order', () => {
  test('priority, then submission time, then id: the same as sorting with the comparator, in order or not', () => {
    const profile = compileProfile(DEFAULT_PROFILE);
    const ctx = { now: 0, cluster: new ClusterState([]), cycle: new CycleState() };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            priority: fc.constantFrom('low', 'normal', 'high', 'critical'),
            submittedAt: fc.integer({ min: 0, max: 20 }),
            id: fc.integer({ min: 0, max: 1000 }),
          }),
          { maxLength: 60 },
        ),
        fc.boolean(),
        (rows, presorted) => {
          const jobs = rows.map((r, i) =>
            makeJob(`j${r.id}-${i}`, {}, { priority: r.priority, submittedAt: r.submittedAt }),
          );
          if (presorted) jobs.sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : 1));
          const expected = [...jobs].sort(priorityOrder.compare).map((j) => j.id);
          const got = [...jobOrder(profile, jobs, ctx)].map((j) => j.id);
          assert.deepEqual(got, expected);
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });

  test('fair share: the queue order follows every bind, as if asked before every job', () => {
    const queues: QueueConfig[] = [
      { name: 'a', tenant: 't1', weight: 1, quota: { devices: { nvidia: 2 } } },
      { name: 'b', tenant: 't1', weight: 2, quota: { devices: { nvidia: 2 } } },
      { name: 'c', tenant: 't2', weight: 1, quota: { devices: { nvidia: 2 } } },
    ];
    const profile = compileProfile({ ...DEFAULT_PROFILE, queueOrder: ['fair-share'] }, { queues });
    const cluster = new ClusterState([makeNode('n', 'nvidia', 'h100', 8)]);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            queue: fc.constantFrom('a', 'b', 'c'),
            binds: fc.boolean(),
            devices: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const jobs = rows.map((r, i) => makeJob(`j${i}`, { count: r.devices }, { queue: r.queue, submittedAt: i }));
          const binds = new Map(rows.map((r, i) => [`j${i}`, r.binds]));
          const run = () => {
            const usage = new QueueUsage();
            const cycle = new CycleState();
            cycle.write(QUEUE_USAGE_KEY, usage);
            const ctx = { now: 0, cluster, cycle };
            const bind = (job: PendingJob) => {
              if (!binds.get(job.id)) return;
              const devices = new Map([['nvidia/h100', 1000 * job.spec.resources.perReplica.accelerators.count]]);
              usage.add(job.id, job.queue, { devices, cpuMillis: 0, memoryMiB: 0 });
            };
            return { ctx, bind };
          };
          const mine = run();
          const got: string[] = [];
          for (const job of jobOrder(profile, jobs, mine.ctx)) {
            got.push(job.id);
            mine.bind(job);
          }
          const ref = run();
          assert.deepEqual(got, referenceOrder(profile, jobs, ref.ctx, ref.bind));
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
});
