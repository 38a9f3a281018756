/** Builders for hand-made jobs and nodes in scheduler tests and benchmarks. */
import type { DeviceInfo, NodeInfo } from '../cluster/types.js';
import { compiledSpec } from '../spec/testing.js';
import type { AcceleratorRequest, CompiledJobSpec } from '../spec/types.js';
import type { PendingJob, RunningJob } from './framework.js';

export function makeNode(
  name: string,
  vendor: string,
  model: string,
  devices: number,
  options: { memoryMiB?: number; site?: string; domains?: string[]; cpuMillis?: number } = {},
): NodeInfo {
  const list: DeviceInfo[] = Array.from({ length: devices }, (_, index) => ({
    index,
    vendor,
    model,
    memoryMiB: options.memoryMiB ?? 65536,
    healthy: true,
  }));
  return {
    name,
    site: options.site ?? 'site-a',
    domains: options.domains ?? [],
    cpuMillis: options.cpuMillis ?? 64000,
    memoryMiB: 512 * 1024,
    devices: list,
    labels: {},
    schedulable: true,
  };
}

export function makeJob(
  id: string,
  accelerators: Partial<AcceleratorRequest> = {},
  options: {
    replicas?: number;
    priority?: CompiledJobSpec['priority'];
    submittedAt?: number;
    sites?: string[];
    nodes?: string[];
    queue?: string;
    tenant?: string;
    preemptible?: boolean;
    maxDurationSeconds?: number;
  } = {},
): PendingJob {
  const spec = compiledSpec({
    name: id,
    queue: options.queue ?? 'default',
    priority: options.priority ?? 'normal',
    replicas: options.replicas ?? 1,
    perReplica: {
      cpuMillis: 1000,
      memoryMiB: 1024,
      accelerators: { kind: 'whole', count: 1, topology: 'any', ...accelerators },
    },
    placement: { sites: options.sites ?? [], nodes: options.nodes ?? [] },
    runtime: {
      preemptible: options.preemptible ?? false,
      ...(options.maxDurationSeconds === undefined ? {} : { maxDurationSeconds: options.maxDurationSeconds }),
    },
  });
  const queue = options.queue ?? 'default';
  return { id, tenant: options.tenant ?? 'default', queue, spec, submittedAt: options.submittedAt ?? 0 };
}

/** The RunningJob a caller would report for `job` once it started at `startedAt`. */
export function runningOf(job: PendingJob, startedAt = 0): RunningJob {
  const { priority, runtime } = job.spec;
  return {
    id: job.id,
    queue: job.queue,
    priority,
    preemptible: runtime.preemptible,
    startedAt,
    ...(runtime.maxDurationSeconds === undefined ? {} : { maxDurationSeconds: runtime.maxDurationSeconds }),
  };
}
