/**
 * Baseline site-selection policies the benchmark compares Junction's against. Each commits a job
 * to one pool on arrival, except FIFO, which keeps one federation-wide queue.
 */
import type { FederationPolicy, SimView } from './engine.js';
import type { SimJob } from './inputs.js';
import type { Pool } from './pools.js';

function devices(job: SimJob): number {
  return job.replicas * job.devicesPerReplica;
}

/** Pools that can run the job at all: the class runs on the model and the pool is big enough. */
export function runnablePools(job: SimJob, view: SimView): Pool[] {
  const row = view.matrix.classes[job.class] ?? {};
  return view.pools.filter((p) => row[p.model] !== undefined && p.total >= devices(job));
}

function best(pools: Pool[], better: (a: Pool, b: Pool) => boolean): number | 'unplaceable' {
  let pick: Pool | undefined;
  for (const p of pools) if (!pick || better(p, pick)) pick = p;
  return pick ? pick.index : 'unplaceable';
}

/** The lowest price per device-hour, whatever the device's speed. */
export function cheapestFirst(): FederationPolicy {
  return {
    name: 'cheapest-first',
    blocking: false,
    choose: (job, view) => best(runnablePools(job, view), (a, b) => a.pricePerHour < b.pricePerHour),
  };
}

/** The highest throughput for the job's class, whatever it costs or how long its queue is. */
export function fastestDeviceFirst(): FederationPolicy {
  return {
    name: 'fastest-first',
    blocking: false,
    choose(job, view) {
      const row = view.matrix.classes[job.class] ?? {};
      return best(runnablePools(job, view), (a, b) => row[a.model]! > row[b.model]!);
    },
  };
}

/** Sites in turn; at the site, its first pool that can run the job. */
export function roundRobin(): FederationPolicy {
  let turn = 0;
  return {
    name: 'round-robin',
    blocking: false,
    choose(job, view) {
      const runnable = runnablePools(job, view);
      if (runnable.length === 0) return 'unplaceable';
      const sites = [...new Set(view.pools.map((p) => p.site))];
      for (let k = 0; k < sites.length; k++) {
        const site = sites[(turn + k) % sites.length]!;
        const pool = runnable.find((p) => p.site === site);
        if (pool) {
          turn = (turn + k + 1) % sites.length;
          return pool.index;
        }
      }
      return 'unplaceable';
    },
  };
}

/**
 * One federation-wide FIFO that treats every device as the same: the head job goes to the first
 * pool (in cluster order) with enough free devices, and everyone behind it waits until it can.
 */
export function heterogeneityAgnosticFifo(): FederationPolicy {
  return {
    name: 'fifo',
    blocking: true,
    choose(job, view) {
      const runnable = runnablePools(job, view);
      if (runnable.length === 0) return 'unplaceable';
      const free = runnable.find((p) => p.queue.length === 0 && p.free >= devices(job));
      return free ? free.index : null;
    },
  };
}
