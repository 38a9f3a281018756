/**
 * The best node for one replica of a job. Nodes in the same free state are one state class: the
 * per-class walk (class-choice.ts) decides from cached class verdicts; when nothing fits, or the
 * job tells nodes apart by name, every class is walked with the full filter chain here, which
 * also gives each node's verdict for the explanation.
 */
import type { NodeState } from '../cluster/state.js';
import { bestByClass, type ShapeVerdicts } from './class-choice.js';
import type { NodeVerdict } from './explain.js';
import { type CycleContext, type PendingJob, type Profile, type Status, status } from './framework.js';
import { fitCache, placementOn, profileTraits, type Scored, weightedScore } from './placement-score.js';
import { isCandidate } from './scopes.js';

/** No per-node verdicts (the class walk decided); shared, never changed. */
const NONE: NodeVerdict[] = Object.freeze([]) as unknown as NodeVerdict[];

/**
 * The best-scoring node (ties to the earliest) for replica `replica` of `job` among `nodes`
 * (undefined: the whole cluster), with the node counts and, when `explain` and nothing fits via
 * the class walk, every node's verdict.
 */
export function bestNode(
  profile: Profile,
  job: PendingJob,
  replica: number,
  nodes: readonly NodeState[] | undefined,
  ctx: CycleContext,
  shape: ShapeVerdicts,
  explain = true,
): { best?: Scored; verdicts: NodeVerdict[]; feasible: number; considered: number } {
  // A job pinned to named nodes, or a score that depends on the name, tells nodes apart: no grouping.
  const byName = job.spec.placement.nodes.length > 0 || profileTraits(profile).nameDependent;
  if (!byName) {
    const fast = bestByClass(profile, job, replica, nodes, ctx, shape);
    // Nothing fits: the full walk below gives every node's verdict, for the explanation.
    if (fast?.best) return { best: fast.best, feasible: fast.feasible, considered: fast.considered, verdicts: NONE };
    if (fast && !explain) return { feasible: fast.feasible, considered: fast.considered, verdicts: NONE };
  }
  const fits = fitCache(ctx);
  const verdicts: NodeVerdict[] = [];
  const per = job.spec.resources.perReplica;
  let best: Scored | undefined;
  let feasible = 0;
  const wholeCount = per.accelerators.kind === 'whole' ? per.accelerators.count : 0;
  // Nodes in identical free state get identical verdicts and scores: evaluate the first of each
  // class and let it stand for the rest (ties keep going to the first node in scope order).
  const classes = new Map<string | number, { node: NodeState; count: number }>();
  let considered = 0;
  if (nodes === undefined && byName) {
    for (const node of ctx.cluster.nodes()) {
      if (!isCandidate(node, job.spec)) continue;
      classes.set(node.info.name, { node, count: 1 });
      considered++;
    }
  } else if (nodes === undefined) {
    for (const { representative, members } of ctx.cluster.classList()) {
      if (!isCandidate(representative, job.spec)) continue;
      classes.set(representative.info.name, { node: representative, count: members.length });
      considered += members.length;
    }
  } else {
    for (const node of nodes) {
      const cls = (byName ? undefined : ctx.cluster.classOfNode(node)?.id) ?? node.info.name;
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
      best = { node, placement, score, scores };
    }
  }
  return best ? { best, verdicts, feasible, considered } : { verdicts, feasible, considered };
}
