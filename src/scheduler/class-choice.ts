/**
 * The per-class walk of a cycle: one verdict per (request shape, state class), cached for the
 * cycle, and per shape a ranking of the classes (ranking.ts), so a job costs a lookup per class,
 * or one look at its shape's ranking, plus the dynamic filters.
 */
import type { FitResult } from '../cluster/fit.js';
import type { NodeState, StateClass } from '../cluster/state.js';
import type { Wait } from './cycle.js';
import { classPartition, devicePartitions, partitionChanges } from './device-partitions.js';
import type { FitCache } from './fit-cache.js';
import type { Cloneable, CycleContext, PendingJob, Profile } from './framework.js';
import {
  fitCache,
  type ProfileTraits,
  placementOn,
  profileTraits,
  type Scored,
  weightedScore,
} from './placement-score.js';
import { ClassRanking } from './ranking.js';
import { isCandidate } from './scopes.js';
import { ShapeMap } from './shape.js';

/**
 * What the static filters and the scores say about one node state for one request shape: the
 * same for every node of the class and every job of the shape, for the rest of the cycle (the
 * cycle's own cache, see ClassVerdicts). Dynamic filters are asked again every time.
 */
interface ClassVerdict {
  /** The node has devices the job could use at all (scopes.ts isCandidate). */
  candidate: boolean;
  ok: boolean;
  score: number;
  scores: number[];
  /**
   * Where the verdict was evaluated: the node, its `changes` then, and the fit the filters left.
   * While that node is the class's representative and unchanged, the static filters would say
   * the same on it again, so the winner's devices can be read from here.
   */
  node?: NodeState;
  changes?: number;
  fit?: Extract<FitResult, { ok: true }>;
}

interface Route {
  /** The vendor-free shape whose verdicts and partition rankings this shape reads (maybe itself). */
  core: ShapeVerdicts;
  /** A job of the core shape, for verdicts of classes that appear later in the cycle. */
  coreJob: PendingJob;
  /** The partitions this shape's vendor covers. */
  partitions: readonly number[];
  rankings?: readonly ClassRanking[];
}

const CLASS_VERDICTS_KEY = 'cycle/class-verdicts';

/**
 * Per request shape, per state-class id: the class's verdict. Valid for one cycle on one cluster;
 * a clone (a simulation's cycle state) starts empty, because it sees another cluster.
 */
class ClassVerdicts implements Cloneable<ClassVerdicts> {
  // Static filters and scores never read the queue (framework.ts): shapes without it.
  readonly byShape = new ShapeMap<ShapeVerdicts>(false);
  clone(): ClassVerdicts {
    return new ClassVerdicts();
  }
}

/** One request shape's cached class verdicts and rankings for the cycle (see shapeVerdicts). */
export interface ShapeVerdicts {
  /** By class id (dense, see storeVerdict). */
  verdicts: (ClassVerdict | undefined)[];
  /** The classes ranked by score, once the shape is placed over the whole cluster. */
  ranking?: ClassRanking;
  /** `ranking` as the list bestByRanking walks. */
  rankings?: readonly ClassRanking[];
  /** For a vendor-free shape: its classes ranked per device partition, by partition id. */
  byPartition?: ClassRanking[];
  /** How the shape reads partition rankings (see routeOf); null: it reads its own `ranking`. */
  route?: Route | null;
  /** The job whose shape this is, for verdicts of classes that appear later in the cycle. */
  job?: PendingJob;
  /** Why jobs of this shape wait, once one found no room in the cycle (cycle.ts, profiles without queues). */
  noRoom?: Omit<Wait, 'jobId'>;
}

/**
 * Stores a class's verdict at its id, filling any gap before it: class ids are small consecutive
 * numbers, and a dense array stays fast where a sparse one (first written at a high id) would
 * become a dictionary.
 */
function storeVerdict(verdicts: (ClassVerdict | undefined)[], id: number, verdict: ClassVerdict): void {
  while (verdicts.length < id) verdicts.push(undefined);
  verdicts[id] = verdict;
}

/**
 * The cycle's verdicts for `job`'s request shape: look them up once per job and hand them to
 * every bestNode call for its replicas.
 */
export function shapeVerdicts(ctx: CycleContext, job: PendingJob): ShapeVerdicts {
  let all = ctx.cycle.read<ClassVerdicts>(CLASS_VERDICTS_KEY);
  if (!all) {
    all = new ClassVerdicts();
    ctx.cycle.write(CLASS_VERDICTS_KEY, all);
  }
  let forShape = all.byShape.get(job);
  if (!forShape) {
    forShape = { verdicts: [] };
    all.byShape.set(job, forShape);
  }
  return forShape;
}

/**
 * The fast walk: one verdict per state class, cached by (request shape, class signature) for the
 * cycle, so a job costs one lookup per class plus the dynamic filters. Decides exactly as the full
 * walk: highest weighted score, ties to the earliest node. Only the winner is evaluated again, on
 * its own node, to get its devices. Gives no verdicts: when nothing fits, the caller takes the
 * full walk for the explanation.
 */
export function bestByClass(
  profile: Profile,
  job: PendingJob,
  replica: number,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shaped: ShapeVerdicts,
): { best?: Scored; feasible: number; considered: number } | undefined {
  const per = job.spec.resources.perReplica;
  const cache = shaped.verdicts;
  const traits = profileTraits(profile);
  const { dynamicFilter, dynamicScore } = traits;
  const dynamic = dynamicFilter || dynamicScore;
  const fits = fitCache(ctx);
  if (nodes === undefined && !dynamicScore) {
    return bestByRanking(profile, job, replica, ctx, shaped, traits, fits);
  }
  let bestNode: NodeState | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestScores: number[] | undefined;
  let feasible = 0;
  let considered = 0;
  let entries: readonly { representative: NodeState; id: number; members: { length: number } }[];
  if (nodes === undefined) entries = ctx.cluster.classList();
  else {
    considered = nodes.length;
    // Group the scope's nodes by class; the first in scope order stands for its class.
    const seen = new Map<number, { representative: NodeState; id: number; members: { length: number } }>();
    for (const node of nodes) {
      const cls = ctx.cluster.classOfNode(node);
      if (!cls) return undefined;
      const known = seen.get(cls.id);
      if (known) known.members.length++;
      else seen.set(cls.id, { representative: node, id: cls.id, members: { length: 1 } });
    }
    entries = [...seen.values()];
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const node = entry.representative;
    let verdict = cache[entry.id];
    if (verdict === undefined) {
      verdict = evaluateClass(profile, traits, job, replica, node, ctx, fits);
      storeVerdict(cache, entry.id, verdict);
    }
    const count = entry.members.length;
    if (nodes === undefined) {
      if (!verdict.candidate) continue;
      considered += count;
    }
    if (!verdict.ok) continue;
    let score = verdict.score;
    let scores = verdict.scores;
    if (dynamic) {
      const again = dynamicVerdict(profile, job, replica, node, ctx, fits);
      if (!again) continue;
      if (again !== true) ({ score, scores } = again);
    }
    feasible += count;
    if (score > bestScore || (score === bestScore && bestNode !== undefined && node.ordinal < bestNode.ordinal)) {
      bestNode = node;
      bestScore = score;
      bestScores = scores;
    }
  }
  if (!bestNode) return { feasible, considered };
  // The winner's own devices: run the filters on it (the class verdict came from another member).
  fits.clear();
  for (const plugin of profile.filter) if (plugin.filter(job, bestNode, ctx).code !== 'success') return undefined;
  const fit = fits.get(bestNode.info.name);
  if (!fit?.ok) return undefined;
  const placement = placementOn(bestNode, replica, per, fit);
  return {
    best: { node: bestNode, placement, score: bestScore, scores: bestScores! },
    feasible,
    considered,
  };
}

/**
 * bestByClass over the whole cluster with static scores: the shape's ranking of the classes gives
 * the best one directly (see ranking.ts). A request naming at most one vendor and no model reads
 * the rankings of its vendor-free core shape, one per device partition its vendor covers
 * (device-partitions.ts), so shapes that differ only by vendor share verdicts and a bind re-ranks
 * one partition. Dynamic filters are asked of the ranked classes, best first, until one passes;
 * the feasible count then is what the static filters allow.
 */
function bestByRanking(
  profile: Profile,
  job: PendingJob,
  replica: number,
  ctx: CycleContext,
  shaped: ShapeVerdicts,
  traits: ProfileTraits,
  fits: FitCache,
): { best?: Scored; feasible: number; considered: number } | undefined {
  const dynamicFilter = traits.dynamicFilter;
  if (shaped.route === undefined) shaped.route = routeOf(job, ctx, shaped);
  const source = shaped.route?.core ?? shaped;
  source.job = shaped.route && shaped.route.core !== shaped ? shaped.route.coreJob : job;
  const verdicts = source.verdicts;
  // (No closures named in this function: the TypeScript loader names each one as it is created,
  // which costs more than the rest of a ranked lookup.)
  let rankings: readonly ClassRanking[];
  if (shaped.route) {
    if (!shaped.route.rankings) {
      const partitioned = source.byPartition ?? [];
      source.byPartition = partitioned;
      const { cluster } = ctx;
      for (const p of shaped.route.partitions) {
        partitioned[p] ??= new ClassRanking(cluster, rankedVerdicts(profile, traits, source, replica, ctx, fits), {
          admits: (c) => classPartition(cluster, c) === p,
          changes: () => partitionChanges(cluster, p),
        });
      }
      shaped.route.rankings = shaped.route.partitions.map((p) => partitioned[p]!);
    }
    rankings = shaped.route.rankings;
  } else {
    shaped.ranking ??= new ClassRanking(ctx.cluster, rankedVerdicts(profile, traits, source, replica, ctx, fits));
    shaped.rankings ??= [shaped.ranking];
    rankings = shaped.rankings;
  }
  let cls: StateClass | undefined;
  let feasible = 0;
  let considered = 0;
  for (let i = 0; i < rankings.length; i++) {
    const ranking = rankings[i]!;
    ranking.update();
    const top = dynamicFilter
      ? ranking.best((c) => dynamicVerdict(profile, job, replica, c.representative, ctx, fits) !== false)
      : ranking.best();
    feasible += ranking.feasible;
    considered += ranking.considered;
    if (!top) continue;
    const a = verdicts[top.id]!.score;
    const b = cls ? verdicts[cls.id]!.score : Number.NEGATIVE_INFINITY;
    // Highest score, ties to the earliest node: the order of one ranking over every class.
    if (!cls || a > b || (a === b && top.representative.ordinal < cls.representative.ordinal)) cls = top;
  }
  if (!cls) return { feasible, considered };
  const node = cls.representative;
  const verdict = verdicts[cls.id]!;
  let fit: FitResult | undefined;
  // The winner's own devices: run the filters on it (the class verdict came from another member,
  // or from this node in another state), unless the verdict was evaluated on it as it is now.
  if (!dynamicFilter && verdict.node === node && verdict.changes === node.changes) fit = verdict.fit;
  else {
    fits.clear();
    for (const plugin of profile.filter) if (plugin.filter(job, node, ctx).code !== 'success') return undefined;
    fit = fits.get(node.info.name);
  }
  if (!fit?.ok) return undefined;
  const placement = placementOn(node, replica, job.spec.resources.perReplica, fit);
  return {
    best: { node, placement, score: verdict.score, scores: verdict.scores },
    feasible,
    considered,
  };
}

/** A ranking's verdict source: the shape's cached verdicts, evaluated with its latest job when missing. */
function rankedVerdicts(
  profile: Profile,
  traits: ProfileTraits,
  shaped: ShapeVerdicts,
  replica: number,
  ctx: CycleContext,
  fits: FitCache,
): (cls: StateClass) => ClassVerdict {
  const verdicts = shaped.verdicts;
  return (cls) => {
    let verdict = verdicts[cls.id];
    if (verdict === undefined) {
      verdict = evaluateClass(profile, traits, shaped.job!, replica, cls.representative, ctx, fits);
      storeVerdict(verdicts, cls.id, verdict);
    }
    return verdict;
  };
}

/**
 * Whether a shape may read its vendor-free core's partition rankings, and which partitions: a
 * request naming no model and at most one vendor, where every partition holding that vendor holds
 * nothing else (a node mixing vendors would judge the two requests differently). Null: it may not.
 */
function routeOf(job: PendingJob, ctx: CycleContext, shaped: ShapeVerdicts): Route | null {
  const acc = job.spec.resources.perReplica.accelerators;
  if (acc.models.length > 0 || acc.vendors.length > 1) return null;
  const partitions: number[] = [];
  const vendor = acc.vendors[0];
  for (const p of devicePartitions(ctx.cluster)) {
    if (acc.kind !== 'none' && p.vendors.length === 0) continue;
    if (vendor === undefined || acc.kind === 'none') partitions.push(p.id);
    else if (p.vendors.includes(vendor)) {
      if (p.vendors.length > 1) return null;
      partitions.push(p.id);
    }
  }
  if (vendor === undefined || acc.kind === 'none') return { core: shaped, coreJob: job, partitions };
  const coreJob = withoutVendors(job);
  const core = shapeVerdicts(ctx, coreJob);
  return { core, coreJob, partitions };
}

function withoutVendors(job: PendingJob): PendingJob {
  const { spec } = job;
  const per = spec.resources.perReplica;
  const accelerators = { ...per.accelerators, vendors: [] };
  return { ...job, spec: { ...spec, resources: { ...spec.resources, perReplica: { ...per, accelerators } } } };
}

/**
 * The dynamic filters and scores on one node whose class passed the static filters: false when a
 * dynamic filter refuses, true when only filters are dynamic, else the node's fresh scores.
 */
function dynamicVerdict(
  profile: Profile,
  job: PendingJob,
  replica: number,
  node: NodeState,
  ctx: CycleContext,
  fits: FitCache,
): boolean | { score: number; scores: number[] } {
  fits.clear();
  for (const plugin of profile.filter) {
    // capacity-fit leaves this node's devices in the fit cache, where dynamic filters read them.
    if ((plugin.dynamic || plugin.name === 'capacity-fit') && plugin.filter(job, node, ctx).code !== 'success') {
      return false;
    }
  }
  if (!profileTraits(profile).dynamicScore) return true;
  const fit = fits.get(node.info.name);
  if (!fit?.ok) return false;
  return weightedScore(profile, job, node, placementOn(node, replica, job.spec.resources.perReplica, fit), ctx);
}

/**
 * A sufficient condition for capacity-fit (cluster/fit.ts fitReplica) to refuse the node: too
 * little free CPU or memory, or, for a share, no device at all with the share's memory and
 * compute free. Cheap, and builds no explanation.
 */
function lacksRoom(node: NodeState, per: PendingJob['spec']['resources']['perReplica']): boolean {
  if (node.freeCpuMillis < per.cpuMillis || node.freeMemoryMiB < per.memoryMiB) return true;
  const acc = per.accelerators;
  if (acc.kind !== 'share' || !acc.share || node.devices.length === 0) return false;
  const { memoryMiB, computePercent } = acc.share;
  for (const d of node.devices)
    if (d.freeMemoryMiB >= memoryMiB && d.freeComputePercent >= computePercent) return false;
  return true;
}

/** Verdicts shared by every class that does not fit (read-only, like every cached verdict). */
const NO_FIT: ClassVerdict = Object.freeze({ candidate: true, ok: false, score: 0, scores: [] as number[] });
const NO_CANDIDATE: ClassVerdict = Object.freeze({ candidate: false, ok: false, score: 0, scores: [] as number[] });

/** One class's verdict from its representative: the static filters, then every score. */
function evaluateClass(
  profile: Profile,
  traits: ProfileTraits,
  job: PendingJob,
  replica: number,
  node: NodeState,
  ctx: CycleContext,
  fits: FitCache,
): ClassVerdict {
  const candidate = isCandidate(node, job.spec);
  const per = job.spec.resources.perReplica;
  const no = candidate ? NO_FIT : NO_CANDIDATE;
  if (!candidate || (per.accelerators.kind === 'whole' && node.freeWholeDevices < per.accelerators.count)) return no;
  // capacity-fit would refuse for lack of room: skip the filter chain (and its explanations, which
  // a class verdict never shows). Filters only ever refuse, so the verdict is the same.
  if (traits.capacityFit && lacksRoom(node, per)) return no;
  fits.clear();
  for (const plugin of traits.staticFilters) if (plugin.filter(job, node, ctx).code !== 'success') return no;
  const fit = fits.get(node.info.name);
  if (!fit?.ok) return no;
  const placement = placementOn(node, replica, job.spec.resources.perReplica, fit);
  const { score, scores } = weightedScore(profile, job, node, placement, ctx);
  return { candidate, ok: true, score, scores, node, changes: node.changes, fit };
}
