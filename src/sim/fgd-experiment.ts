/**
 * The FGD paper's packing experiment (Weng et al., USENIX ATC '23), run with Junction's scheduler.
 * Per seed: shuffle the pods, inflate them to 130 % of the cluster's GPU capacity, and place them
 * online one at a time on an empty cluster with no departures (a pod that fits nowhere is skipped
 * and counted). Each run draws one random priority order over the nodes, the tie rule of the
 * published harness: equal scores go to the earlier node. Reports the unallocated GPU % when
 * arrived demand reaches 100 % and 130 % of capacity. Pure.
 */
import { ClusterState } from '../cluster/state.js';
import type { NodeInfo } from '../cluster/types.js';
import type { PendingJob } from '../scheduler/framework.js';
import { FRAG_PACK_MIX } from '../scheduler/plugins/frag-pack.js';
import {
  estimateWorkloadMix,
  type MixOptions,
  PAPER_MIX,
  type WorkloadMix,
} from '../scheduler/plugins/fragmentation.js';
import { AllocationCurve } from './allocation-curve.js';
import { arrivalSequence, nodePriorityOrder } from './arrivals.js';
import { POLICIES } from './policies.js';
import { OnlinePlacer } from './replay.js';
import { mean, median } from './stats.js';
import type { TraceNode, TracePod } from './trace.js';
import { GPU_MILLI, podGpuMilli, traceJob, traceNodeInfo, traceRequest } from './trace-cluster.js';

export interface ExperimentOptions {
  nodes: readonly TraceNode[];
  pods: readonly TracePod[];
  policies: readonly string[];
  seeds: readonly number[];
  /** Arrived demand to stop at, as a multiple of GPU capacity; 1.3 in the paper. */
  inflation?: number;
  /** Called after each (policy, seed) run, e.g. for progress. */
  onRun?: (policy: string, run: SeedRun) => void;
}

export interface SeedRun {
  seed: number;
  attempts: number;
  placed: number;
  failed: number;
  unallocatedGpuPct: { '100': number | null; '130': number | null };
  /** Unallocated GPU % at arrive% 0..130. */
  curve: (number | null)[];
}

export interface PolicyResult {
  policy: string;
  /** Pods in the original list. */
  pods: number;
  seeds: number[];
  capacityGpuMilli: number;
  unallocatedGpuPct: { '100': number; '130': number };
  medianUnallocatedGpuPct: { '100': number; '130': number };
  runs: SeedRun[];
  /** Median and mean over seeds at each arrive% 0..130. */
  curveMedian: (number | null)[];
  curveMean: (number | null)[];
}

export class UnknownPolicyError extends Error {
  constructor(readonly policy: string) {
    super(`unknown policy "${policy}"; known: ${Object.keys(POLICIES).join(', ')}`);
    this.name = 'UnknownPolicyError';
  }
}

export function gpuCapacityMilli(nodes: readonly TraceNode[]): number {
  return nodes.reduce((sum, node) => sum + node.gpus * GPU_MILLI, 0);
}

/** The expected workload the fragmentation measure uses, estimated from the original pod list. */
export function traceWorkloadMix(pods: readonly TracePod[], options: MixOptions = PAPER_MIX): WorkloadMix {
  return estimateWorkloadMix(pods.map(traceRequest), options);
}

export function runFgdExperiment(options: ExperimentOptions): PolicyResult[] {
  for (const policy of options.policies) if (!POLICIES[policy]) throw new UnknownPolicyError(policy);
  const capacity = gpuCapacityMilli(options.nodes);
  const infos = options.nodes.map(traceNodeInfo);
  const workloads = {
    workload: traceWorkloadMix(options.pods),
    fullWorkload: traceWorkloadMix(options.pods, FRAG_PACK_MIX),
  };
  const runs = new Map<string, SeedRun[]>(options.policies.map((p) => [p, []]));
  for (const seed of options.seeds) {
    const arrivals = arrivalSequence(options.pods, seed, capacity, options.inflation ?? 1.3);
    const jobs = arrivals.map((pod, i) => traceJob(pod, `${i}-${pod.name}`, i));
    const order = nodePriorityOrder(infos.length, seed).map((i) => infos[i]!);
    for (const policy of options.policies) {
      const run = runOnce(policy, seed, order, arrivals, jobs, capacity, workloads);
      runs.get(policy)!.push(run);
      options.onRun?.(policy, run);
    }
  }
  return options.policies.map((policy) => summarize(policy, options, capacity, runs.get(policy)!));
}

/** One policy, one seed: online placement of `arrivals` on an empty cluster whose nodes are in priority order. */
export function runOnce(
  policy: string,
  seed: number,
  order: readonly NodeInfo[],
  arrivals: readonly TracePod[],
  jobs: readonly PendingJob[],
  capacity: number,
  workloads: { workload: WorkloadMix; fullWorkload: WorkloadMix },
): SeedRun {
  const build = POLICIES[policy];
  if (!build) throw new UnknownPolicyError(policy);
  const cluster = new ClusterState(order);
  const placer = new OnlinePlacer(cluster, [...cluster.nodes()], build({ ...workloads, seed }));
  const curve = new AllocationCurve(capacity);
  let placed = 0;
  for (let i = 0; i < jobs.length; i++) {
    const ok = placer.place(jobs[i]!) !== undefined;
    if (ok) placed++;
    curve.record(podGpuMilli(arrivals[i]!), ok);
  }
  return {
    seed,
    attempts: jobs.length,
    placed,
    failed: jobs.length - placed,
    unallocatedGpuPct: { '100': curve.at(100), '130': curve.at(130) },
    curve: curve.points(),
  };
}

function summarize(policy: string, options: ExperimentOptions, capacity: number, runs: SeedRun[]): PolicyResult {
  const at = (k: '100' | '130') => runs.map((r) => r.unallocatedGpuPct[k]).filter((v): v is number => v !== null);
  const length = runs[0]?.curve.length ?? 0;
  const column = (k: number) => runs.map((r) => r.curve[k]).filter((v): v is number => v !== null && v !== undefined);
  const curveOf = (f: (values: number[]) => number) =>
    Array.from({ length }, (_, k) => {
      const values = column(k);
      return values.length > 0 ? f(values) : null;
    });
  return {
    policy,
    pods: options.pods.length,
    seeds: [...options.seeds],
    capacityGpuMilli: capacity,
    unallocatedGpuPct: { '100': mean(at('100')), '130': mean(at('130')) },
    medianUnallocatedGpuPct: { '100': median(at('100')), '130': median(at('130')) },
    runs,
    curveMedian: curveOf(median),
    curveMean: curveOf(mean),
  };
}
