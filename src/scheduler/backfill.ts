/**
 * Backfill with a head-of-line reservation (EASY backfill), the `reserve-head` BackfillMode.
 *
 * Contract:
 * - The first job of a cycle that is blocked for capacity (its placement failed, not its
 *   admission) and is not preempting gets a reservation; later jobs of the cycle are checked
 *   against it. A cycle holds at most one reservation.
 * - The reservation time is the earliest moment at which, with every running job released at its
 *   end (startedAt + maxDurationSeconds; overdue jobs end now; jobs without a maxDuration or not
 *   known to the caller never end, nor do jobs bound this cycle without one), the head job passes
 *   the profile's filters and permits on a copy of its candidate nodes. Queue usage is left out:
 *   the reservation is about capacity. The placement found then is the reserved capacity.
 * - A later job that fits now may start when it ends (now + its maxDurationSeconds) no later than
 *   the reservation time, or when its placements fit beside the reserved placement in the cluster
 *   as it will be then (with the jobs already backfilled that outlive it). Otherwise it waits.
 * - When no reservation time exists (the head fits only once jobs that never end are gone), no
 *   start can delay it and every job that fits may start.
 */
import type { ClusterState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { CycleContext, PendingJob, RunningJob } from './framework.js';
import type { Placer } from './preemption.js';
import { candidateNodes } from './scopes.js';
import { placementsOn, Simulation } from './simulation.js';

export class Reservation {
  private constructor(
    readonly jobId: string,
    /** Epoch ms of the reserved start; Infinity when none can be predicted. */
    readonly at: number,
    /** The cluster (head's candidate nodes) as it will be at `at`, holding the reservation. */
    private readonly then: ClusterState | undefined,
  ) {}

  static plan(job: PendingJob, ctx: CycleContext, place: Placer): Reservation {
    const ending: { id: string; end: number }[] = [];
    for (const r of ctx.running?.values() ?? []) {
      const end = endOf(r, ctx.now);
      if (end < Number.POSITIVE_INFINITY && ctx.cluster.allocationOf(r.id)) ending.push({ id: r.id, end });
    }
    ending.sort((a, b) => a.end - b.end || (a.id < b.id ? -1 : 1));
    const sim = new Simulation(ctx, candidateNodes(ctx.cluster, job.spec), { queues: false });
    const acc = job.spec.resources.perReplica.accelerators;
    const wholeNeeded = acc.kind === 'whole' ? acc.count * job.spec.resources.replicas : 0;
    let released = 0;
    const moveTo = (k: number) => {
      for (; released < k; released++) sim.evict(ending[released]!.id);
      for (; released > k; released--) sim.restore(ending[released - 1]!.id);
    };
    const attempt = () => (sim.freeWhole < wholeNeeded ? undefined : placementsOf(place(job, sim.ctx)));
    // The head was blocked by something other than capacity: nothing to reserve.
    if (attempt()) return new Reservation(job.id, Number.POSITIVE_INFINITY, undefined);
    // Galloping search for the fewest ending jobs to release, then bisection: fitting is monotone in it.
    let failing = 0;
    let fitting = -1;
    for (let stride = 1; failing < ending.length; ) {
      const next = Math.min(ending.length, failing + stride);
      moveTo(next);
      if (sim.freeWhole < wholeNeeded) {
        failing = next;
        continue;
      }
      if (attempt()) {
        fitting = next;
        break;
      }
      failing = next;
      stride *= 2;
    }
    if (fitting < 0) return new Reservation(job.id, Number.POSITIVE_INFINITY, undefined);
    while (fitting - failing > 1) {
      const mid = (failing + fitting) >> 1;
      moveTo(mid);
      if (attempt()) fitting = mid;
      else failing = mid;
    }
    moveTo(fitting);
    const placements = attempt()!;
    sim.cluster.allocate(job.id, placements);
    return new Reservation(job.id, ending[fitting - 1]!.end, sim.cluster);
  }

  /** Why `job` may not start now with `placements`, or undefined; an allowed start is remembered. */
  check(job: PendingJob, placements: readonly ReplicaPlacement[], now: number): string | undefined {
    if (!this.then) return undefined;
    const seconds = job.spec.runtime.maxDurationSeconds;
    const end = seconds === undefined ? Number.POSITIVE_INFINITY : now + seconds * 1000;
    if (end <= this.at) return undefined;
    const here = placementsOn(this.then, placements);
    if (here.length === 0) return undefined;
    if (fitsBeside(this.then, here)) {
      this.then.allocate(job.id, here);
      return undefined;
    }
    const inSeconds = Math.ceil((this.at - now) / 1000);
    return (
      `held back for job ${this.jobId}, which is reserved to start in ${inSeconds}s: ` +
      `this job would ${seconds === undefined ? 'have no end' : 'still run then'} and use its reserved capacity`
    );
  }
}

function endOf(r: RunningJob, now: number): number {
  if (r.maxDurationSeconds === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(now, r.startedAt + r.maxDurationSeconds * 1000);
}

function placementsOf(outcome: ReturnType<Placer>): ReplicaPlacement[] | undefined {
  return 'placements' in outcome ? outcome.placements : undefined;
}

/** Whether placements fit on `cluster`'s free capacity together (a job's replicas may share a node). */
function fitsBeside(cluster: ClusterState, placements: readonly ReplicaPlacement[]): boolean {
  const cpu = new Map<string, number>();
  const memory = new Map<string, number>();
  const devices = new Map<string, { memoryMiB: number; computePercent: number; whole: boolean }>();
  for (const p of placements) {
    const node = cluster.node(p.node)!;
    const c = (cpu.get(p.node) ?? 0) + p.cpuMillis;
    const m = (memory.get(p.node) ?? 0) + p.memoryMiB;
    if (c > node.freeCpuMillis || m > node.freeMemoryMiB) return false;
    cpu.set(p.node, c);
    memory.set(p.node, m);
    for (const a of p.devices) {
      const device = node.devices[a.index];
      if (!device) return false;
      const key = `${p.node}#${a.index}`;
      const used = devices.get(key) ?? { memoryMiB: 0, computePercent: 0, whole: false };
      const next = {
        memoryMiB: used.memoryMiB + a.memoryMiB,
        computePercent: used.computePercent + a.computePercent,
        whole: used.whole || a.whole,
      };
      if (next.memoryMiB > device.freeMemoryMiB || next.computePercent > device.freeComputePercent) return false;
      if (a.whole && (device.holders.size > 0 || used.memoryMiB > 0)) return false;
      if (used.whole) return false;
      devices.set(key, next);
    }
  }
  return true;
}
