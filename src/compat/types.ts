/**
 * The adaptation center's knowledge: verdicts on (device model, stack, framework) with the evidence
 * behind each. Plain data; every operation on it lives in its own file and is pure.
 */

/**
 * verified: a passing probe, or a vendor document that states the combination is supported and tested.
 * works-with-caveats: a published claim with limits (the source does not name the device model, a
 *   third-party source, a capability taken from a datasheet rather than the framework's docs).
 * fails: a failing probe or a source that states the combination does not work.
 * unknown: nothing sourced says either way. Refused unless the job says `compat: permissive`.
 */
export const VERDICT_STATUSES = ['verified', 'works-with-caveats', 'fails', 'unknown'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export const PRECISION_CAPABILITIES = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8'] as const;
/** Collective communication libraries, one per vendor family. */
export const COLLECTIVE_CAPABILITIES = ['nccl', 'rccl', 'hccl', 'cncl', 'bkcl', 'mccl', 'eccl'] as const;
export const CAPABILITIES = [...PRECISION_CAPABILITIES, 'flash-attention', ...COLLECTIVE_CAPABILITIES] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const WORKLOAD_CLASSES = ['training', 'inference'] as const;
/** training is compute-bound (peak matrix FLOPS), inference memory-bound (memory bandwidth). */
export type WorkloadClass = (typeof WORKLOAD_CLASSES)[number];

export interface Measurement {
  /** `relative-throughput:<workload class>` for throughput against the reference device; free form otherwise. */
  metric: string;
  value: number;
  unit: string;
}

export interface Evidence {
  /** probe: a run on a real node; document: a published source. */
  kind: 'probe' | 'document';
  title: string;
  url?: string;
  /** YYYY-MM-DD or YYYY-MM: the date the source states, else the date it was read; for a probe, the day it ran. */
  date: string;
  /** Probes only: where it ran. */
  node?: string;
  site?: string;
  /** Probes only: what the probe found. */
  outcome?: 'pass' | 'fail';
  /** Kept for failures, so a person can see why. */
  output?: string;
  measured?: Measurement;
}

/** What a verdict is about. Versions are concrete ("12.4", "2.5.1"); `*` means the source did not state one. */
export interface VerdictKey {
  /** Catalog model id. */
  model: string;
  stack: string;
  stackVersion: string;
  framework: string;
  frameworkVersion: string;
}

export interface RelativeThroughput {
  /** 1 = the reference device (see throughput.ts). */
  value: number;
  estimated: boolean;
  workloadClass: WorkloadClass;
}

export interface Verdict extends VerdictKey {
  status: VerdictStatus;
  /** Per capability; an absent capability is `unknown`. */
  capabilities: Partial<Record<Capability, VerdictStatus>>;
  caveats: string[];
  evidence: Evidence[];
  relativeThroughput?: RelativeThroughput;
  /** The container image that runs this combination, when one is known. */
  image?: string;
  /** Extra environment the runtime needs (beyond the visible-devices variables). */
  env?: Record<string, string>;
}

export interface KnowledgeBase {
  schemaVersion: 1;
  /** Increases by one on every change; lets a reader tell two exports apart. */
  revision: number;
  verdicts: Verdict[];
}

/** Metric name of a measured relative throughput for one workload class. */
export function relativeThroughputMetric(workloadClass: WorkloadClass): string {
  return `relative-throughput:${workloadClass}`;
}

/** One string per verdict key: model|stack|stackVersion|framework|frameworkVersion (framework lower-cased). */
export function verdictKeyString(key: VerdictKey): string {
  return [key.model, key.stack, key.stackVersion, key.framework.toLowerCase(), key.frameworkVersion].join('|');
}
