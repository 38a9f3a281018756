/**
 * The compiled job spec: what travels inward after parsing, validation and defaults.
 * Every quantity is already in base units (millicores, MiB, seconds, percent), so the
 * core never parses strings. The user-facing YAML/JSON form lives in ./schema.ts.
 */

export const PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Numeric value of each priority class; higher runs first and may preempt lower. */
export const PRIORITY_VALUE: Record<Priority, number> = { low: 100, normal: 200, high: 300, critical: 400 };

export type Topology = 'same-node' | 'same-domain' | 'any';
export type Objective = 'cost' | 'time';
/** strict: run only where the adaptation center has evidence the stack works; permissive: also where nothing is known. */
export type CompatMode = 'strict' | 'permissive';
/** training: compute-bound; inference: memory-bound. Drives throughput predictions. */
export type WorkloadClass = 'training' | 'inference';

/** A fractional slice of one device. */
export interface ShareRequest {
  memoryMiB: number;
  /** 1..100; 100 means the whole compute of the device (but memory is still a slice). */
  computePercent: number;
}

export interface AcceleratorRequest {
  /** none: CPU-only; whole: `count` whole devices; share: one fractional slice of one device. */
  kind: 'none' | 'whole' | 'share';
  /** Whole devices per replica (0 for none, 1 for share). */
  count: number;
  share?: ShareRequest;
  /** Minimum device memory (MiB) for a device to qualify; 0 = no minimum. */
  minMemoryMiB: number;
  /** Canonical vendor ids in order of preference; empty = any vendor. */
  vendors: string[];
  /** Catalog model ids in order of preference; empty = any model. A non-empty list also restricts. */
  models: string[];
  topology: Topology;
}

export interface ReplicaResources {
  cpuMillis: number;
  memoryMiB: number;
  accelerators: AcceleratorRequest;
}

export interface CompiledJobSpec {
  apiVersion: 'junction/v1';
  kind: 'Job';
  name: string;
  labels: Record<string, string>;
  queue: string;
  priority: Priority;
  workload: {
    framework?: { name: string; version: string };
    precision: string[];
    /** 'auto' = the adaptation center chooses; otherwise a map stack-or-vendor → image. */
    image: 'auto' | Record<string, string>;
    command: string[];
    env: Record<string, string>;
    workingDir?: string;
    /** Work estimate: seconds on the reference device model (a catalog id). */
    estimate?: { referenceSeconds: number; referenceModel: string };
    class: WorkloadClass;
    compat: CompatMode;
  };
  resources: {
    replicas: number;
    perReplica: ReplicaResources;
  };
  placement: {
    objective: Objective;
    maxPricePerHour?: number;
    /** ISO-8601 instant. */
    deadline?: string;
    /** Site names; empty = any. */
    sites: string[];
    /** Full node names; empty = any. */
    nodes: string[];
    /** Region names; empty = any. */
    regions: string[];
    /** The dataset the job reads, for data locality. */
    data?: { dataset: string; sizeMiB: number };
  };
  runtime: {
    maxDurationSeconds?: number;
    /** How many times a failed run is retried (0 = run once). */
    retries: number;
    preemptible: boolean;
    /** Seconds between SIGTERM and SIGKILL on cancel. */
    gracePeriodSeconds: number;
  };
}

/** One problem with a submitted spec: where, what was given, what is accepted. */
export interface SpecIssue {
  /** Dotted field path, e.g. `spec.resources.perReplica.accelerators.share.compute`. */
  path: string;
  message: string;
  /** The offending value, when there is one (truncated for display). */
  value?: unknown;
  /** What would fix it ("did you mean `replicas`?", "use one of: low, normal, high, critical"). */
  hint?: string;
}

export type SpecResult = { ok: true; spec: CompiledJobSpec } | { ok: false; issues: SpecIssue[] };
