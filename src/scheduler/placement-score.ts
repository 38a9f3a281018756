/**
 * What both node walks of a cycle (the full walk in node-choice.ts, the per-class walk in
 * class-choice.ts) share: a replica's placement on a node from capacity-fit's answer, the
 * profile's weighted score of it, and the cycle's fit cache.
 */
import type { FitResult } from '../cluster/fit.js';
import type { NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { FIT_KEY, type FitCache } from './fit-cache.js';
import type { CycleContext, FilterPlugin, PendingJob, Profile, ScoreWeight } from './framework.js';

/** A replica's best placement and why. */
export interface Scored {
  node: NodeState;
  placement: ReplicaPlacement;
  score: number;
  /** Each score plugin's own score, in the profile's order (see breakdown). */
  scores: readonly number[];
}

export function placementOn(
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
export function weightedScore(
  profile: { readonly score: readonly ScoreWeight[] },
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

/** Each score plugin's part of a placement's score, as text: "frag-pack 40×3, …". */
export function breakdown(weights: readonly ScoreWeight[], scores: readonly number[]): string {
  let text = '';
  for (let i = 0; i < weights.length; i++) {
    const { plugin, weight } = weights[i]!;
    text += `${i === 0 ? '' : ', '}${plugin.name} ${scores[i]!.toFixed(0)}×${weight}`;
  }
  return text;
}

/** What the node walks ask of a profile's plugins on every replica, worked out once per profile. */
export interface ProfileTraits {
  /** A score reads the node's name, so nodes in the same state are not interchangeable. */
  nameDependent: boolean;
  dynamicFilter: boolean;
  dynamicScore: boolean;
  /** The filters that are not dynamic (every filter when none is). */
  staticFilters: readonly FilterPlugin[];
  /** A static filter is capacity-fit (so a node without room is refused whatever else says). */
  capacityFit: boolean;
}

const traits = new WeakMap<Profile, ProfileTraits>();

export function profileTraits(profile: Profile): ProfileTraits {
  let t = traits.get(profile);
  if (!t) {
    const dynamicFilter = profile.filter.some((f) => f.dynamic);
    const staticFilters = dynamicFilter ? profile.filter.filter((f) => !f.dynamic) : profile.filter;
    t = {
      nameDependent: profile.score.some((s) => s.plugin.nameDependent),
      dynamicFilter,
      dynamicScore: profile.score.some((s) => s.plugin.dynamic),
      staticFilters,
      capacityFit: staticFilters.some((f) => f.name === 'capacity-fit'),
    };
    traits.set(profile, t);
  }
  return t;
}

/** The cycle's fit cache (capacity-fit's device choice per node), reused by every evaluation. */
export function fitCache(ctx: CycleContext): FitCache {
  let fits = ctx.cycle.read<FitCache>(FIT_KEY);
  if (!fits) {
    fits = new Map();
    ctx.cycle.write(FIT_KEY, fits);
  }
  return fits;
}
