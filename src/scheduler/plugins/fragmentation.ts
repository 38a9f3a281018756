/**
 * The fragmentation measure of Fragmentation Gradient Descent (Weng et al., USENIX ATC '23), on
 * Junction's cluster model. Pure.
 *
 * For a node with free CPU c and per-device free amounts R (in milli-devices: 1000 = a whole idle
 * device) and a typical request m of the expected workload:
 * - if m needs no device, or the node cannot host m at all (CPU, device model, too few fitting
 *   devices), every free milli of the node is a fragment for m: frag(m) = Σ R;
 * - otherwise the fragments are the free milli on devices that cannot take m's per-device share.
 * The node's fragmentation is the expected frag over the workload: F = Σ_m p_m · frag(m).
 * Memory is ignored, as in the published measure.
 */
import type { NodeState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';
import type { ReplicaResources } from '../../spec/types.js';

/** One typical request of the expected workload, and how often it occurs. */
export interface TypicalRequest {
  cpuMillis: number;
  /** none: CPU-only; whole: `count` idle devices; share: one device with this much free. */
  kind: 'none' | 'whole' | 'share';
  count: number;
  shareMemoryMiB: number;
  shareComputePercent: number;
  /** Allowed device models; empty = any. */
  models: readonly string[];
  /** Probability; the weights of a mix sum to 1. */
  weight: number;
}

export interface WorkloadMix {
  readonly requests: readonly TypicalRequest[];
}

/** The free state of one device, as fragmentation sees it. */
export interface DeviceFree {
  model: string;
  /** Free amount in milli-devices: min(free memory share, free compute share) × 1000. */
  milli: number;
  memoryMiB: number;
  computePercent: number;
  /** Nothing allocated on it. */
  idle: boolean;
}

/** Milli-devices per device. */
export const DEVICE_MILLI = 1000;

function freeMilli(freeMemoryMiB: number, memoryMiB: number, freeComputePercent: number): number {
  // Multiply before dividing, so a device modelled with memoryMiB = 1000 yields exact integers.
  return Math.min((freeMemoryMiB * DEVICE_MILLI) / memoryMiB, freeComputePercent * 10);
}

export function deviceFreeList(node: NodeState): DeviceFree[] {
  return node.devices.map((d) => ({
    model: d.info.model,
    milli: d.info.healthy ? freeMilli(d.freeMemoryMiB, d.info.memoryMiB, d.freeComputePercent) : 0,
    memoryMiB: d.info.healthy ? d.freeMemoryMiB : 0,
    computePercent: d.info.healthy ? d.freeComputePercent : 0,
    idle: d.info.healthy && d.holders.size === 0,
  }));
}

/** The device list as it would be after `placement` lands on the node. */
export function afterPlacement(
  node: NodeState,
  free: readonly DeviceFree[],
  placement: ReplicaPlacement,
): DeviceFree[] {
  const out = free.slice();
  for (const a of placement.devices) out[a.index] = deviceAfter(node, out[a.index]!, a);
  return out;
}

/** One device's free state after `a` (a device's share of a placement) lands on it. */
export function deviceAfter(
  node: NodeState,
  before: DeviceFree,
  a: { index: number; memoryMiB: number; computePercent: number },
): DeviceFree {
  const info = node.devices[a.index]!.info;
  const memoryMiB = before.memoryMiB - a.memoryMiB;
  const computePercent = before.computePercent - a.computePercent;
  return {
    model: before.model,
    milli: freeMilli(memoryMiB, info.memoryMiB, computePercent),
    memoryMiB,
    computePercent,
    idle: false,
  };
}

/** Whether two devices are in the same free state (so they score the same). */
export function sameDeviceFree(a: DeviceFree, b: DeviceFree): boolean {
  return (
    a.model === b.model &&
    a.milli === b.milli &&
    a.memoryMiB === b.memoryMiB &&
    a.computePercent === b.computePercent &&
    a.idle === b.idle
  );
}

function canHost(m: TypicalRequest, d: DeviceFree): boolean {
  if (m.models.length > 0 && !m.models.includes(d.model)) return false;
  if (m.kind === 'whole') return d.idle;
  return d.memoryMiB >= m.shareMemoryMiB && d.computePercent >= m.shareComputePercent;
}

/** Expected fragmented milli of a node with `freeCpuMillis` and `devices` under the workload mix. */
export function nodeFragmentation(freeCpuMillis: number, devices: readonly DeviceFree[], mix: WorkloadMix): number {
  let total = 0;
  for (const d of devices) total += d.milli;
  if (total === 0) return 0;
  let frag = 0;
  for (const m of mix.requests) {
    if (m.kind === 'none' || freeCpuMillis < m.cpuMillis) {
      frag += m.weight * total;
      continue;
    }
    let fitting = 0;
    let stranded = 0;
    for (const d of devices) {
      if (canHost(m, d)) fitting++;
      else stranded += d.milli;
    }
    frag += m.weight * (fitting >= m.count ? stranded : total);
  }
  return frag;
}

/**
 * The typical requests of a workload, as FGD estimates them: distinct (CPU, device kind, count,
 * share, models) among `requests`, most frequent first (ties in order of first appearance),
 * kept until they cover `coverage` of all requests, with frequencies renormalised to sum to 1.
 */
export interface MixOptions {
  /** Share of requests (by weight) the kept typical requests must cover; 0.95 in the paper. */
  coverage: number;
  /** count: each request weighs 1 (the paper); demand: each weighs its device milli (CPU-only work weighs `cpuOnlyMilli`). */
  weighting: 'count' | 'demand';
  cpuOnlyMilli?: number;
}

export const PAPER_MIX: MixOptions = { coverage: 0.95, weighting: 'count' };

export function estimateWorkloadMix(
  requests: Iterable<ReplicaResources>,
  options: MixOptions = PAPER_MIX,
): WorkloadMix {
  const { coverage } = options;
  const counts = new Map<string, { request: Omit<TypicalRequest, 'weight'>; count: number }>();
  let total = 0;
  for (const r of requests) {
    const acc = r.accelerators;
    const request = {
      cpuMillis: r.cpuMillis,
      kind: acc.kind,
      count: acc.kind === 'none' ? 0 : acc.count,
      shareMemoryMiB: acc.kind === 'share' ? (acc.share?.memoryMiB ?? 0) : 0,
      shareComputePercent: acc.kind === 'share' ? (acc.share?.computePercent ?? 0) : 0,
      models: [...acc.models].sort(),
    };
    const key = JSON.stringify(request);
    const weight =
      options.weighting === 'count'
        ? 1
        : request.kind === 'none'
          ? (options.cpuOnlyMilli ?? 0)
          : request.kind === 'whole'
            ? DEVICE_MILLI * request.count
            : request.shareComputePercent * 10;
    if (weight <= 0) continue;
    const entry = counts.get(key);
    if (entry) entry.count += weight;
    else counts.set(key, { request, count: weight });
    total += weight;
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const kept: typeof ranked = [];
  let covered = 0;
  for (const entry of ranked) {
    if (covered >= coverage * total) break;
    kept.push(entry);
    covered += entry.count;
  }
  return { requests: kept.map((e) => ({ ...e.request, weight: e.count / covered })) };
}
