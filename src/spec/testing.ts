/**
 * One builder of compiled specs for tests and benchmarks everywhere: the defaults a spec compiles
 * to, with nested overrides. A new spec field gets its default here once.
 */
import { JOB_SPEC_DEFAULTS as D } from './defaults.js';
import type { AcceleratorRequest, CompiledJobSpec } from './types.js';

type Spec = CompiledJobSpec;

export interface SpecOverrides {
  name?: string;
  labels?: Spec['labels'];
  queue?: string;
  priority?: Spec['priority'];
  workload?: Partial<Spec['workload']>;
  replicas?: number;
  perReplica?: Partial<Omit<Spec['resources']['perReplica'], 'accelerators'>> & {
    accelerators?: Partial<AcceleratorRequest>;
  };
  placement?: Partial<Spec['placement']>;
  runtime?: Partial<Spec['runtime']>;
}

/** A compiled spec as `compileJobSpec` would give for a minimal document, with `overrides` applied. */
export function compiledSpec(overrides: SpecOverrides = {}): CompiledJobSpec {
  const accelerators: AcceleratorRequest = {
    kind: 'none',
    count: 0,
    minMemoryMiB: 0,
    vendors: [],
    models: [],
    topology: D.topology,
    ...overrides.perReplica?.accelerators,
  };
  return {
    apiVersion: 'junction/v1',
    kind: 'Job',
    name: overrides.name ?? 'job',
    labels: overrides.labels ?? {},
    queue: overrides.queue ?? D.queue,
    priority: overrides.priority ?? D.priority,
    workload: {
      precision: [],
      image: D.image,
      command: ['true'],
      env: {},
      class: D.workloadClass,
      compat: D.compat,
      ...overrides.workload,
    },
    resources: {
      replicas: overrides.replicas ?? D.replicas,
      perReplica: {
        cpuMillis: overrides.perReplica?.cpuMillis ?? D.cpuMillis,
        memoryMiB: overrides.perReplica?.memoryMiB ?? D.memoryMiB,
        accelerators,
      },
    },
    placement: { objective: D.objective, sites: [], nodes: [], regions: [], ...overrides.placement },
    runtime: {
      retries: D.retries,
      preemptible: D.preemptible,
      gracePeriodSeconds: D.gracePeriodSeconds,
      ...overrides.runtime,
    },
  };
}
