/**
 * How preemption finds its victims (the contract is in preemption.ts): on one node, best-first over
 * the nodes by a lower bound on each node's victim cost; across nodes, cheapest first until the job
 * fits, found with a doubling then halving search instead of a placement after every eviction.
 */
import type { NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { PRIORITY_VALUE } from '../spec/types.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import type { CycleContext, PendingJob, PreemptPlugin, Profile, RunningJob } from './framework.js';
import type { Placer } from './preemption.js';
import type { Holding } from './queues.js';
import { candidateNodes, isCandidate } from './scopes.js';
import { Simulation } from './simulation.js';

/** One preemptor's search. */
export interface Search {
  plugins: readonly PreemptPlugin[];
  profile: Profile;
  job: PendingJob;
  ctx: CycleContext;
  pool: VictimPool;
  /** Jobs already stopping that still hold capacity. */
  stopping: readonly string[];
  /** Whether a pool entry may be a victim at all (preemption.ts eligibility). */
  eligible: (c: Candidate) => boolean;
  place: Placer;
  blockedAtAdmission: boolean;
}

export type Chosen = { candidate: Candidate; reason: string };

/** A preemptible running job as preemption weighs it. */
export interface Candidate {
  job: RunningJob;
  holding: Holding;
  placements: readonly ReplicaPlacement[];
  /** Device milli, CPU millis and memory MiB held: what cheapestFirst compares. */
  devices: number;
  cpuMillis: number;
  memoryMiB: number;
  /** Queue, priority and holding: preempt plugins answer the same for candidates with the same key. */
  key: string;
}

export interface VictimPool {
  /** Jobs already stopping: their capacity counts as coming back. */
  stopping: string[];
  /** Preemptible running jobs, cheapest first. */
  preemptible: Candidate[];
  /** Per node, the preemptible jobs with a replica on it, cheapest first. */
  byNode: Map<string, Candidate[]>;
}

export function vouch(
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

/** Cost of a victim set, compared lexicographically: highest priority evicted, count, devices. */
export function cost(set: readonly Candidate[]): [number, number, number] {
  let top = 0;
  let devices = 0;
  for (const c of set) {
    top = Math.max(top, PRIORITY_VALUE[c.job.priority]);
    devices += c.devices;
  }
  return [top, set.length, devices];
}

export function cheaper(a: readonly [number, number, number], b: readonly [number, number, number]): boolean {
  return a[0] - b[0] < 0 || (a[0] === b[0] && (a[1] - b[1] < 0 || (a[1] === b[1] && a[2] < b[2])));
}

/** Whether the job fits once the jobs already stopping are gone. */
export function stoppingMakeRoom(s: Search): boolean {
  const sim = new Simulation(s.ctx, searchNodes(s, false));
  for (const id of s.stopping) sim.evict(id);
  return 'placements' in s.place(s.job, sim.ctx);
}

/**
 * The nodes worth copying. A single replica that found no room anywhere can only land where a
 * victim or a stopping job frees some; a gang, or a job refused at admission (quota), may use any
 * node it could run on.
 */
function searchNodes(s: Search, withVictims: boolean): NodeState[] {
  const all = candidateNodes(s.ctx.cluster, s.job.spec);
  if (s.blockedAtAdmission || s.job.spec.resources.replicas > 1) return all;
  const freed = new Set<string>();
  for (const id of s.stopping) for (const p of s.ctx.cluster.allocationOf(id) ?? []) freed.add(p.node);
  if (withVictims) for (const [node, list] of s.pool.byNode) if (list.some(s.eligible)) freed.add(node);
  return all.filter((n) => freed.has(n.info.name));
}

/**
 * A job of one replica: per node, evict its victims cheapest first until the profile's filters
 * pass there, and keep the cheapest node's set, confirmed by a full placement. Nodes are tried in
 * the order of a lower bound on their cost (the victims that would free enough capacity, counted
 * optimistically), and the search stops when no untried node can be cheaper than the best found.
 * Undefined when no node works (or the job spans nodes).
 */
export function oneNode(s: Search): Chosen[] | undefined {
  const { job, ctx, profile, plugins } = s;
  if (job.spec.resources.replicas > 1) return undefined;
  const options: { node: NodeState; list: Candidate[]; bound: [number, number, number] }[] = [];
  for (const [name, all] of s.pool.byNode) {
    const node = ctx.cluster.node(name);
    if (!node || !isCandidate(node, job.spec)) continue;
    const list = all.filter(s.eligible);
    if (list.length === 0) continue;
    const need = victimsForRoom(node, list, s);
    if (need > 0) options.push({ node, list, bound: cost(list.slice(0, need)) });
  }
  options.sort((a, b) =>
    cheaper(a.bound, b.bound) ? -1 : cheaper(b.bound, a.bound) ? 1 : a.node.ordinal - b.node.ordinal,
  );
  let best: { set: Chosen[]; cost: [number, number, number] } | undefined;
  for (const option of options) {
    if (best && !cheaper(option.bound, best.cost)) break;
    const sim = new Simulation(ctx, [option.node]);
    for (const id of s.stopping) sim.evict(id);
    const node = sim.cluster.node(option.node.info.name)!;
    sim.ctx.cycle.write(FIT_KEY, new Map() satisfies FitCache);
    const set: Chosen[] = [];
    let ok = false;
    for (const c of option.list) {
      const reason = vouch(plugins, job, c.job, sim.ctx);
      if (reason === null) continue;
      sim.evict(c.job.id);
      set.push({ candidate: c, reason });
      if (profile.filter.every((f) => f.filter(job, node, sim.ctx).code === 'success')) {
        ok = true;
        break;
      }
    }
    if (!ok) continue;
    const setCost = cost(set.map((c) => c.candidate));
    if (best && !cheaper(setCost, best.cost)) continue;
    if ('placements' in s.place(job, sim.ctx)) best = { set, cost: setCost };
  }
  return best?.set;
}

/**
 * How many of `list` (cheapest first) must go before the node could hold one replica, counting
 * what they free optimistically (any device, any model; jobs already stopping gone first): a lower
 * bound on the victims the node needs. -1: not even all of them would do; at least 1.
 */
function victimsForRoom(node: NodeState, list: readonly Candidate[], s: Search): number {
  const room: Room = {
    node,
    cpu: node.freeCpuMillis,
    memory: node.freeMemoryMiB,
    freeMemory: node.devices.map((d) => d.freeMemoryMiB),
    freeCompute: node.devices.map((d) => d.freeComputePercent),
    holders: node.devices.map((d) => d.holders.size),
  };
  for (const id of s.stopping) release(room, s.ctx.cluster.allocationOf(id));
  const per = s.job.spec.resources.perReplica;
  for (let k = 0; k < list.length; k++) {
    release(room, s.ctx.cluster.allocationOf(list[k]!.job.id));
    if (holdsReplica(room, per)) return k + 1;
  }
  return -1;
}

/** What one node would have free, counted optimistically (victimsForRoom). */
interface Room {
  node: NodeState;
  cpu: number;
  memory: number;
  freeMemory: number[];
  freeCompute: number[];
  /** Per device, how many jobs hold part of it. */
  holders: number[];
}

function release(room: Room, placements: readonly ReplicaPlacement[] | undefined): void {
  const name = room.node.info.name;
  for (const p of placements ?? []) {
    if (p.node !== name) continue;
    room.cpu += p.cpuMillis;
    room.memory += p.memoryMiB;
    for (let k = 0; k < p.devices.length; k++) {
      const a = p.devices[k]!;
      room.freeMemory[a.index]! += a.memoryMiB;
      room.freeCompute[a.index]! += a.computePercent;
      // A replica lists a device once: the job stops holding it.
      room.holders[a.index]!--;
    }
  }
}

function holdsReplica(room: Room, per: PendingJob['spec']['resources']['perReplica']): boolean {
  if (room.cpu < per.cpuMillis || room.memory < per.memoryMiB) return false;
  const acc = per.accelerators;
  if (acc.kind === 'none') return true;
  let idle = 0;
  const devices = room.node.devices;
  for (let i = 0; i < devices.length; i++) {
    if (!devices[i]!.info.healthy) continue;
    if (acc.kind === 'whole' && room.holders[i] === 0 && ++idle >= acc.count) return true;
    if (acc.kind === 'share' && acc.share) {
      if (room.freeMemory[i]! >= acc.share.memoryMiB && room.freeCompute[i]! >= acc.share.computePercent) return true;
    }
  }
  return false;
}

/**
 * Evicts cheapest first until the job fits, then spares each victim it can do without (dearest
 * first). Whether it fits is asked after 1, 2, 4, … victims and then by halving the last step, so
 * a job that needs n victims costs about 2·log2(n) placements, not n. Victims holding a device the
 * found placement uses are kept without asking.
 */
export function addUntilFits(s: Search): Chosen[] | undefined {
  const { job, plugins } = s;
  const sim = new Simulation(s.ctx, searchNodes(s, true));
  for (const id of s.stopping) sim.evict(id);
  const fits = () => 'placements' in s.place(job, sim.ctx);
  const acc = job.spec.resources.perReplica.accelerators;
  const wholeNeeded = acc.kind === 'whole' ? acc.count * job.spec.resources.replicas : 0;
  const chosen: Chosen[] = [];
  let failedAt = 0;
  let fitsAt = -1;
  let nextCheck = 1;
  for (const c of s.pool.preemptible) {
    if (!s.eligible(c)) continue;
    const reason = vouch(plugins, job, c.job, sim.ctx);
    if (reason === null) continue;
    sim.evict(c.job.id);
    chosen.push({ candidate: c, reason });
    if (sim.freeWhole < wholeNeeded || chosen.length < nextCheck) continue;
    if (fits()) {
      fitsAt = chosen.length;
      break;
    }
    failedAt = chosen.length;
    nextCheck = 2 * chosen.length;
  }
  if (fitsAt < 0) {
    if (chosen.length === failedAt || sim.freeWhole < wholeNeeded || !fits()) return undefined;
    fitsAt = chosen.length;
  }
  // The first `evicted` of `chosen` are out of the simulation.
  let evicted = chosen.length;
  const keepFirst = (k: number) => {
    while (evicted > k) sim.restore(chosen[--evicted]!.candidate.job.id);
    while (evicted < k) sim.evict(chosen[evicted++]!.candidate.job.id);
  };
  keepFirst(fitsAt);
  let lo = failedAt;
  let hi = fitsAt;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    keepFirst(mid);
    if (fits()) hi = mid;
    else lo = mid;
  }
  keepFirst(hi);
  chosen.length = hi;
  return spareWhatIsNotNeeded(s, sim, chosen);
}

/**
 * Spares the chosen victims the job can do without (never the last, which made it fit). Victims
 * with nothing on the nodes the found placement uses are spared together when the job still fits
 * without them; the rest are tried one by one, dearest first, except those holding a device the
 * placement uses, which it needs.
 */
function spareWhatIsNotNeeded(s: Search, sim: Simulation, chosen: Chosen[]): Chosen[] {
  const placed = s.place(s.job, sim.ctx);
  if (!('placements' in placed)) return chosen;
  const nodes = new Set<string>();
  const devices = new Set<string>();
  for (const p of placed.placements) {
    nodes.add(p.node);
    for (const d of p.devices) devices.add(`${p.node}#${d.index}`);
  }
  const last = chosen.length - 1;
  const elsewhere = chosen.filter((c, i) => i < last && c.candidate.placements.every((p) => !nodes.has(p.node)));
  if (elsewhere.length > 0) {
    for (const c of elsewhere) sim.restore(c.candidate.job.id);
    if ('placements' in s.place(s.job, sim.ctx)) {
      const gone = new Set(elsewhere);
      chosen = chosen.filter((c) => !gone.has(c));
    } else {
      for (const c of elsewhere) sim.evict(c.candidate.job.id);
    }
  }
  const holdsUsed = (c: Candidate) =>
    c.placements.some((p) => p.devices.some((d) => devices.has(`${p.node}#${d.index}`)));
  for (let i = chosen.length - 2; i >= 0; i--) {
    const c = chosen[i]!.candidate;
    if (holdsUsed(c)) continue;
    sim.restore(c.job.id);
    if ('placements' in s.place(s.job, sim.ctx)) chosen.splice(i, 1);
    else sim.evict(c.job.id);
  }
  return chosen;
}
