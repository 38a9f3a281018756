/**
 * The federated simulation in virtual time: jobs arrive, a policy sends each to a pool (site and
 * model) or keeps it in the federation-wide queue, pools start their queue heads when devices are
 * free, and devices come back when a job ends. Deterministic: same inputs, same records.
 */

import { BinaryHeap } from '../../scheduler/binary-heap.js';
import { PRIORITY_VALUE } from '../../spec/types.js';
import type { SimCluster, SimJob, ThroughputMatrix } from './inputs.js';
import { runSeconds } from './oracle.js';
import { enqueue, type Pool, poolsOf } from './pools.js';

export interface SimView {
  now: number;
  pools: readonly Pool[];
  matrix: ThroughputMatrix;
  currency: string;
}

/**
 * A site-selection policy. `choose` is called for each job in the federation-wide queue (priority,
 * then arrival order) at every arrival and completion until it returns a pool index; the job then waits in that
 * pool's queue. A `blocking` policy stops at the first job it cannot place (head-of-line FIFO).
 * `unplaceable` says a job can never run under this policy; it is dropped and recorded.
 */
export interface FederationPolicy {
  readonly name: string;
  readonly blocking: boolean;
  choose(job: SimJob, view: SimView): number | null | 'unplaceable';
}

export interface JobRecord {
  id: string;
  arrival: number;
  deadline?: number;
  /** Absent for a job that never ran. */
  start?: number;
  end?: number;
  site?: string;
  model?: string;
  devices: number;
  cost: number;
}

export interface SimOutcome {
  policy: string;
  records: JobRecord[];
  /** Pool index → busy device-seconds. */
  busy: number[];
  pools: readonly Pool[];
}

interface Completion {
  end: number;
  pool: number;
  devices: number;
  seq: number;
}

/** Higher priority first, then arrival order. */
function insertByPriority(waiting: SimJob[], job: SimJob): void {
  let k = waiting.length;
  while (k > 0 && PRIORITY_VALUE[waiting[k - 1]!.priority] < PRIORITY_VALUE[job.priority]) k--;
  waiting.splice(k, 0, job);
}

function less(a: Completion, b: Completion): boolean {
  return a.end < b.end || (a.end === b.end && a.seq < b.seq);
}

export function simulate(
  cluster: SimCluster,
  matrix: ThroughputMatrix,
  jobs: readonly SimJob[],
  policy: FederationPolicy,
): SimOutcome {
  const pools = poolsOf(cluster);
  const busy = pools.map(() => 0);
  const records = new Map<SimJob, JobRecord>();
  // Earliest end first, then the order they started.
  const completions = new BinaryHeap<Completion>(less);
  let waiting: SimJob[] = [];
  let seq = 0;
  const view: SimView = { now: 0, pools, matrix, currency: cluster.currency };

  const startHeads = (now: number) => {
    for (const pool of pools) {
      while (pool.queue.length > 0 && pool.queue[0]!.devices <= pool.free) {
        const { job, devices, seconds } = pool.queue.shift()!;
        const start = now + pool.startupSeconds;
        const end = start + seconds;
        pool.free -= devices;
        pool.running.push({ end, devices });
        completions.push({ end, pool: pool.index, devices, seq: seq++ });
        busy[pool.index]! += devices * (end - now);
        const record = records.get(job)!;
        Object.assign(record, { start, end, site: pool.site, model: pool.model });
        record.cost = (seconds / 3600) * pool.pricePerHour * devices;
      }
    }
  };
  const dispatch = (now: number) => {
    view.now = now;
    const still: SimJob[] = [];
    let blocked = false;
    for (const job of waiting) {
      if (blocked) {
        still.push(job);
        continue;
      }
      const choice = policy.choose(job, view);
      if (choice === 'unplaceable') continue;
      if (choice === null) {
        still.push(job);
        blocked = policy.blocking;
        continue;
      }
      const pool = pools[choice]!;
      const devices = job.replicas * job.devicesPerReplica;
      enqueue(pool, { job, devices, seconds: runSeconds(matrix, job.class, pool.model, job.work) });
      if (policy.blocking) startHeads(now);
    }
    waiting = still;
  };

  let next = 0;
  while (next < jobs.length || completions.size > 0) {
    const arrival = jobs[next]?.arrival ?? Number.POSITIVE_INFINITY;
    const now = Math.min(arrival, completions.peek()?.end ?? Number.POSITIVE_INFINITY);
    while (completions.size > 0 && completions.peek()!.end <= now) {
      const done = completions.pop()!;
      const pool = pools[done.pool]!;
      pool.free += done.devices;
      const k = pool.running.findIndex((r) => r.end === done.end && r.devices === done.devices);
      pool.running.splice(k, 1);
    }
    while (next < jobs.length && jobs[next]!.arrival <= now) {
      const job = jobs[next++]!;
      const record: JobRecord = {
        id: job.id,
        arrival: job.arrival,
        devices: job.replicas * job.devicesPerReplica,
        cost: 0,
      };
      if (job.deadline !== undefined) record.deadline = job.deadline;
      records.set(job, record);
      insertByPriority(waiting, job);
    }
    startHeads(now);
    dispatch(now);
    startHeads(now);
    if (next >= jobs.length && completions.size === 0 && pools.every((p) => p.queue.length === 0)) break;
  }
  return { policy: policy.name, records: [...records.values()], busy, pools };
}
