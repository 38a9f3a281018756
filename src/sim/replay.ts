/**
 * Online placement, one job at a time, with Junction's scheduler: the filter and score plugins
 * of a profile decide exactly as in runCycle's node choice (the highest weighted score wins; ties
 * go to the first node in `order`). Pure.
 *
 * What makes replaying tens of thousands of jobs over a thousand nodes fast: when every score
 * depends only on a node's free state and the request (`stateOnly`), a node's verdict for a
 * request shape is cached until something lands on that node. Only the node that changed is
 * evaluated again, so a placement costs one cache read per node. replay.test.ts checks the
 * decisions against runCycle itself.
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { FIT_KEY, type FitCache } from '../scheduler/fit-cache.js';
import {
  type CycleContext,
  CycleState,
  type FilterPlugin,
  type PendingJob,
  type ScoreWeight,
} from '../scheduler/framework.js';
import { placementOn, weightedScore } from '../scheduler/placement-score.js';
import type { ReplicaResources } from '../spec/types.js';

/** What the simulator runs: a profile's filter and score points. */
export interface SimProfile {
  name: string;
  filter: readonly FilterPlugin[];
  score: readonly ScoreWeight[];
  /** True when every score is a function of the node's free state and the request only (no names, ids or clock). */
  stateOnly: boolean;
}

export class OnlinePlacer {
  private readonly ctx: CycleContext;
  private readonly fits: FitCache = new Map();
  private readonly version: Int32Array;
  private readonly shapeIds = new Map<string, number>();
  private readonly shapeOfRequest = new WeakMap<ReplicaResources, number>();
  private readonly scores: Float64Array[] = [];
  private readonly stamps: Int32Array[] = [];

  constructor(
    private readonly cluster: ClusterState,
    private readonly order: readonly NodeState[],
    private readonly profile: SimProfile,
  ) {
    this.ctx = { now: 0, cluster, cycle: new CycleState() };
    this.ctx.cycle.write(FIT_KEY, this.fits);
    this.version = new Int32Array(order.length).fill(1);
  }

  /** Places `job` (one replica) on the best node and allocates it there; undefined when it fits nowhere. */
  place(job: PendingJob): ReplicaPlacement | undefined {
    const choice = this.choose(job);
    if (!choice) return undefined;
    this.cluster.allocate(job.id, [choice.placement]);
    this.version[choice.position]!++;
    return choice.placement;
  }

  /** The best node for `job` (highest weighted score, first in order among equals), without allocating. */
  choose(job: PendingJob): { position: number; placement: ReplicaPlacement; score: number } | undefined {
    const per = job.spec.resources.perReplica;
    const whole = per.accelerators.kind === 'whole' ? per.accelerators.count : 0;
    const shape = this.shape(per);
    const cached = this.profile.stateOnly;
    const scores = this.scores[shape]!;
    const stamps = this.stamps[shape]!;
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.order.length; i++) {
      const node = this.order[i]!;
      if (node.freeWholeDevices < whole || node.freeCpuMillis < per.cpuMillis || node.freeMemoryMiB < per.memoryMiB) {
        continue;
      }
      let score: number;
      if (cached && stamps[i] === this.version[i]) score = scores[i]!;
      else {
        score = this.evaluate(job, node)?.score ?? Number.NEGATIVE_INFINITY;
        if (cached) {
          scores[i] = score;
          stamps[i] = this.version[i]!;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) return undefined;
    const chosen = this.evaluate(job, this.order[best]!)!;
    return { position: best, ...chosen };
  }

  private shape(per: ReplicaResources): number {
    let id = this.shapeOfRequest.get(per);
    if (id === undefined) {
      const key = JSON.stringify(per);
      id = this.shapeIds.get(key);
      if (id === undefined) {
        id = this.shapeIds.size;
        this.shapeIds.set(key, id);
        this.scores.push(new Float64Array(this.order.length));
        this.stamps.push(new Int32Array(this.order.length));
      }
      this.shapeOfRequest.set(per, id);
    }
    return id;
  }

  /** The profile's verdict on one node, by the same steps as runCycle: filters in order, then the weighted scores. */
  evaluate(job: PendingJob, node: NodeState): { placement: ReplicaPlacement; score: number } | undefined {
    this.fits.clear();
    for (const plugin of this.profile.filter) {
      if (plugin.filter(job, node, this.ctx).code !== 'success') return undefined;
    }
    const fit = this.fits.get(node.info.name);
    if (!fit?.ok) return undefined;
    const placement = placementOn(node, 0, job.spec.resources.perReplica, fit);
    const { score } = weightedScore(this.profile, job, node, placement, this.ctx);
    return { placement, score };
  }
}
