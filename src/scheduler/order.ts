/**
 * The order in which a cycle takes jobs. Without queue-order plugins: one sort by the profile's
 * `order`. With them (two tiers, as Volcano's queue and job order): jobs are grouped by queue and
 * sorted by `order` within each queue; before every job the queue-order plugins choose which queue's
 * head goes next (first plugin that tells the queues apart decides, then the queue name), so an
 * order that reads live shares sees every bind made so far in the cycle.
 */
import { PRIORITY_VALUE } from '../spec/types.js';
import type { CycleContext, PendingJob, Profile } from './framework.js';
import { priorityOrder } from './plugins/priority-order.js';
import { queueUsage } from './queues.js';

export function jobOrder(profile: Profile, pending: readonly PendingJob[], ctx: CycleContext): Iterable<PendingJob> {
  // Without queue order the whole order is known up front: a plain array iterates fastest.
  if ((profile.queueOrder ?? []).length === 0) return sortJobs(profile, pending, jobComparator(profile));
  return queueOrdered(profile, pending, ctx);
}

function jobComparator(profile: Profile): (a: PendingJob, b: PendingJob) => number {
  return (a, b) => {
    for (const plugin of profile.order) {
      const c = plugin.compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function* queueOrdered(profile: Profile, pending: readonly PendingJob[], ctx: CycleContext): Generator<PendingJob> {
  const byJob = jobComparator(profile);
  const queueOrder = profile.queueOrder ?? [];
  const queues = new Map<string, { jobs: readonly PendingJob[]; next: number }>();
  for (const job of pending) {
    let entry = queues.get(job.queue);
    if (!entry) {
      entry = { jobs: [], next: 0 };
      queues.set(job.queue, entry);
    }
    (entry.jobs as PendingJob[]).push(job);
  }
  for (const entry of queues.values()) entry.jobs = sortJobs(profile, entry.jobs, byJob);
  const byQueue = (a: string, b: string) => {
    for (const plugin of queueOrder) {
      const c = plugin.compareQueues(a, b, ctx);
      if (c !== 0) return c;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  // The queues are compared again only when queue usage changed (a bind) or the chosen queue ran
  // out: between binds the answer is the same, and most jobs of a long backlog bind nothing.
  let best: string | undefined;
  let chosenAt = -1;
  for (;;) {
    const changes = queueUsage(ctx)?.changes ?? 0;
    const current = best === undefined ? undefined : queues.get(best)!;
    if (!current || current.next >= current.jobs.length || changes !== chosenAt) {
      best = undefined;
      for (const [name, entry] of queues) {
        if (entry.next >= entry.jobs.length) continue;
        if (best === undefined || byQueue(name, best) < 0) best = name;
      }
      chosenAt = changes;
    }
    if (best === undefined) return;
    const entry = queues.get(best)!;
    yield entry.jobs[entry.next++]!;
  }
}

/**
 * `jobs` sorted by `byJob` (a new array). The same result as a plain sort, faster for a long
 * backlog: when the first order plugin is priority-order (a total order: priority, submission
 * time, id, so later plugins never decide), jobs are split by priority (higher first) and a class
 * already in order (pending lists usually arrive in submission order) is not sorted again; the
 * check reads each job's submission time once.
 */
function sortJobs(
  profile: Profile,
  jobs: readonly PendingJob[],
  byJob: (a: PendingJob, b: PendingJob) => number,
): PendingJob[] {
  if (profile.order[0]?.name !== priorityOrder.name) {
    const all = [...jobs];
    for (let i = 1; i < all.length; i++) if (byJob(all[i - 1]!, all[i]!) > 0) return all.sort(byJob);
    return all;
  }
  const byPriority = new Map<number, { jobs: PendingJob[]; submitted: number[] }>();
  for (const job of jobs) {
    const value = PRIORITY_VALUE[job.spec.priority];
    let run = byPriority.get(value);
    if (!run) {
      run = { jobs: [], submitted: [] };
      byPriority.set(value, run);
    }
    run.jobs.push(job);
    run.submitted.push(job.submittedAt);
  }
  const out: PendingJob[] = [];
  for (const value of [...byPriority.keys()].sort((a, b) => b - a)) {
    const { jobs: run, submitted } = byPriority.get(value)!;
    let sorted = true;
    for (let i = 1; i < run.length && sorted; i++) {
      const a = submitted[i - 1]!;
      const b = submitted[i]!;
      sorted = a < b || (a === b && run[i - 1]!.id < run[i]!.id);
    }
    if (!sorted) run.sort(byJob);
    for (const job of run) out.push(job);
  }
  return out;
}
