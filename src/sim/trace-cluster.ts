/**
 * How the trace maps onto Junction's cluster model.
 *
 * - A trace node becomes a NodeInfo with its CPU (millicores), memory (MiB) and `gpu` devices of
 *   its model. The trace names models (T4, P100, G2, ...) but not vendors, and G2/G3 are
 *   undisclosed, so every device gets the one vendor `openb` and the trace's model name as its
 *   model id; `gpu_spec` then restricts `accelerators.models` to exactly those names.
 * - The trace measures GPUs in milli (1000 = one GPU) and says nothing of device memory. Each
 *   device is therefore modelled with memoryMiB = 1000: one MiB of the model stands for one
 *   milli-GPU, so the integer memory accounting of ClusterState is exact GPU-milli accounting
 *   (used milli of a device = 1000 − freeMemoryMiB).
 * - num_gpu ≥ 1 with gpu_milli = 1000 takes whole devices (kind `whole`, count num_gpu).
 *   num_gpu = 1 with gpu_milli < 1000 takes a share of one device: memory = gpu_milli and
 *   compute = ⌊gpu_milli / 10⌋ percent. Flooring keeps compute integral (every published row is a
 *   multiple of 10, so it is exact there) and never binds before memory does, because the floors
 *   of shares that fit in 1000 milli sum to at most 100 percent.
 * - CPU and memory requests are taken as they are; num_gpu = 0 is CPU-only work (kind `none`).
 */
import type { DeviceInfo, NodeInfo } from '../cluster/types.js';
import type { PendingJob } from '../scheduler/framework.js';
import { makeJob } from '../scheduler/testing.js';
import type { ReplicaResources } from '../spec/types.js';
import type { TraceNode, TracePod } from './trace.js';

export const TRACE_SITE = 'openb';
export const TRACE_VENDOR = 'openb';
/** Milli per GPU, and so the memoryMiB each modelled device has. */
export const GPU_MILLI = 1000;

export function traceNodeInfo(node: TraceNode): NodeInfo {
  const devices: DeviceInfo[] = Array.from({ length: node.gpus }, (_, index) => ({
    index,
    vendor: TRACE_VENDOR,
    model: node.model,
    memoryMiB: GPU_MILLI,
    healthy: true,
  }));
  return {
    name: node.name,
    site: TRACE_SITE,
    domains: [],
    cpuMillis: node.cpuMillis,
    memoryMiB: node.memoryMiB,
    devices,
    labels: {},
    schedulable: true,
  };
}

export function traceRequest(pod: TracePod): ReplicaResources {
  const base = { minMemoryMiB: 0, vendors: [], models: [...pod.gpuSpec], topology: 'any' as const };
  if (pod.gpus === 0) {
    return { cpuMillis: pod.cpuMillis, memoryMiB: pod.memoryMiB, accelerators: { kind: 'none', count: 0, ...base } };
  }
  if (pod.gpuMilli >= GPU_MILLI) {
    return {
      cpuMillis: pod.cpuMillis,
      memoryMiB: pod.memoryMiB,
      accelerators: { kind: 'whole', count: pod.gpus, ...base },
    };
  }
  const share = { memoryMiB: pod.gpuMilli, computePercent: Math.floor(pod.gpuMilli / 10) };
  return {
    cpuMillis: pod.cpuMillis,
    memoryMiB: pod.memoryMiB,
    accelerators: { kind: 'share', count: 1, share, ...base },
  };
}

/** The pod as a one-replica job. `id` must be unique within a run (duplicated pods get new ids). */
export function traceJob(pod: TracePod, id: string, submittedAt: number): PendingJob {
  const job = makeJob(id, {}, { submittedAt });
  job.spec.name = pod.name;
  job.spec.labels = { qos: pod.qos };
  job.spec.resources.perReplica = traceRequest(pod);
  return job;
}

/** GPU milli a pod asks for in all: num_gpu × gpu_milli. */
export function podGpuMilli(pod: TracePod): number {
  return pod.gpus * pod.gpuMilli;
}
