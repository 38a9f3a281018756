/**
 * What-if runs for preemption and backfill: a copy of part of the cluster (the nodes a job could
 * use, with every allocation on them) and a clone of the cycle state, on which running jobs can be
 * evicted and restored at will. The real cluster, its indexes and its class order are never touched.
 */
import { ClusterState, type NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { CycleContext } from './framework.js';
import { type Holding, QUEUE_USAGE_KEY, type QueueUsage, queueUsage } from './queues.js';

interface Evicted {
  placements: ReplicaPlacement[];
  held?: { queue: string; holding: Holding };
}

export class Simulation {
  readonly cluster: ClusterState;
  readonly ctx: CycleContext;
  /** Free whole devices over all the copied nodes: a bound on what a whole-device gang can get. */
  freeWhole = 0;
  private readonly usage: QueueUsage | undefined;
  private readonly evicted = new Map<string, Evicted>();

  /** `queues: false` leaves queue usage out, so only capacity is simulated. */
  constructor(real: CycleContext, nodes: readonly NodeState[], options: { queues: boolean } = { queues: true }) {
    this.cluster = cloneNodes(real.cluster, nodes);
    const cycle = real.cycle.clone();
    if (!options.queues) cycle.write(QUEUE_USAGE_KEY, undefined);
    const running = real.running;
    this.ctx = running
      ? { now: real.now, cluster: this.cluster, cycle, running }
      : { now: real.now, cluster: this.cluster, cycle };
    this.usage = queueUsage(this.ctx);
    for (const node of this.cluster.nodes()) this.freeWhole += node.freeWholeDevices;
  }

  evict(jobId: string): void {
    if (this.evicted.has(jobId)) return;
    const placements = [...(this.cluster.allocationOf(jobId) ?? [])];
    this.track(placements, () => this.cluster.release(jobId));
    const held = this.usage?.remove(jobId);
    this.evicted.set(jobId, held ? { placements, held } : { placements });
  }

  restore(jobId: string): void {
    const entry = this.evicted.get(jobId);
    if (!entry) return;
    this.evicted.delete(jobId);
    if (entry.placements.length > 0) this.track(entry.placements, () => this.cluster.allocate(jobId, entry.placements));
    if (entry.held) this.usage?.add(jobId, entry.held.queue, entry.held.holding);
  }

  private track(placements: readonly ReplicaPlacement[], change: () => void): void {
    const nodes = [...new Set(placements.map((p) => p.node))].map((n) => this.cluster.node(n)!);
    const before = nodes.reduce((sum, n) => sum + n.freeWholeDevices, 0);
    change();
    this.freeWhole += nodes.reduce((sum, n) => sum + n.freeWholeDevices, 0) - before;
  }
}

export function cloneNodes(cluster: ClusterState, nodes: readonly NodeState[]): ClusterState {
  return ClusterState.copyOf(cluster, nodes);
}

/** The placements that lie on nodes of `cluster`. */
export function placementsOn(cluster: ClusterState, placements: readonly ReplicaPlacement[]): ReplicaPlacement[] {
  return placements.filter((p) => cluster.node(p.node) !== undefined);
}
