/**
 * The simulator's view of capacity: one pool per (site, model) with free devices, a strict FIFO
 * queue in the order jobs were sent to it, and the jobs running on it; and the exact start time a
 * new job would get at its tail. Priority orders the federation-wide queue (see engine.ts), not a
 * pool's: a site that reordered its queue would break the start times it already promised.
 */
import type { SimCluster, SimJob } from './inputs.js';

export interface QueuedJob {
  job: SimJob;
  devices: number;
  /** Run seconds on this pool's model (startup not included). */
  seconds: number;
}

export interface Pool {
  index: number;
  site: string;
  region: string;
  model: string;
  pricePerHour: number;
  total: number;
  free: number;
  startupSeconds: number;
  queue: QueuedJob[];
  /** End times and devices of running jobs. */
  running: { end: number; devices: number }[];
}

export function poolsOf(cluster: SimCluster): Pool[] {
  return cluster.sites
    .flatMap((site) => site.pools.map((p) => ({ site, p })))
    .map(({ site, p }, index) => ({
      index,
      site: site.name,
      region: site.region,
      model: p.model,
      pricePerHour: p.pricePerHour,
      total: p.devices,
      free: p.devices,
      startupSeconds: site.startupSeconds,
      queue: [],
      running: [],
    }));
}

export function enqueue(pool: Pool, entry: QueuedJob): void {
  pool.queue.push(entry);
}

/**
 * The time `job` would start running (startup included) if queued now, replaying the pool's FIFO
 * with the known end times of what runs and what waits ahead of it.
 */
export function estimateStart(pool: Pool, devices: number, now: number): number {
  if (devices > pool.total) return Number.POSITIVE_INFINITY;
  const ends = pool.running.map((r) => [r.end, r.devices] as [number, number]).sort((a, b) => a[0] - b[0]);
  let free = pool.free;
  let t = now;
  const take = (need: number) => {
    while (free < need) {
      const [end, d] = ends.shift()!;
      t = Math.max(t, end);
      free += d;
    }
    free -= need;
  };
  for (const q of pool.queue) {
    take(q.devices);
    const end = t + pool.startupSeconds + q.seconds;
    const at = ends.findIndex((e) => e[0] > end);
    ends.splice(at === -1 ? ends.length : at, 0, [end, q.devices]);
  }
  take(devices);
  return t + pool.startupSeconds;
}
