/**
 * The order in which a cycle takes jobs. Without queue-order plugins: one sort by the profile's
 * `order`. With them (two tiers, as Volcano's queue and job order): jobs are grouped by queue and
 * sorted by `order` within each queue; before every job the queue-order plugins choose which queue's
 * head goes next (first plugin that tells the queues apart decides, then the queue name), so an
 * order that reads live shares sees every bind made so far in the cycle.
 */
import { PRIORITY_VALUE, type Priority } from '../spec/types.js';
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

/** Priority values, highest first. */
const LEVELS = [...new Set(Object.values(PRIORITY_VALUE))].sort((a, b) => b - a);

/** A priority's position in LEVELS (0: highest). A comparison chain: faster than a map lookup here. */
function levelOf(priority: Priority): number {
  return priority === 'normal'
    ? LEVEL.normal
    : priority === 'low'
      ? LEVEL.low
      : priority === 'high'
        ? LEVEL.high
        : LEVEL.critical;
}
const LEVEL = Object.fromEntries(
  Object.entries(PRIORITY_VALUE).map(([name, value]) => [name, LEVELS.indexOf(value)]),
) as Record<Priority, number>;

/**
 * `jobs` sorted by `byJob` (a new array). The same result as a plain sort, faster for a long
 * backlog: when the first order plugin is priority-order (a total order: priority, submission
 * time, id, so later plugins never decide), jobs are bucketed by priority (a stable counting sort,
 * higher first) and a bucket already in order (pending lists usually arrive in submission order)
 * is not sorted again.
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
  const n = jobs.length;
  const level = new Uint8Array(n);
  const next = new Int32Array(LEVELS.length + 1);
  // Each level keeps the input order, so whether a level is already sorted is seen in the same
  // pass that reads the priorities: each job is read once.
  const last: (PendingJob | undefined)[] = LEVELS.map(() => undefined);
  const unsorted = new Uint8Array(LEVELS.length);
  for (let i = 0; i < n; i++) {
    const job = jobs[i]!;
    const l = levelOf(job.spec.priority);
    level[i] = l;
    next[l + 1]!++;
    const a = last[l];
    if (a !== undefined && !(a.submittedAt < job.submittedAt || (a.submittedAt === job.submittedAt && a.id < job.id))) {
      unsorted[l] = 1;
    }
    last[l] = job;
  }
  for (let l = 1; l <= LEVELS.length; l++) next[l]! += next[l - 1]!;
  const ends = next.slice(1);
  const out = new Array<PendingJob>(n);
  for (let i = 0; i < n; i++) out[next[level[i]!]!++] = jobs[i]!;
  for (let l = 0, from = 0; l < LEVELS.length; from = ends[l]!, l++) {
    if (unsorted[l] === 0) continue;
    const run = out.slice(from, ends[l]).sort(byJob);
    for (let k = 0; k < run.length; k++) out[from + k] = run[k]!;
  }
  return out;
}
