/** Builders for hand-made jobs and nodes in scheduler tests and benchmarks. */
import type { DeviceInfo, NodeInfo } from '../cluster/types.js';
import type { AcceleratorRequest, CompiledJobSpec } from '../spec/types.js';
import type { PendingJob } from './framework.js';

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
  } = {},
): PendingJob {
  const acc: AcceleratorRequest = {
    kind: 'whole',
    count: 1,
    minMemoryMiB: 0,
    vendors: [],
    models: [],
    topology: 'any',
    ...accelerators,
  };
  const spec: CompiledJobSpec = {
    apiVersion: 'junction/v1',
    kind: 'Job',
    name: id,
    labels: {},
    queue: 'default',
    priority: options.priority ?? 'normal',
    workload: { precision: [], image: 'auto', command: ['true'], env: {}, class: 'training', compat: 'strict' },
    resources: { replicas: options.replicas ?? 1, perReplica: { cpuMillis: 1000, memoryMiB: 1024, accelerators: acc } },
    placement: { objective: 'cost', sites: options.sites ?? [], nodes: options.nodes ?? [] },
    runtime: { retries: 0, preemptible: false, gracePeriodSeconds: 10 },
  };
  return { id, tenant: 'default', queue: 'default', spec, submittedAt: options.submittedAt ?? 0 };
}
