/**
 * One scheduling cycle: a pure function of (cluster snapshot, pending jobs, time) → decisions.
 * Jobs are taken in profile order; each job's gang is placed all-or-nothing inside the smallest
 * topology scope that fits. Bound jobs are allocated in `cluster` before the next job is tried,
 * so the caller's ClusterState reflects every decision it receives.
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { type NodeVerdict, summarizeNoFit } from './explain.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import { type CycleContext, CycleState, type PendingJob, type Profile, type Status, status } from './framework.js';
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

export interface CycleResult {
  bound: Binding[];
  waiting: Wait[];
}

export function runCycle(
  profile: Profile,
  cluster: ClusterState,
  pending: readonly PendingJob[],
  now: number,
): CycleResult {
  const ctx: CycleContext = { now, cluster, cycle: new CycleState() };
  const ordered = [...pending].sort((a, b) => {
    for (const plugin of profile.order) {
      const c = plugin.compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
  const result: CycleResult = { bound: [], waiting: [] };
  // Within one cycle capacity only shrinks, so a request shape that found no room once finds
  // none later in the same cycle: identical requests reuse the first verdict (an equivalence class).
  const noRoom = new Map<string, Omit<Wait, 'jobId'>>();
  for (const job of ordered) {
    const refused = admit(profile, job, ctx);
    if (refused) {
      result.waiting.push(refused);
      continue;
    }
    const shape = requestShape(job);
    const known = noRoom.get(shape);
    if (known) {
      result.waiting.push({ jobId: job.id, ...known });
      continue;
    }
    const outcome = scheduleJob(profile, job, ctx);
    if (!('placements' in outcome) && outcome.status.code !== 'error') {
      const { jobId: _, ...verdict } = outcome;
      noRoom.set(shape, verdict);
    }
    if ('placements' in outcome) {
      cluster.allocate(job.id, outcome.placements);
      result.bound.push(outcome);
    } else {
      result.waiting.push(outcome);
    }
  }
  return result;
}

/**
 * What a job asks of the cluster, as a key: jobs with the same key get the same placement verdict.
 * It holds every spec field a filter reads (resources, placement, and the workload fields the
 * adaptation center judges); a plugin that reads another field must add it here.
 */
function requestShape(job: PendingJob): string {
  const { resources, placement, workload } = job.spec;
  return JSON.stringify([
    resources,
    placement,
    workload.framework,
    workload.precision,
    workload.compat,
    workload.image,
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
  // A job pinned to named nodes tells nodes apart by name, so it gets no grouping.
  const byName = job.spec.placement.nodes.length > 0;
  const classes = new Map<string, { node: NodeState; count: number }>();
  let considered = 0;
  if (nodes === undefined) {
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
    // Ties go to the first node in scope order, which is deterministic (sorted by name).
    if (!best || score > best.score) best = { node, placement, score, breakdown: parts.join(', ') };
  }
  return best ? { best, verdicts, feasible, considered } : { verdicts, feasible, considered };
}
