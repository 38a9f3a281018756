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
import { type ShapeVerdicts, shapeVerdicts } from './class-choice.js';
import { summarizeNoFit } from './explain.js';
import {
  type CycleContext,
  CycleState,
  type PendingJob,
  type Profile,
  type RunningJob,
  type Status,
  status,
} from './framework.js';
import { bestNode } from './node-choice.js';
import { jobOrder } from './order.js';
import { Placed, type ReplicaReason } from './placed.js';
import { planPreemption, victimPool } from './preemption.js';
import { holdingOf, QUEUE_USAGE_KEY, QueueUsage } from './queues.js';
import { placementScopes, type Scope } from './scopes.js';
import { requestShape, ShapeMap } from './shape.js';

export interface Binding {
  readonly jobId: string;
  readonly placements: ReplicaPlacement[];
  /** Why it went where it went (written out when first read; see placed.ts). */
  readonly details: string[];
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
  const ctx: CycleContext = { now, cluster, cycle: new CycleState(), running };
  const usage = profile.queues ? QueueUsage.build(cluster, running) : undefined;
  if (usage) ctx.cycle.write(QUEUE_USAGE_KEY, usage);
  const pool = victimPool(profile.preempt?.length ? (input.running ?? []) : [], cluster, usage);
  const result: CycleResult = { bound: [], waiting: [], preempted: [] };
  // Within one cycle capacity only shrinks, so a request shape that found no room once finds
  // none later in the same cycle: identical requests reuse the first verdict (an equivalence class).
  // (With queues the verdict is per shape and queue; without, it sits in the shape's class verdicts,
  // so a job's shape is looked up once for both.)
  const byQueue = profile.queues !== undefined;
  const noRoom = byQueue ? new ShapeMap<Omit<Wait, 'jobId'>>(true) : undefined;
  // Jobs bound this cycle and victims already chosen are never chosen as victims again.
  const spared = new Set<string>();
  const preempts = (profile.preempt?.length ?? 0) > 0;
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
    const shaped = refused || noRoom ? undefined : shapeVerdicts(ctx, job);
    const known = refused ? undefined : shaped ? shaped.noRoom : noRoom!.get(job);
    const hold = !refused && !known && heldGang(job);
    let outcome: Binding | Wait =
      refused ??
      (known
        ? { jobId: job.id, status: known.status, summary: known.summary, details: known.details }
        : scheduleJob(profile, job, ctx, shaped, true, hold));
    if (!refused && !known && !('placements' in outcome) && outcome.status.code !== 'error') {
      const { jobId: _, ...verdict } = outcome;
      if (shaped) shaped.noRoom = verdict;
      else noRoom!.set(job, verdict);
    }
    if ('placements' in outcome && reservation) {
      const held = reservation.check(job, outcome.placements, now);
      if (held) {
        if (hold) releaseReplicas(cluster, job.id, job.spec.resources.replicas);
        outcome = { jobId: job.id, status: status('wait', 'backfill', held), summary: held, details: [] };
      }
    }
    if ('placements' in outcome) {
      if (hold) {
        const keys = outcome.placements.map((_, r) => replicaKey(job.id, r));
        cluster.transfer(keys, job.id);
      } else cluster.allocate(job.id, outcome.placements);
      result.bound.push(outcome);
      // (Only preemption reads `spared`; its victims come from jobs that ran before the cycle.)
      if (preempts) spared.add(job.id);
      running.set(job.id, startedNow(job, now));
      usage?.add(job.id, job.queue, holdingOf(outcome.placements, cluster));
      input.observe?.(job, 'bound');
      continue;
    }
    if (outcome.status.code === 'unschedulable') {
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
  const { preemptible, maxDurationSeconds } = runtime;
  return maxDurationSeconds === undefined
    ? { id: job.id, queue: job.queue, priority, preemptible, startedAt: now }
    : { id: job.id, queue: job.queue, priority, preemptible, startedAt: now, maxDurationSeconds };
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
  shape = shapeVerdicts(ctx, job),
  explain = true,
  hold = false,
): Binding | Wait {
  // Every scope is tried without an explanation first (a gang that lands in a later scope needs
  // none); only when none holds the gang is the first scope tried again to say why. A failed try
  // leaves the cluster as it was, so the second try fails the same way.
  let first: Scope | undefined;
  let firstFailure: Wait | undefined;
  for (const scope of placementScopes(ctx.cluster, job.spec)) {
    first ??= scope;
    // A scope that cannot hold the gang by free whole devices alone is not tried.
    if (scope.nodes && !mayHoldGang(job, scope.nodes)) continue;
    const outcome = placeGang(profile, job, scope.nodes, ctx, shape, false, hold);
    if ('placements' in outcome) {
      outcome.scope = scope.label;
      return outcome;
    }
    firstFailure ??= outcome;
  }
  if (explain && first) return placeGang(profile, job, first.nodes, ctx, shape, true);
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

/** Places every replica within `nodes`, or none: tentative allocations are always undone. */
function placeGang(
  profile: Profile,
  job: PendingJob,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shape: ShapeVerdicts,
  explain = true,
  hold = false,
): Placed | Wait {
  const replicas = job.spec.resources.replicas;
  const placements: ReplicaPlacement[] = [];
  const reasons: ReplicaReason[] = [];
  // Replicas placed so far hold their capacity under their own keys, so the next replica sees it
  // taken; releaseReplicas gives it back.
  for (let r = 0; r < replicas; r++) {
    const { best, verdicts, feasible, considered } = bestNode(profile, job, r, nodes, ctx, shape, explain);
    if (!best) {
      releaseReplicas(ctx.cluster, job.id, placements.length);
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
    // The next replica must see this one's capacity taken; the last one need not be recorded
    // unless the gang is to stay held (see heldGang).
    if (r + 1 < replicas || hold) ctx.cluster.allocate(replicaKey(job.id, r), [best.placement]);
    placements.push(best.placement);
    const { node, placement, score, scores } = best;
    reasons.push({ node: node.info.name, placement, score, scores, feasible, considered });
  }
  if (!hold) releaseReplicas(ctx.cluster, job.id, replicas - 1);
  for (const plugin of profile.permit) {
    const verdict = plugin.permit(job, placements, ctx);
    if (verdict.code !== 'success') {
      if (hold) releaseReplicas(ctx.cluster, job.id, replicas);
      return { jobId: job.id, status: verdict, summary: verdict.reason, details: [] };
    }
  }
  return new Placed(job.id, placements, reasons, profile.score);
}

/**
 * The key a gang's replica holds its capacity under while the gang is being placed. The keys of
 * the last gang asked for are kept: allocate, transfer and release look them up in maps, and the
 * same string is hashed once.
 */
function replicaKey(jobId: string, replica: number): string {
  if (jobId !== keysOf) {
    keysOf = jobId;
    keys.length = 0;
  }
  let key = keys[replica];
  if (key === undefined) {
    key = `${jobId}\u0000replica-${replica}`;
    keys[replica] = key;
  }
  return key;
}
let keysOf: string | undefined;
const keys: string[] = [];

/**
 * Whether the main cycle places `job` with its replicas left held under their own keys (then
 * handed to the job, or released, by the cycle), instead of freed and allocated again: a gang's
 * capacity changes node state classes once, not three times.
 */
function heldGang(job: PendingJob): boolean {
  return job.spec.resources.replicas > 1;
}

/** Releases what replicas 0..count-1 of a gang hold under their own keys. */
function releaseReplicas(cluster: ClusterState, jobId: string, count: number): void {
  for (let r = 0; r < count; r++) cluster.release(replicaKey(jobId, r));
}
