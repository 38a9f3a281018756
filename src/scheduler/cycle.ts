/**
 * One scheduling cycle: a pure function of (cluster snapshot, pending jobs, time, running jobs) →
 * decisions. Jobs are taken in profile order (see order.ts); each job's gang is placed
 * all-or-nothing inside the smallest topology scope that fits. Bound jobs are allocated in `cluster`
 * before the next job is tried, so the caller's ClusterState reflects every decision it receives.
 * With preempt plugins, a job that cannot start may get victims (see preemption.ts); with
 * `backfill: reserve-head`, the first job blocked for capacity holds a reservation (see backfill.ts).
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { Reservation } from './backfill.js';
import { type NodeVerdict, summarizeNoFit } from './explain.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import {
  type CycleContext,
  CycleState,
  type PendingJob,
  type Profile,
  type RunningJob,
  type Status,
  status,
} from './framework.js';
import { jobOrder } from './order.js';
import { planPreemption, victimPool } from './preemption.js';
import { holdingOf, QUEUE_USAGE_KEY, QueueUsage } from './queues.js';
import { isCandidate, placementScopes } from './scopes.js';

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
  const noRoom = new Map<string, Omit<Wait, 'jobId'>>();
  // Jobs bound this cycle and victims already chosen are never chosen as victims again.
  const spared = new Set<string>();
  const noVictims = new Set<string>();
  let reservation: Reservation | undefined;
  const place = (job: PendingJob, at: CycleContext) => admit(profile, job, at) ?? scheduleJob(profile, job, at);
  for (const job of jobOrder(profile, pending, ctx)) {
    const refused = admit(profile, job, ctx);
    const shape = requestShape(job, profile.queues !== undefined);
    const known = refused ? undefined : noRoom.get(shape);
    let outcome: Binding | Wait = refused ?? (known ? { jobId: job.id, ...known } : scheduleJob(profile, job, ctx));
    if (!refused && !known && !('placements' in outcome) && outcome.status.code !== 'error') {
      const { jobId: _, ...verdict } = outcome;
      noRoom.set(shape, verdict);
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
      continue;
    }
    if (outcome.status.code === 'unschedulable') {
      const key = `${shape}\u0000${job.queue}\u0000${job.spec.priority}`;
      const plan = noVictims.has(key)
        ? undefined
        : planPreemption(profile, job, ctx, pool, spared, place, refused !== undefined);
      if (plan) {
        outcome = preemptionWait(job, plan.victims, plan.reason, outcome);
        if (plan.victims.length > 0) {
          result.preempted.push({ jobId: job.id, victims: plan.victims.map((v) => v.id), reason: plan.reason });
          for (const v of plan.victims) spared.add(v.id);
        }
      } else {
        if (profile.preempt?.length) noVictims.add(key);
        if (!refused && !reservation && profile.backfill === 'reserve-head') {
          reservation = Reservation.plan(job, ctx, place);
        }
      }
    }
    result.waiting.push(outcome);
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

/**
 * What a job asks of the cluster, as a key: jobs with the same key get the same placement verdict.
 * It holds every spec field a filter reads (resources, placement, and the workload fields the
 * adaptation center judges) and, when the profile has queues, the queue (queue-quota filters by
 * it); a plugin that reads another field must add it here.
 */
function requestShape(job: PendingJob, byQueue: boolean): string {
  const { resources, placement, workload } = job.spec;
  return JSON.stringify([
    byQueue ? job.queue : '',
    resources,
    placement,
    workload.framework,
    workload.precision,
    workload.compat,
    workload.image,
    job.avoidSites ?? [],
  ]);
}

function admit(profile: Profile, job: PendingJob, ctx: CycleContext): Wait | undefined {
  for (const plugin of profile.admit) {
    const verdict = plugin.admit(job, ctx);
    if (verdict.code !== 'success') return { jobId: job.id, status: verdict, summary: verdict.reason, details: [] };
  }
  return undefined;
}

function scheduleJob(profile: Profile, job: PendingJob, ctx: CycleContext): Binding | Wait {
  let firstFailure: Wait | undefined;
  for (const scope of placementScopes(ctx.cluster, job.spec)) {
    const outcome = placeGang(profile, job, scope.nodes, ctx);
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
): Binding | Wait {
  const replicas = job.spec.resources.replicas;
  const placements: ReplicaPlacement[] = [];
  const details: string[] = [];
  const tentativeKey = (r: number) => `${job.id}\u0000replica-${r}`;
  const undo = () => {
    for (let r = 0; r < placements.length; r++) ctx.cluster.release(tentativeKey(r));
  };
  for (let r = 0; r < replicas; r++) {
    const { best, verdicts, feasible, considered } = bestNode(profile, job, r, nodes, ctx);
    if (!best) {
      undo();
      if (r === 0) {
        const { summary, details: why } = summarizeNoFit(job.spec, verdicts, ctx.cluster.nodeCount);
        return { jobId: job.id, status: status('unschedulable', 'capacity-fit', summary), summary, details: why };
      }
      // Part of the gang fitted. Say how much of the cluster could take a replica on its own,
      // and show the per-node verdicts as they were with the first replicas placed.
      const alone = bestNode(profile, job, 0, nodes, ctx);
      const summary =
        `gang of ${replicas} replicas (all or none): only ${r} fit at once; ` +
        `${alone.feasible} of ${alone.considered} candidate nodes can take one replica`;
      const why = [
        `with replicas 0-${r - 1} placed, replica ${r} fits nowhere:`,
        ...summarizeNoFit(job.spec, verdicts, ctx.cluster.nodeCount).details,
      ];
      return { jobId: job.id, status: status('unschedulable', 'gang', summary), summary, details: why };
    }
    ctx.cluster.allocate(tentativeKey(r), [best.placement]);
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
): { best?: Scored; verdicts: NodeVerdict[]; feasible: number; considered: number } {
  const fits: FitCache = new Map();
  ctx.cycle.write(FIT_KEY, fits);
  const verdicts: NodeVerdict[] = [];
  const per = job.spec.resources.perReplica;
  let best: Scored | undefined;
  let feasible = 0;
  const wholeCount = per.accelerators.kind === 'whole' ? per.accelerators.count : 0;
  // Nodes in identical free state get identical verdicts and scores: evaluate the first of each
  // class and let it stand for the rest (ties keep going to the first node in scope order).
  // A job pinned to named nodes, or a score that depends on the name, tells nodes apart: no grouping.
  const byName = job.spec.placement.nodes.length > 0 || profile.score.some((s) => s.plugin.nameDependent);
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
    const placement: ReplicaPlacement = {
      replica,
      site: node.info.site,
      node: node.info.name,
      cpuMillis: per.cpuMillis,
      memoryMiB: per.memoryMiB,
      vendor: fit.vendor,
      model: fit.model,
      devices: fit.devices,
    };
    let score = 0;
    const parts: string[] = [];
    for (const { plugin, weight } of profile.score) {
      const s = plugin.score(job, { node, placement }, ctx);
      score += s * weight;
      parts.push(`${plugin.name} ${s.toFixed(0)}×${weight}`);
    }
    // Ties go to the node added first, whichever order the classes are walked in.
    if (!best || score > best.score || (score === best.score && node.ordinal < best.node.ordinal)) {
      best = { node, placement, score, breakdown: parts.join(', ') };
    }
  }
  return best ? { best, verdicts, feasible, considered } : { verdicts, feasible, considered };
}
