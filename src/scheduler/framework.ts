/**
 * The scheduling framework's contracts: typed extension points, statuses as values, and the
 * per-cycle scratch state. Plugins implement one or more points; a profile chooses them.
 *
 * Contracts:
 * - Plugins are pure: they read the snapshot they are given and never do I/O or read the clock
 *   (time is `ctx.now`). They may be called many times per cycle and must be idempotent.
 * - An expected outcome ("does not fit") is a returned Status, never a thrown error.
 * - Score plugins return a number in [0, 100]; the framework multiplies by the profile weight.
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { SiteTerms } from '../federation/offers.js';
import type { CompiledJobSpec, Priority } from '../spec/types.js';
import type { WorkloadMix } from './plugins/fragmentation.js';
import type { QueueConfig } from './queues.js';

export type StatusCode = 'success' | 'unschedulable' | 'unresolvable' | 'wait' | 'error';

export interface Status {
  code: StatusCode;
  /** Human-readable, e.g. "has nvidia, job wants hygon". Empty on success. */
  reason: string;
  /** The plugin that set it. */
  plugin: string;
}

export const SUCCESS: Status = Object.freeze({ code: 'success', reason: '', plugin: '' });

export function status(code: StatusCode, plugin: string, reason: string): Status {
  return { code, plugin, reason };
}

/** A job waiting to be placed, as the scheduler sees it. */
export interface PendingJob {
  id: string;
  tenant: string;
  queue: string;
  spec: CompiledJobSpec;
  /** Epoch milliseconds of submission; FIFO order within a priority. */
  submittedAt: number;
  /** Sites that failed or lost this job before: failover places it elsewhere. */
  avoidSites?: readonly string[];
}

/**
 * A job that holds an allocation in the cluster, as the caller knows it. Preemption reads who may
 * be evicted; backfill reads when it will end; queue usage reads whose quota it counts against.
 */
export interface RunningJob {
  id: string;
  queue: string;
  priority: Priority;
  preemptible: boolean;
  /** Epoch milliseconds when it started. */
  startedAt: number;
  /** Its `runtime.maxDurationSeconds`; absent = it may run forever. */
  maxDurationSeconds?: number;
  /** True once its cancellation was asked for (e.g. it was preempted): its capacity is on the way back. */
  terminating?: boolean;
}

/** Cycle-state data that must not be shared with a clone (it is changed during the cycle). */
export interface Cloneable<T> {
  clone(): T;
}

function isCloneable(value: unknown): value is Cloneable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Cloneable<unknown>).clone === 'function';
}

/**
 * Keyed, cloneable per-cycle scratch data; never stored on plugin instances. `clone` copies values
 * that implement Cloneable and shares the rest, so a simulation (preemption, backfill) changes its
 * clone without touching the real cycle.
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
  clone(): CycleState {
    const copy = new CycleState();
    for (const [k, v] of this.data) copy.data.set(k, isCloneable(v) ? v.clone() : v);
    return copy;
  }
}

export interface CycleContext {
  readonly now: number;
  readonly cluster: ClusterState;
  readonly cycle: CycleState;
  /** Jobs holding allocations, by id (including those bound earlier in this cycle); absent = none known. */
  readonly running?: ReadonlyMap<string, RunningJob>;
}

export interface Plugin {
  readonly name: string;
}

/** order: which job goes first. Negative when `a` goes before `b`. */
export interface OrderPlugin extends Plugin {
  compare(a: PendingJob, b: PendingJob): number;
}

/**
 * queue order: which queue gives the next job, asked again whenever the cycle's queue usage has
 * changed (after a bind) or a queue ran out, so it may read shares that change as the cycle binds
 * (and nothing else that changes within a cycle). Negative when queue `a` goes before `b`. Within
 * a queue, jobs keep the profile's `order`.
 */
export interface QueueOrderPlugin extends Plugin {
  compareQueues(a: string, b: string, ctx: CycleContext): number;
}

/** admit: may this job start now at all (quota, compatibility). */
export interface AdmitPlugin extends Plugin {
  admit(job: PendingJob, ctx: CycleContext): Status;
}

/** filter: can this replica go on this node. */
export interface FilterPlugin extends Plugin {
  filter(job: PendingJob, node: NodeState, ctx: CycleContext): Status;
  /**
   * True when the verdict may change within a cycle for the same node state and request (it reads
   * what the cycle changes besides the nodes, e.g. queue usage). Other filters are asked once per
   * (request shape, node state) per cycle; a dynamic one is asked for every job. The request
   * shape does not hold the job's queue: a filter that reads the queue must be dynamic.
   */
  readonly dynamic?: boolean;
}

/** The devices a replica would get on a node, handed to score plugins. */
export interface Candidate {
  node: NodeState;
  placement: ReplicaPlacement;
}

/** score: how good is this placement, in [0, 100]. */
export interface ScorePlugin extends Plugin {
  score(job: PendingJob, candidate: Candidate, ctx: CycleContext): number;
  /**
   * True when the score depends on the node's identity, not only its state (a seeded random draw
   * per node name). The cycle then scores every node instead of one per equivalence class.
   */
  readonly nameDependent?: boolean;
  /**
   * True when the score may change within a cycle for the same node state and request (it reads
   * cluster-wide state, e.g. a federation plan over every site's free capacity). Other scores are
   * computed once per (request shape, node state) per cycle; the shape does not hold the job's
   * queue, so a score that reads the queue must be dynamic.
   */
  readonly dynamic?: boolean;
}

/** permit: a last say over a whole gang's tentative placement (topology, gang rules). */
export interface PermitPlugin extends Plugin {
  permit(job: PendingJob, placements: readonly ReplicaPlacement[], ctx: CycleContext): Status;
}

/**
 * preempt: may `victim` be evicted so that `preemptor` can start? Returns why (for the record) or
 * null. The preemption action asks only about running jobs that are preemptible and of strictly
 * lower priority, so no plugin can widen those rules; a victim is eligible when any plugin says so.
 * It may be asked again inside a simulation where earlier victims are already gone. Its answer may
 * depend on the victim's queue, priority and holding, not on which job it is: preemption asks once
 * per such victim kind and preemptor.
 */
export interface PreemptPlugin extends Plugin {
  mayEvict(preemptor: PendingJob, victim: RunningJob, ctx: CycleContext): string | null;
}

/**
 * - `any-fit`: every job that fits may start (the default).
 * - `reserve-head`: the first job blocked for capacity gets a reservation at the earliest time
 *   running jobs (by their maxDurationSeconds) free enough room for it; a later job may start only
 *   if it ends before then or fits beside the reservation. See backfill.ts.
 */
export type BackfillMode = 'any-fit' | 'reserve-head';

/**
 * The adaptation center as the scheduler sees it: which device models can run a job, with the
 * verdict and the predicted relative throughput (1 = the reference device). Pure and read-only.
 */
export interface CompatOracle {
  options(spec: CompiledJobSpec): CompatOptions;
}

export interface CompatOption {
  /** verified | works-with-caveats | unknown (unknown only when the job allows it). */
  status: string;
  /** Relative throughput for this job's workload class; 1 = the reference device. */
  throughput: number;
  /** True when the throughput is a prior from catalog peaks, not a measurement. */
  estimated: boolean;
  stack: string;
  /** '*' when no verdict states one. */
  stackVersion: string;
  image?: string;
  /** Extra environment the runtime needs on this model (beyond visible-devices variables). */
  env?: Record<string, string>;
  /** Where the verdict comes from, for explanations ("probe 2026-11-29 on east-dcu/node-0"). */
  evidence: string;
}

export interface CompatOptions {
  /** Device model id → how it would run there. Models absent here cannot run the job. */
  allowed: ReadonlyMap<string, CompatOption>;
  /** Device model id → why it cannot run the job. */
  refused: ReadonlyMap<string, string>;
}

/** Read-only knowledge handed to plugin factories when a profile is compiled. Never I/O. */
export interface PluginDeps {
  /**
   * The expected workload (typical requests and how often they come), for fragmentation-aware
   * scoring; absent = single whole devices (see plugins/fgd.ts).
   */
  workload?: WorkloadMix;
  compat?: CompatOracle;
  /** Queues with their quotas and limits; absent or empty = no queue rules. */
  queues?: readonly QueueConfig[];
  /**
   * Each site's current prices, queue wait, datasets and transfer terms, for placement by cost or
   * time. A function because providers update their terms while the scheduler runs; it must be pure.
   */
  siteTerms?: () => readonly SiteTerms[];
}

export interface ScoreWeight {
  plugin: ScorePlugin;
  weight: number;
}

/**
 * A compiled profile: the plugins chosen for each extension point. Never changed once built: the
 * node walks cache what they derive from it (placement-score.ts profileTraits).
 */
export interface Profile {
  name: string;
  order: OrderPlugin[];
  admit: AdmitPlugin[];
  filter: FilterPlugin[];
  score: ScoreWeight[];
  permit: PermitPlugin[];
  /** Picks the queue of each next job; none = one global `order`. */
  queueOrder?: QueueOrderPlugin[];
  /** Who may be evicted for a job that does not fit; none = no preemption. */
  preempt?: PreemptPlugin[];
  backfill?: BackfillMode;
  /** When set, the cycle keeps a per-queue usage view in the cycle state (see queues.ts). */
  queues?: readonly QueueConfig[];
}
