/**
 * Junction's site selection in the simulator: planPlacement over one offer per pool, whose queue
 * wait is the exact start the pool's FIFO would give. A job with a deadline optimizes time, any
 * other job cost. A deadline no pool can meet is counted as a refusal; the job then runs where it
 * ends earliest, since a simulated user cannot resubmit.
 */
import { planPlacement } from '../../federation/plan.js';
import type { SiteOffer } from '../../federation/types.js';
import type { CompatOracle } from '../../scheduler/framework.js';
import { makeJob } from '../../scheduler/testing.js';
import type { CompiledJobSpec } from '../../spec/types.js';
import type { FederationPolicy, SimView } from './engine.js';
import type { SimJob } from './inputs.js';
import { matrixOracle } from './oracle.js';
import { estimateStart } from './pools.js';

const MS = 1000;

function specOf(job: SimJob, reference: string): CompiledJobSpec {
  const base = makeJob(
    job.id,
    { count: job.devicesPerReplica },
    { replicas: job.replicas, priority: job.priority },
  ).spec;
  const placement: CompiledJobSpec['placement'] = {
    ...base.placement,
    objective: job.deadline === undefined ? 'cost' : 'time',
  };
  if (job.deadline !== undefined) placement.deadline = new Date(job.deadline * MS).toISOString();
  return {
    ...base,
    workload: { ...base.workload, estimate: { referenceSeconds: job.work, referenceModel: reference } },
    placement,
  };
}

function offersFor(job: SimJob, view: SimView): SiteOffer[] {
  const need = job.replicas * job.devicesPerReplica;
  return view.pools.map((pool) => {
    const wait = estimateStart(pool, need, view.now) - view.now;
    return {
      site: pool.site,
      region: pool.region,
      prices: [{ model: pool.model, perHour: pool.pricePerHour, currency: view.currency }],
      freeDevices: { [pool.model]: wait === 0 ? pool.free : 0 },
      totalDevices: { [pool.model]: pool.total },
      queueWaitSeconds: Number.isFinite(wait) ? wait : 0,
      datasets: [],
      transfer: { gibPerSecond: 1, costPerGiB: 0 },
    };
  });
}

export interface JunctionPolicy extends FederationPolicy {
  /** Jobs whose deadline no pool could meet when they arrived. */
  readonly refusals: () => number;
}

export function junctionPolicy(): JunctionPolicy {
  const oracles = new Map<string, CompatOracle>();
  let refused = 0;
  return {
    name: 'junction',
    blocking: false,
    refusals: () => refused,
    choose(job, view) {
      let oracle = oracles.get(job.class);
      if (!oracle) {
        oracle = matrixOracle(view.matrix, job.class);
        oracles.set(job.class, oracle);
      }
      const spec = specOf(job, view.matrix.reference);
      const offers = offersFor(job, view);
      const pick = (s: CompiledJobSpec) => {
        const chosen = planPlacement(s, offers, oracle, view.now * MS).chosen;
        if (!chosen) return undefined;
        return view.pools.findIndex((p) => p.site === chosen.site && p.model === chosen.model);
      };
      const first = pick(spec);
      if (first !== undefined) return first;
      if (job.deadline === undefined) return 'unplaceable';
      refused++;
      const { deadline: _ignored, ...rest } = spec.placement;
      return pick({ ...spec, placement: { ...rest, objective: 'time' } }) ?? 'unplaceable';
    },
  };
}
