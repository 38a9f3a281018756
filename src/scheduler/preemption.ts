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
 *   A job that fits on one node first tries the single node whose victims are cheapest; otherwise
 *   victims are added cheapest first until it fits, then each one it can do without is spared.
 * - The plan is a decision for the control plane: cancel the victims; the preemptor is placed in a
 *   later cycle, once they are gone.
 */
import type { NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { PRIORITY_VALUE } from '../spec/types.js';
import type { Binding, Wait } from './cycle.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import type { CycleContext, PendingJob, PreemptPlugin, Profile, RunningJob } from './framework.js';
import { type Holding, holdingOf, queueUsage } from './queues.js';
import { candidateNodes } from './scopes.js';
import { Simulation } from './simulation.js';

/** The cycle's admit, filter, score and permit for one job, as runCycle runs them. */
export type Placer = (job: PendingJob, ctx: CycleContext) => Binding | Wait;

export interface PreemptionPlan {
  /** Cheapest first; empty when jobs already stopping will make room. */
  victims: RunningJob[];
  reason: string;
}

interface Candidate {
  job: RunningJob;
  holding: Holding;
  placements: readonly ReplicaPlacement[];
}

/** The jobs running before the cycle, by rising priority: preemption's victims come from here. */
export function victimPool(running: readonly RunningJob[]): { stopping: string[]; preemptible: RunningJob[] } {
  const stopping: string[] = [];
  const byPriority = new Map<number, RunningJob[]>();
  for (const r of running) {
    if (r.terminating) stopping.push(r.id);
    else if (r.preemptible) {
      const value = PRIORITY_VALUE[r.priority];
      const list = byPriority.get(value);
      if (list) list.push(r);
      else byPriority.set(value, [r]);
    }
  }
  const preemptible = [...byPriority.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  return { stopping, preemptible };
}

export function planPreemption(
  profile: Profile,
  job: PendingJob,
  ctx: CycleContext,
  pool: ReturnType<typeof victimPool>,
  spared: ReadonlySet<string>,
  place: Placer,
  blockedAtAdmission: boolean,
): PreemptionPlan | undefined {
  const plugins = profile.preempt ?? [];
  if (plugins.length === 0) return undefined;
  const mine = PRIORITY_VALUE[job.spec.priority];
  const usage = queueUsage(ctx);
  const candidates: Candidate[] = [];
  const stopping = pool.stopping.filter((id) => ctx.cluster.allocationOf(id));
  for (const r of pool.preemptible) {
    if (PRIORITY_VALUE[r.priority] >= mine) break;
    if (spared.has(r.id)) continue;
    const placements = ctx.cluster.allocationOf(r.id);
    if (placements && vouch(plugins, job, r, ctx)) {
      const holding = usage?.heldBy(r.id)?.holding ?? holdingOf(placements, ctx.cluster);
      candidates.push({ job: r, holding, placements });
    }
  }
  if (candidates.length === 0 && stopping.length === 0) return undefined;
  candidates.sort(cheapestFirst);

  const sim = new Simulation(ctx, simulatedNodes(job, ctx, candidates, stopping, blockedAtAdmission));
  for (const id of stopping) sim.evict(id);
  const fits = () => 'placements' in place(job, sim.ctx);
  if (stopping.length > 0 && fits()) return { victims: [], reason: 'jobs already stopping will make room' };
  if (candidates.length === 0) return undefined;

  const chosen =
    oneNode(plugins, profile, job, sim, candidates, fits) ?? addUntilFits(plugins, job, sim, candidates, fits);
  if (!chosen) return undefined;
  const reasons = [...new Set(chosen.map((c) => c.reason))];
  return { victims: chosen.map((c) => c.candidate.job), reason: reasons.join('; ') };
}

type Chosen = { candidate: Candidate; reason: string };

/**
 * The nodes worth copying. A single replica that found no room anywhere can only land where a
 * victim or a stopping job frees some; a gang, or a job refused at admission (quota), may use any
 * node it could run on.
 */
function simulatedNodes(
  job: PendingJob,
  ctx: CycleContext,
  candidates: readonly Candidate[],
  stopping: readonly string[],
  blockedAtAdmission: boolean,
): NodeState[] {
  const all = candidateNodes(ctx.cluster, job.spec);
  if (blockedAtAdmission || job.spec.resources.replicas > 1) return all;
  const freed = new Set<string>();
  for (const c of candidates) for (const p of c.placements) freed.add(p.node);
  for (const id of stopping) for (const p of ctx.cluster.allocationOf(id) ?? []) freed.add(p.node);
  return all.filter((n) => freed.has(n.info.name));
}

function vouch(
  plugins: readonly PreemptPlugin[],
  job: PendingJob,
  victim: RunningJob,
  ctx: CycleContext,
): string | null {
  for (const plugin of plugins) {
    const reason = plugin.mayEvict(job, victim, ctx);
    if (reason !== null) return reason;
  }
  return null;
}

function size(h: Holding): [number, number, number] {
  let devices = 0;
  for (const milli of h.devices.values()) devices += milli;
  return [devices, h.cpuMillis, h.memoryMiB];
}

function cheapestFirst(a: Candidate, b: Candidate): number {
  const [da, ca, ma] = size(a.holding);
  const [db, cb, mb] = size(b.holding);
  return (
    PRIORITY_VALUE[a.job.priority] - PRIORITY_VALUE[b.job.priority] ||
    da - db ||
    ca - cb ||
    ma - mb ||
    b.job.startedAt - a.job.startedAt ||
    (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0)
  );
}

/** Cost of a victim set, compared lexicographically: highest priority evicted, count, devices. */
function cost(set: readonly Chosen[]): [number, number, number] {
  let top = 0;
  let devices = 0;
  for (const c of set) {
    top = Math.max(top, PRIORITY_VALUE[c.candidate.job.priority]);
    devices += size(c.candidate.holding)[0];
  }
  return [top, set.length, devices];
}

function cheaper(a: [number, number, number], b: [number, number, number]): boolean {
  return a[0] - b[0] < 0 || (a[0] === b[0] && (a[1] - b[1] < 0 || (a[1] === b[1] && a[2] < b[2])));
}

/**
 * A job of one replica: per node, evict its victims
 * cheapest first until the profile's filters pass there, and keep the cheapest node's set; it is
 * then confirmed by a full placement. Undefined when no node works (or the job spans nodes).
 */
function oneNode(
  plugins: readonly PreemptPlugin[],
  profile: Profile,
  job: PendingJob,
  sim: Simulation,
  candidates: readonly Candidate[],
  fits: () => boolean,
): Chosen[] | undefined {
  if (job.spec.resources.replicas > 1) return undefined;
  const byNode = new Map<string, Candidate[]>();
  for (const c of candidates) {
    for (const node of new Set(c.placements.map((p) => p.node))) {
      if (!sim.cluster.node(node)) continue;
      byNode.set(node, [...(byNode.get(node) ?? []), c]);
    }
  }
  let best: Chosen[] | undefined;
  for (const [name, list] of byNode) {
    const node = sim.cluster.node(name)!;
    sim.ctx.cycle.write(FIT_KEY, new Map() satisfies FitCache);
    const set: Chosen[] = [];
    let ok = false;
    for (const c of list) {
      const reason = vouch(plugins, job, c.job, sim.ctx);
      if (reason === null) continue;
      sim.evict(c.job.id);
      set.push({ candidate: c, reason });
      if (profile.filter.every((f) => f.filter(job, node, sim.ctx).code === 'success')) {
        ok = true;
        break;
      }
    }
    for (const c of set) sim.restore(c.candidate.job.id);
    if (ok && (!best || cheaper(cost(set), cost(best)))) best = set;
  }
  if (!best) return undefined;
  for (const c of best) sim.evict(c.candidate.job.id);
  if (fits()) return best;
  for (const c of best) sim.restore(c.candidate.job.id);
  return undefined;
}

/** Evicts cheapest first until the job fits, then spares each victim it can do without (dearest first). */
function addUntilFits(
  plugins: readonly PreemptPlugin[],
  job: PendingJob,
  sim: Simulation,
  candidates: readonly Candidate[],
  fits: () => boolean,
): Chosen[] | undefined {
  const acc = job.spec.resources.perReplica.accelerators;
  const wholeNeeded = acc.kind === 'whole' ? acc.count * job.spec.resources.replicas : 0;
  const chosen: Chosen[] = [];
  let found = false;
  for (const c of candidates) {
    const reason = vouch(plugins, job, c.job, sim.ctx);
    if (reason === null) continue;
    sim.evict(c.job.id);
    chosen.push({ candidate: c, reason });
    if (sim.freeWhole < wholeNeeded) continue;
    if (fits()) {
      found = true;
      break;
    }
  }
  if (!found) return undefined;
  for (let i = chosen.length - 2; i >= 0; i--) {
    const id = chosen[i]!.candidate.job.id;
    sim.restore(id);
    if (fits()) chosen.splice(i, 1);
    else sim.evict(id);
  }
  return chosen;
}
