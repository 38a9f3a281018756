/**
 * The preemption action (Volcano's preempt and reclaim): for a job that cannot start, find running
 * jobs whose eviction would let it start, cheapest first, and decide only after simulating.
 *
 * Contract:
 * - A victim is always a running job that is preemptible and of strictly lower priority than the
 *   preemptor, that no earlier decision of this cycle spared (bound this cycle, or already chosen),
 *   and that some preempt plugin vouches for. Jobs already stopping are never chosen again; their
 *   capacity counts as coming back.
 * - Victims are whole jobs: every replica of a gang goes with it.
 * - Cheapest first: lowest priority, then fewest devices, CPU, memory, then the most recently started.
 * - Every candidate set is tried on a Simulation (a copy of the nodes the job could use and a clone
 *   of the cycle state) with the cycle's own admit, filter, score and permit; nothing real changes.
 *   A job that fits on one node first tries the single node whose victims are cheapest (see
 *   victim-search.ts); otherwise victims are added cheapest first until it fits, then each one it
 *   can do without is spared.
 * - The plan is a decision for the control plane: cancel the victims; the preemptor is placed in a
 *   later cycle, once they are gone.
 *
 * Cost: the pool is ordered once per cycle, plugins are asked once per distinct (queue, priority,
 * holding) of victim per preemptor, and simulations copy only the nodes a search needs.
 */
import type { ClusterState } from '../cluster/state.js';
import { PRIORITY_VALUE } from '../spec/types.js';
import type { Binding, Wait } from './cycle.js';
import type { CycleContext, PendingJob, PreemptPlugin, Profile, RunningJob } from './framework.js';
import { holdingOf, type QueueUsage } from './queues.js';
import {
  addUntilFits,
  type Candidate,
  oneNode,
  type Search,
  stoppingMakeRoom,
  type VictimPool,
  vouch,
} from './victim-search.js';

/** The cycle's admit, filter, score and permit for one job, as runCycle runs them. */
export type Placer = (job: PendingJob, ctx: CycleContext) => Binding | Wait;

export interface PreemptionPlan {
  /** Cheapest first; empty when jobs already stopping will make room. */
  victims: RunningJob[];
  reason: string;
}

/** The jobs running before the cycle, cheapest first: preemption's victims come from here. */
export function victimPool(running: readonly RunningJob[], cluster: ClusterState, usage?: QueueUsage): VictimPool {
  const stopping: string[] = [];
  const preemptible: Candidate[] = [];
  for (const r of running) {
    if (r.terminating) {
      stopping.push(r.id);
      continue;
    }
    const placements = cluster.allocationOf(r.id);
    if (!r.preemptible || !placements) continue;
    const holding = usage?.heldBy(r.id)?.holding ?? holdingOf(placements, cluster);
    let devices = 0;
    for (const milli of holding.devices.values()) devices += milli;
    const held = [...holding.devices].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    preemptible.push({
      job: r,
      holding,
      placements,
      devices,
      cpuMillis: holding.cpuMillis,
      memoryMiB: holding.memoryMiB,
      key: `${r.queue}\u0000${r.priority}\u0000${holding.cpuMillis}\u0000${holding.memoryMiB}\u0000${held.join(',')}`,
    });
  }
  preemptible.sort(cheapestFirst);
  const byNode = new Map<string, Candidate[]>();
  for (const c of preemptible) {
    for (const node of new Set(c.placements.map((p) => p.node))) {
      const list = byNode.get(node);
      if (list) list.push(c);
      else byNode.set(node, [c]);
    }
  }
  return { stopping, preemptible, byNode };
}

export function planPreemption(
  profile: Profile,
  job: PendingJob,
  ctx: CycleContext,
  pool: VictimPool,
  spared: ReadonlySet<string>,
  place: Placer,
  blockedAtAdmission: boolean,
): PreemptionPlan | undefined {
  const plugins = profile.preempt ?? [];
  if (plugins.length === 0) return undefined;
  const eligible = eligibility(plugins, job, ctx, spared);
  const stopping = pool.stopping.filter((id) => ctx.cluster.allocationOf(id));
  if (stopping.length === 0 && !pool.preemptible.some(eligible)) return undefined;
  const search: Search = { plugins, profile, job, ctx, pool, stopping, eligible, place, blockedAtAdmission };
  if (stopping.length > 0 && stoppingMakeRoom(search)) {
    return { victims: [], reason: 'jobs already stopping will make room' };
  }
  const chosen = oneNode(search) ?? addUntilFits(search);
  if (!chosen) return undefined;
  const reasons = [...new Set(chosen.map((c) => c.reason))];
  return { victims: chosen.map((c) => c.candidate.job), reason: reasons.join('; ') };
}

/**
 * Whether a pool entry may be a victim of `job` in the real cluster: lower priority, not spared,
 * still allocated, and vouched for by a preempt plugin (asked once per candidate key).
 */
function eligibility(
  plugins: readonly PreemptPlugin[],
  job: PendingJob,
  ctx: CycleContext,
  spared: ReadonlySet<string>,
): (c: Candidate) => boolean {
  const mine = PRIORITY_VALUE[job.spec.priority];
  const answers = new Map<string, boolean>();
  return (c) => {
    if (PRIORITY_VALUE[c.job.priority] >= mine || spared.has(c.job.id) || !ctx.cluster.allocationOf(c.job.id)) {
      return false;
    }
    let ok = answers.get(c.key);
    if (ok === undefined) {
      ok = vouch(plugins, job, c.job, ctx) !== null;
      answers.set(c.key, ok);
    }
    return ok;
  };
}

function cheapestFirst(a: Candidate, b: Candidate): number {
  return (
    PRIORITY_VALUE[a.job.priority] - PRIORITY_VALUE[b.job.priority] ||
    a.devices - b.devices ||
    a.cpuMillis - b.cpuMillis ||
    a.memoryMiB - b.memoryMiB ||
    b.job.startedAt - a.job.startedAt ||
    (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0)
  );
}
