/**
 * One scheduling cycle: a pure function of (cluster snapshot, pending jobs, time, running jobs) →
 * decisions. Jobs are taken in profile order (see order.ts); each job's gang is placed
 * all-or-nothing inside the smallest topology scope that fits. Bound jobs are allocated in `cluster`
 * before the next job is tried, so the caller's ClusterState reflects every decision it receives.
 * With preempt plugins, a job that cannot start may get victims (see preemption.ts); with
 * `backfill: reserve-head`, the first job blocked for capacity holds a reservation (see backfill.ts).
 */
import type { FitResult } from '../cluster/fit.js';
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { Reservation } from './backfill.js';
import { type NodeVerdict, summarizeNoFit } from './explain.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import {
  type Cloneable,
  type CycleContext,
  CycleState,
  type FilterPlugin,
  type PendingJob,
  type Profile,
  type RunningJob,
  type Status,
  status,
} from './framework.js';
import { jobOrder } from './order.js';
import { planPreemption, victimPool } from './preemption.js';
import { holdingOf, QUEUE_USAGE_KEY, QueueUsage } from './queues.js';
import { ClassRanking } from './ranking.js';
import { isCandidate, placementScopes } from './scopes.js';
import { requestShape, ShapeMap } from './shape.js';

export interface Binding {
  jobId: string;
  placements: ReplicaPlacement[];
  /** Why it went where it went. */
  details: string[];
}

export interface Wait {
  jobId: string;
  status: Status;
  /** One sentence for the user, e.g. "no node with 2 free devices of vendor hygon: 3 nodes have 1". */
  summary: string;
  details: string[];
}

/** A decision to evict: the control plane cancels the victims; the job is placed once they are gone. */
export interface Preempted {
  jobId: string;
  /** Whole jobs (every replica), cheapest first. */
  victims: string[];
  reason: string;
}

export interface CycleResult {
  bound: Binding[];
  waiting: Wait[];
  preempted: Preempted[];
}

/** What the caller knows beyond the cluster: the jobs that hold its allocations. */
export interface CycleInput {
  /**
   * Every job holding an allocation in `cluster`, with its queue, priority, start and duration.
   * Queue usage, preemption and backfill see only the jobs listed here.
   */
  running?: readonly RunningJob[];
  /**
   * Called after each job's decision, in cycle order (for benchmarks and tracing). It must not
   * change the cluster; the cycle does not depend on it.
   */
  observe?: (job: PendingJob, decision: 'bound' | 'waiting' | 'preempting') => void;
}

export function runCycle(
  profile: Profile,
  cluster: ClusterState,
  pending: readonly PendingJob[],
  now: number,
  input: CycleInput = {},
): CycleResult {
  const running = new Map((input.running ?? []).map((r) => [r.id, r]));
  const pool = victimPool(profile.preempt?.length ? (input.running ?? []) : []);
  const ctx: CycleContext = { now, cluster, cycle: new CycleState(), running };
  const usage = profile.queues ? QueueUsage.build(cluster, running) : undefined;
  if (usage) ctx.cycle.write(QUEUE_USAGE_KEY, usage);
  const result: CycleResult = { bound: [], waiting: [], preempted: [] };
  // Within one cycle capacity only shrinks, so a request shape that found no room once finds
  // none later in the same cycle: identical requests reuse the first verdict (an equivalence class).
  const byQueue = profile.queues !== undefined;
  const noRoom = new ShapeMap<Omit<Wait, 'jobId'>>(byQueue);
  // Jobs bound this cycle and victims already chosen are never chosen as victims again.
  const spared = new Set<string>();
  const noVictims = new Set<string>();
  let reservation: Reservation | undefined;
  // What-if placements (preemption, backfill) read only whether and where a job fits: no explanations.
  const place = (job: PendingJob, at: CycleContext) =>
    admit(profile, job, at) ?? scheduleJob(profile, job, at, undefined, false);
  const ordered = jobOrder(profile, pending, ctx);
  const list = Array.isArray(ordered) ? (ordered as PendingJob[]) : undefined;
  const iterator = list ? undefined : ordered[Symbol.iterator]();
  for (let index = 0; ; index++) {
    let job: PendingJob;
    if (list) {
      if (index >= list.length) break;
      job = list[index]!;
    } else {
      const next = iterator!.next();
      if (next.done) break;
      job = next.value;
    }
    const refused = admit(profile, job, ctx);
    const known = refused ? undefined : noRoom.get(job);
    let outcome: Binding | Wait =
      refused ??
      (known
        ? { jobId: job.id, status: known.status, summary: known.summary, details: known.details }
        : scheduleJob(profile, job, ctx));
    if (!refused && !known && !('placements' in outcome) && outcome.status.code !== 'error') {
      const { jobId: _, ...verdict } = outcome;
      noRoom.set(job, verdict);
    }
    if ('placements' in outcome && reservation) {
      const held = reservation.check(job, outcome.placements, now);
      if (held) outcome = { jobId: job.id, status: status('wait', 'backfill', held), summary: held, details: [] };
    }
    if ('placements' in outcome) {
      cluster.allocate(job.id, outcome.placements);
      result.bound.push(outcome);
      spared.add(job.id);
      running.set(job.id, startedNow(job, now));
      usage?.add(job.id, job.queue, holdingOf(outcome.placements, cluster));
      input.observe?.(job, 'bound');
      continue;
    }
    if (outcome.status.code === 'unschedulable') {
      const preempts = (profile.preempt?.length ?? 0) > 0;
      const key = preempts ? `${requestShape(job, byQueue)}\u0000${job.queue}\u0000${job.spec.priority}` : '';
      const plan =
        !preempts || noVictims.has(key)
          ? undefined
          : planPreemption(profile, job, ctx, pool, spared, place, refused !== undefined);
      if (plan) {
        outcome = preemptionWait(job, plan.victims, plan.reason, outcome);
        if (plan.victims.length > 0) {
          result.preempted.push({ jobId: job.id, victims: plan.victims.map((v) => v.id), reason: plan.reason });
          for (const v of plan.victims) spared.add(v.id);
        }
      } else {
        if (preempts) noVictims.add(key);
        if (!refused && !reservation && profile.backfill === 'reserve-head') {
          reservation = Reservation.plan(job, ctx, place);
        }
      }
    }
    result.waiting.push(outcome);
    input.observe?.(job, outcome.status.plugin === 'preemption' ? 'preempting' : 'waiting');
  }
  return result;
}

function startedNow(job: PendingJob, now: number): RunningJob {
  const { priority, runtime } = job.spec;
  const base = { id: job.id, queue: job.queue, priority, preemptible: runtime.preemptible, startedAt: now };
  return runtime.maxDurationSeconds === undefined ? base : { ...base, maxDurationSeconds: runtime.maxDurationSeconds };
}

function preemptionWait(job: PendingJob, victims: readonly RunningJob[], reason: string, blocked: Wait): Wait {
  const summary =
    victims.length === 0
      ? 'waiting for stopping jobs to release their capacity'
      : `preempting ${victims.length} job${victims.length === 1 ? '' : 's'} (${victims.map((v) => v.id).join(', ')}) to make room; starts once they stop`;
  return {
    jobId: job.id,
    status: status('wait', 'preemption', summary),
    summary,
    details: [reason, `was: ${blocked.summary}`, ...blocked.details],
  };
}

function admit(profile: Profile, job: PendingJob, ctx: CycleContext): Wait | undefined {
  for (const plugin of profile.admit) {
    const verdict = plugin.admit(job, ctx);
    if (verdict.code !== 'success') return { jobId: job.id, status: verdict, summary: verdict.reason, details: [] };
  }
  return undefined;
}

function scheduleJob(
  profile: Profile,
  job: PendingJob,
  ctx: CycleContext,
  shape = requestShape(job, profile.queues !== undefined),
  explain = true,
): Binding | Wait {
  let firstFailure: Wait | undefined;
  for (const scope of placementScopes(ctx.cluster, job.spec)) {
    // A later scope that cannot hold the gang by free whole devices alone is not tried (the first
    // is, for its explanation).
    if ((firstFailure || !explain) && scope.nodes && !mayHoldGang(job, scope.nodes)) continue;
    // Only the first failure is reported: later scopes need no explanation.
    const outcome = placeGang(profile, job, scope.nodes, ctx, shape, explain && firstFailure === undefined);
    if ('placements' in outcome) {
      if (scope.label) outcome.details.unshift(`topology: all replicas in ${scope.label}`);
      return outcome;
    }
    firstFailure ??= outcome;
  }
  if (firstFailure) return firstFailure;
  const { summary, details } = summarizeNoFit(job.spec, [], ctx.cluster.nodeCount);
  return { jobId: job.id, status: status('unschedulable', 'capacity-fit', summary), summary, details };
}

/**
 * A necessary condition for a whole-device gang to fit in `nodes`: their free whole devices, per
 * node in multiples of the replica's count, add up to the replicas.
 */
function mayHoldGang(job: PendingJob, nodes: readonly NodeState[]): boolean {
  const { replicas, perReplica } = job.spec.resources;
  const acc = perReplica.accelerators;
  if (acc.kind !== 'whole' || acc.count <= 0) return true;
  let room = 0;
  for (const node of nodes) {
    room += Math.floor(node.freeWholeDevices / acc.count);
    if (room >= replicas) return true;
  }
  return false;
}

/** A scope that had no room, when its explanation is not needed. */
const NO_ROOM: Status = Object.freeze(status('unschedulable', 'capacity-fit', 'no room in this scope'));

interface Scored {
  node: NodeState;
  placement: ReplicaPlacement;
  score: number;
  breakdown: string;
}

/** Places every replica within `nodes`, or none: tentative allocations are always undone. */
function placeGang(
  profile: Profile,
  job: PendingJob,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shape: string,
  explain = true,
): Binding | Wait {
  const replicas = job.spec.resources.replicas;
  const placements: ReplicaPlacement[] = [];
  const details: string[] = [];
  const tentativeKey = (r: number) => `${job.id}\u0000replica-${r}`;
  const undo = () => {
    for (let r = 0; r < Math.min(placements.length, replicas - 1); r++) ctx.cluster.release(tentativeKey(r));
  };
  for (let r = 0; r < replicas; r++) {
    const { best, verdicts, feasible, considered } = bestNode(profile, job, r, nodes, ctx, shape, explain);
    if (!best) {
      undo();
      if (!explain) return { jobId: job.id, status: NO_ROOM, summary: '', details: [] };
      if (r === 0) {
        const { summary, details: why } = summarizeNoFit(job.spec, verdicts, ctx.cluster.nodeCount);
        return { jobId: job.id, status: status('unschedulable', 'capacity-fit', summary), summary, details: why };
      }
      // Part of the gang fitted. Say how much of the cluster could take a replica on its own,
      // and show the per-node verdicts as they were with the first replicas placed.
      const alone = bestNode(profile, job, 0, nodes, ctx, shape);
      const summary =
        `gang of ${replicas} replicas (all or none): only ${r} fit at once; ` +
        `${alone.feasible} of ${alone.considered} candidate nodes can take one replica`;
      const why = [
        `with replicas 0-${r - 1} placed, replica ${r} fits nowhere:`,
        ...summarizeNoFit(job.spec, verdicts, ctx.cluster.nodeCount).details,
      ];
      return { jobId: job.id, status: status('unschedulable', 'gang', summary), summary, details: why };
    }
    // The next replica must see this one's capacity taken; the last one need not be recorded.
    if (r + 1 < replicas) ctx.cluster.allocate(tentativeKey(r), [best.placement]);
    placements.push(best.placement);
    const devices = best.placement.devices.map((d) => d.index).join(',');
    details.push(
      `replica ${r} → ${best.node.info.name}${devices ? ` devices ${devices} (${best.placement.model})` : ''}: ` +
        `score ${best.score.toFixed(1)} (${best.breakdown}); ${feasible}/${considered} nodes feasible`,
    );
  }
  undo();
  for (const plugin of profile.permit) {
    const verdict = plugin.permit(job, placements, ctx);
    if (verdict.code !== 'success') {
      return { jobId: job.id, status: verdict, summary: verdict.reason, details: [] };
    }
  }
  return { jobId: job.id, placements, details };
}

function bestNode(
  profile: Profile,
  job: PendingJob,
  replica: number,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shape: string,
  explain = true,
): { best?: Scored; verdicts: NodeVerdict[]; feasible: number; considered: number } {
  // A job pinned to named nodes, or a score that depends on the name, tells nodes apart: no grouping.
  const byName = job.spec.placement.nodes.length > 0 || profile.score.some((s) => s.plugin.nameDependent);
  if (!byName) {
    const fast = bestByClass(profile, job, replica, nodes, ctx, shape);
    // Nothing fits: the full walk below gives every node's verdict, for the explanation.
    if (fast?.best) return { best: fast.best, feasible: fast.feasible, considered: fast.considered, verdicts: [] };
    if (fast && !explain) return { feasible: fast.feasible, considered: fast.considered, verdicts: [] };
  }
  const fits = fitCache(ctx);
  const verdicts: NodeVerdict[] = [];
  const per = job.spec.resources.perReplica;
  let best: Scored | undefined;
  let feasible = 0;
  const wholeCount = per.accelerators.kind === 'whole' ? per.accelerators.count : 0;
  // Nodes in identical free state get identical verdicts and scores: evaluate the first of each
  // class and let it stand for the rest (ties keep going to the first node in scope order).
  const classes = new Map<string, { node: NodeState; count: number }>();
  let considered = 0;
  if (nodes === undefined && byName) {
    for (const node of ctx.cluster.nodes()) {
      if (!isCandidate(node, job.spec)) continue;
      classes.set(node.info.name, { node, count: 1 });
      considered++;
    }
  } else if (nodes === undefined) {
    for (const { representative, size } of ctx.cluster.stateClasses()) {
      if (!isCandidate(representative, job.spec)) continue;
      classes.set(representative.info.name, { node: representative, count: size });
      considered += size;
    }
  } else {
    for (const node of nodes) {
      const cls = (byName ? undefined : ctx.cluster.stateClass(node.info.name)) ?? node.info.name;
      const known = classes.get(cls);
      if (known) known.count++;
      else classes.set(cls, { node, count: 1 });
    }
    considered = nodes.length;
  }
  for (const entry of classes.values()) {
    const { node, count } = entry;
    if (node.freeWholeDevices < wholeCount) {
      // Too few free devices of any kind: no plugin could change that, and the count is indexed.
      const fit = {
        ok: false as const,
        failure: 'devices' as const,
        have: node.freeWholeDevices,
        reason: `needs ${wholeCount} free whole devices, has ${node.freeWholeDevices}`,
      };
      verdicts.push({ node: node.info.name, status: status('unschedulable', 'capacity-fit', fit.reason), fit, count });
      continue;
    }
    fits.clear();
    let rejected: Status | undefined;
    for (const plugin of profile.filter) {
      const verdict = plugin.filter(job, node, ctx);
      if (verdict.code !== 'success') {
        rejected = verdict;
        break;
      }
    }
    const fit = fits.get(node.info.name);
    if (rejected || !fit?.ok) {
      const verdict = rejected ?? status('unschedulable', 'capacity-fit', 'does not fit');
      verdicts.push(
        fit ? { node: node.info.name, status: verdict, fit, count } : { node: node.info.name, status: verdict, count },
      );
      continue;
    }
    feasible += count;
    const placement = placementOn(node, replica, per, fit);
    const { score, scores } = weightedScore(profile, job, node, placement, ctx);
    // Ties go to the node added first, whichever order the classes are walked in.
    if (!best || score > best.score || (score === best.score && node.ordinal < best.node.ordinal)) {
      best = { node, placement, score, breakdown: breakdown(profile, scores) };
    }
  }
  return best ? { best, verdicts, feasible, considered } : { verdicts, feasible, considered };
}

function placementOn(
  node: NodeState,
  replica: number,
  per: PendingJob['spec']['resources']['perReplica'],
  fit: Extract<FitResult, { ok: true }>,
): ReplicaPlacement {
  return {
    replica,
    site: node.info.site,
    node: node.info.name,
    cpuMillis: per.cpuMillis,
    memoryMiB: per.memoryMiB,
    vendor: fit.vendor,
    model: fit.model,
    devices: fit.devices,
  };
}

/** The profile's score for one placement: the weighted sum, and each plugin's own score for the breakdown. */
function weightedScore(
  profile: Profile,
  job: PendingJob,
  node: NodeState,
  placement: ReplicaPlacement,
  ctx: CycleContext,
): { score: number; scores: number[] } {
  let score = 0;
  const scores: number[] = [];
  for (const { plugin, weight } of profile.score) {
    const s = plugin.score(job, { node, placement }, ctx);
    score += s * weight;
    scores.push(s);
  }
  return { score, scores };
}

function breakdown(profile: Profile, scores: readonly number[]): string {
  return profile.score.map(({ plugin, weight }, i) => `${plugin.name} ${scores[i]!.toFixed(0)}×${weight}`).join(', ');
}

/** The cycle's fit cache (capacity-fit's device choice per node), reused by every evaluation. */
function fitCache(ctx: CycleContext): FitCache {
  let fits = ctx.cycle.read<FitCache>(FIT_KEY);
  if (!fits) {
    fits = new Map();
    ctx.cycle.write(FIT_KEY, fits);
  }
  return fits;
}

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
}

const CLASS_VERDICTS_KEY = 'cycle/class-verdicts';

/**
 * Per request shape, per state-class id: the class's verdict. Valid for one cycle on one cluster;
 * a clone (a simulation's cycle state) starts empty, because it sees another cluster.
 */
class ClassVerdicts implements Cloneable<ClassVerdicts> {
  readonly byShape = new Map<string, ShapeVerdicts>();
  clone(): ClassVerdicts {
    return new ClassVerdicts();
  }
}

interface ShapeVerdicts {
  /** By class id (dense, see storeVerdict). */
  verdicts: (ClassVerdict | undefined)[];
  /** The classes ranked by score, once the shape is placed over the whole cluster. */
  ranking?: ClassRanking;
  /** The job whose shape this is, for verdicts of classes that appear later in the cycle. */
  job?: PendingJob;
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

function classVerdicts(ctx: CycleContext, shape: string): ShapeVerdicts {
  let all = ctx.cycle.read<ClassVerdicts>(CLASS_VERDICTS_KEY);
  if (!all) {
    all = new ClassVerdicts();
    ctx.cycle.write(CLASS_VERDICTS_KEY, all);
  }
  let forShape = all.byShape.get(shape);
  if (!forShape) {
    forShape = { verdicts: [] };
    all.byShape.set(shape, forShape);
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
function bestByClass(
  profile: Profile,
  job: PendingJob,
  replica: number,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shape: string,
): { best?: Scored; feasible: number; considered: number } | undefined {
  const per = job.spec.resources.perReplica;
  const shaped = classVerdicts(ctx, shape);
  const cache = shaped.verdicts;
  const dynamicFilter = profile.filter.some((f) => f.dynamic);
  const dynamicScore = profile.score.some((s) => s.plugin.dynamic);
  const dynamic = dynamicFilter || dynamicScore;
  const staticFilters = dynamic ? profile.filter.filter((f) => !f.dynamic) : profile.filter;
  const fits = fitCache(ctx);
  if (nodes === undefined && !dynamicScore) {
    return bestByRanking(profile, job, replica, ctx, shaped, staticFilters, dynamicFilter, fits);
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
      const cls = ctx.cluster.classOf(node.info.name);
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
      verdict = evaluateClass(profile, staticFilters, job, replica, node, ctx, fits);
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
    best: { node: bestNode, placement, score: bestScore, breakdown: breakdown(profile, bestScores!) },
    feasible,
    considered,
  };
}

/**
 * bestByClass over the whole cluster with static scores: the shape's ranking of the classes gives
 * the best one directly (see ranking.ts). Dynamic filters are asked of the ranked classes, best
 * first, until one passes; the feasible count then is what the static filters allow.
 */
function bestByRanking(
  profile: Profile,
  job: PendingJob,
  replica: number,
  ctx: CycleContext,
  shaped: ShapeVerdicts,
  staticFilters: readonly FilterPlugin[],
  dynamicFilter: boolean,
  fits: FitCache,
): { best?: Scored; feasible: number; considered: number } | undefined {
  if (!shaped.ranking) {
    shaped.job = job;
    const verdicts = shaped.verdicts;
    shaped.ranking = new ClassRanking(ctx.cluster, (cls) => {
      let verdict = verdicts[cls.id];
      if (verdict === undefined) {
        verdict = evaluateClass(profile, staticFilters, shaped.job!, replica, cls.representative, ctx, fits);
        storeVerdict(verdicts, cls.id, verdict);
      }
      return verdict;
    });
  }
  shaped.job = job;
  const ranking = shaped.ranking;
  ranking.update();
  const cls = ranking.best(
    dynamicFilter ? (c) => dynamicVerdict(profile, job, replica, c.representative, ctx, fits) !== false : undefined,
  );
  const counts = { feasible: ranking.feasible, considered: ranking.considered };
  if (!cls) return counts;
  const node = cls.representative;
  const verdict = shaped.verdicts[cls.id]!;
  fits.clear();
  for (const plugin of profile.filter) if (plugin.filter(job, node, ctx).code !== 'success') return undefined;
  const fit = fits.get(node.info.name);
  if (!fit?.ok) return undefined;
  const placement = placementOn(node, replica, job.spec.resources.perReplica, fit);
  return {
    best: { node, placement, score: verdict.score, breakdown: breakdown(profile, verdict.scores) },
    ...counts,
  };
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
  if (!profile.score.some((s) => s.plugin.dynamic)) return true;
  const fit = fits.get(node.info.name);
  if (!fit?.ok) return false;
  return weightedScore(profile, job, node, placementOn(node, replica, job.spec.resources.perReplica, fit), ctx);
}

const CAPACITY_FIT = 'capacity-fit';

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

function evaluateClass(
  profile: Profile,
  filters: readonly FilterPlugin[],
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
  if (lacksRoom(node, per) && filters.some((f) => f.name === CAPACITY_FIT)) return no;
  fits.clear();
  for (const plugin of filters) if (plugin.filter(job, node, ctx).code !== 'success') return no;
  const fit = fits.get(node.info.name);
  if (!fit?.ok) return no;
  const placement = placementOn(node, replica, job.spec.resources.perReplica, fit);
  return { candidate, ok: true, ...weightedScore(profile, job, node, placement, ctx) };
}
