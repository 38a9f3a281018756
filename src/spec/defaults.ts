import type { CompatMode, Objective, Priority, Topology, WorkloadClass } from './types.js';

export interface JobSpecDefaults {
  queue: string;
  priority: Priority;
  replicas: number;
  cpuMillis: number;
  memoryMiB: number;
  /** Used when `accelerators` is present but names neither `count` nor `share`. */
  acceleratorCount: number;
  topology: Topology;
  objective: Objective;
  image: 'auto';
  /** Used when `framework` gives no `version`: any version. */
  frameworkVersion: string;
  retries: number;
  preemptible: boolean;
  gracePeriodSeconds: number;
  compat: CompatMode;
  workloadClass: WorkloadClass;
  /** Reference device of a work estimate that names none. */
  referenceModel: string;
}

/** The defaults applied once by compileJobSpec; the JSON Schema descriptions quote them. */
export const JOB_SPEC_DEFAULTS: Readonly<JobSpecDefaults> = Object.freeze({
  queue: 'default',
  priority: 'normal',
  replicas: 1,
  cpuMillis: 1000,
  memoryMiB: 2048,
  acceleratorCount: 1,
  topology: 'any',
  objective: 'cost',
  image: 'auto',
  frameworkVersion: '*',
  retries: 0,
  preemptible: false,
  gracePeriodSeconds: 10,
  compat: 'strict',
  workloadClass: 'training',
  referenceModel: 'nvidia-a100-80gb',
});
