/**
 * The order in which a cycle takes jobs. Without queue-order plugins: one sort by the profile's
 * `order`. With them (two tiers, as Volcano's queue and job order): jobs are grouped by queue and
 * sorted by `order` within each queue; before every job the queue-order plugins choose which queue's
 * head goes next (first plugin that tells the queues apart decides, then the queue name), so an
 * order that reads live shares sees every bind made so far in the cycle.
 */
import type { CycleContext, PendingJob, Profile } from './framework.js';

export function* jobOrder(profile: Profile, pending: readonly PendingJob[], ctx: CycleContext): Generator<PendingJob> {
  const byJob = (a: PendingJob, b: PendingJob) => {
    for (const plugin of profile.order) {
      const c = plugin.compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
  const queueOrder = profile.queueOrder ?? [];
  if (queueOrder.length === 0) {
    yield* [...pending].sort(byJob);
    return;
  }
  const queues = new Map<string, { jobs: PendingJob[]; next: number }>();
  for (const job of pending) {
    const entry = queues.get(job.queue) ?? { jobs: [], next: 0 };
    entry.jobs.push(job);
    queues.set(job.queue, entry);
  }
  for (const entry of queues.values()) entry.jobs.sort(byJob);
  const byQueue = (a: string, b: string) => {
    for (const plugin of queueOrder) {
      const c = plugin.compareQueues(a, b, ctx);
      if (c !== 0) return c;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  for (;;) {
    let best: string | undefined;
    for (const [name, entry] of queues) {
      if (entry.next >= entry.jobs.length) continue;
      if (best === undefined || byQueue(name, best) < 0) best = name;
    }
    if (best === undefined) return;
    const entry = queues.get(best)!;
    yield entry.jobs[entry.next++]!;
  }
}
